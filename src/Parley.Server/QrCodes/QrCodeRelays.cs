using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Model;
using Parley.Core.QrCodes;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.QrCodes;

/// <summary>
/// The <c>message_qrdls</c> calls of a channel whose codes its upstream makes (<see cref="IRemoteQrCodes"/>): each call is
/// made there and answered with the upstream's answer (its code, deep link and image URL); the paging links point back at
/// Parley with the upstream's cursors. What the upstream made, changed or deleted is mirrored in <see cref="IQrCodeStore"/>
/// (code, pre-filled message, times), so Parley knows the number's codes.
/// </summary>
internal sealed class QrCodeRelays(IEnumerable<IRemoteQrCodes> remotes, IQrCodeStore store, TimeProvider time)
{
    public IRemoteQrCodeList? ForChannel(Channel channel) => remotes.Select(r => r.ForChannel(channel)).FirstOrDefault(l => l is not null);

    public async Task<Results<GraphJsonResult, Refusal>> SaveAsync(
        Channel channel, IRemoteQrCodeList remote, string? code, string prefilledMessage, string? imageFormat, CancellationToken cancellationToken)
    {
        var saved = await remote.SaveAsync(code, prefilledMessage, imageFormat, cancellationToken);
        if (!saved.Succeeded)
        {
            return new Refusal(saved.Error);
        }
        if (Text(saved.Value, "code") is { Length: > 0 } made)
        {
            var message = Text(saved.Value, "prefilled_message") ?? prefilledMessage;
            var now = time.GetUtcNow();
            if (await store.UpdateAsync(channel.PhoneNumberId, made, message, now, cancellationToken) is null
                && await store.FindAsync(made, cancellationToken) is null)
            {
                // The upstream keeps the limit of codes per number; the mirror holds whatever it made.
                await store.CreateAsync(new QrCode(made, channel.PhoneNumberId, message, now, now), int.MaxValue, cancellationToken);
            }
        }
        return new GraphJsonResult(saved.Value);
    }

    public static async Task<Results<GraphJsonResult, Refusal>> ListAsync(
        IRemoteQrCodeList remote, HttpRequest http, string? fields, string? code, int? limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var page = await remote.ListAsync(fields, code, limit, after, before, cancellationToken);
        if (!page.Succeeded)
        {
            return new Refusal(page.Error);
        }
        var result = new JsonObject { ["data"] = new JsonArray([.. page.Value.Codes.Select(c => (JsonNode)c)]) };
        if (page.Value.Codes.Count > 0 && (page.Value.Before is not null || page.Value.After is not null))
        {
            result["paging"] = GraphPaging.Of(http, page.Value.Before ?? "", page.Value.After ?? "", page.Value.HasBefore, page.Value.HasAfter);
        }
        return new GraphJsonResult(result);
    }

    public static async Task<Results<GraphJsonResult, Refusal>> GetAsync(IRemoteQrCodeList remote, string code, string? fields, CancellationToken cancellationToken)
    {
        var found = await remote.GetAsync(code, fields, cancellationToken);
        return found.Succeeded ? new GraphJsonResult(found.Value) : new Refusal(found.Error);
    }

    public async Task<Results<GraphJsonResult, Refusal>> DeleteAsync(Channel channel, IRemoteQrCodeList remote, string code, CancellationToken cancellationToken)
    {
        if (await remote.DeleteAsync(code, cancellationToken) is { } error)
        {
            return new Refusal(error);
        }
        await store.DeleteAsync(channel.PhoneNumberId, code, cancellationToken);
        return new GraphJsonResult(new JsonObject { ["success"] = true });
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
