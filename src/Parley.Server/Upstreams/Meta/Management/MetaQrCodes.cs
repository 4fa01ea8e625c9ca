using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.QrCodes;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Claims the message QR codes of every <c>meta</c> channel: Meta makes them.</summary>
internal sealed class MetaQrCodes(MetaGraphClient graph) : IRemoteQrCodes
{
    public IRemoteQrCodeList? ForChannel(Channel channel) =>
        MetaSettings.Of(channel) is { } settings ? new MetaQrCodeList(settings, graph) : null;
}

/// <summary>
/// A meta channel's message QR codes at Meta (Meta's OpenAPI, <c>/{Phone-Number-ID}/message_qrdls</c>): Meta makes the
/// code, its <c>wa.me</c> deep link and its image URL, and answers as it answers; its refusals are Meta's errors as they are.
/// </summary>
internal sealed class MetaQrCodeList(MetaSettings settings, MetaGraphClient graph) : IRemoteQrCodeList
{
    private string Path => $"{settings.PhoneNumberId}/message_qrdls";

    public async Task<Outcome<JsonObject>> SaveAsync(string? code, string prefilledMessage, string? imageFormat, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["prefilled_message"] = prefilledMessage };
        if (code is not null)
        {
            body["code"] = code;
        }
        if (imageFormat is not null)
        {
            body["generate_qr_image"] = imageFormat;
        }
        return Object(await graph.PostJsonAsync(settings, Path, body.ToJsonString(), cancellationToken));
    }

    public async Task<Outcome<RemoteQrCodePage>> ListAsync(
        string? fields, string? code, int? limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        Add(query, "fields", fields);
        Add(query, "code", code);
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        Add(query, "after", after);
        Add(query, "before", before);
        var answer = await graph.GetAsync(settings, query.Count == 0 ? Path : $"{Path}?{string.Join('&', query)}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var paging = answer.Value["paging"];
        return new RemoteQrCodePage(
            [.. MetaGroupJson.Objects(answer.Value, "data").Select(c => c.DeepClone().AsObject())],
            MetaGroupJson.Text(paging?["cursors"], "before"), MetaGroupJson.Text(paging?["cursors"], "after"),
            paging?["previous"] is not null, paging?["next"] is not null);
    }

    public async Task<Outcome<JsonObject>> GetAsync(string code, string? fields, CancellationToken cancellationToken) =>
        Object(await graph.GetAsync(
            settings, $"{Path}/{Uri.EscapeDataString(code)}" + (string.IsNullOrEmpty(fields) ? "" : "?fields=" + Uri.EscapeDataString(fields)), cancellationToken));

    public async Task<WhatsAppError?> DeleteAsync(string code, CancellationToken cancellationToken)
    {
        var answer = await graph.SendAsync(settings, HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(code)}", null, cancellationToken);
        return answer.Succeeded ? null : answer.Error;
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static Outcome<JsonObject> Object(Outcome<JsonNode> answer)
    {
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        return answer.Value is JsonObject json
            ? json
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("The Graph API answered the QR code call with something that is not an object.");
    }
}
