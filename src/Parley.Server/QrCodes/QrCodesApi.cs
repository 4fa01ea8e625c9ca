using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.QrCodes;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.QrCodes;

/// <summary>
/// <c>/{version}/{phone-number-id}/message_qrdls</c> (Meta's OpenAPI file, "QR Code Collection" and "Individual QR
/// Code"): create a code (no <c>code</c> in the body) or change its pre-filled message (with <c>code</c>), list the
/// number's codes newest first with cursor paging, get one, delete one. For a channel whose upstream makes its codes
/// (Meta), the checked call is made there (<see cref="QrCodeRelays"/>).
/// </summary>
internal static class QrCodesApi
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 25;

    /// <summary>A new code that collides with a stored one is drawn again this many times (32^14 codes make it a formality).</summary>
    private const int CreateAttempts = 3;

    private static readonly string[] BodyFields = ["code", "prefilled_message", "generate_qr_image"];

    public static IEndpointRouteBuilder MapQrCodesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/message_qrdls").WithTags("QR codes")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId");
        group.MapPost("", CreateOrUpdateAsync).ReadsBody(optional: true).WithName("CreateOrUpdateQrCode")
            .WithSummary("Create a message QR code, or change the pre-filled message of one (with code)");
        group.MapGet("", ListAsync).WithName("ListQrCodes").WithSummary("A phone number's message QR codes, newest first");
        group.MapGet("/{code}", GetAsync).WithName("GetQrCode").WithSummary("One message QR code");
        group.MapDelete("/{code}", DeleteAsync).WithName("DeleteQrCode").WithSummary("Delete a message QR code (its deep link and image stop working)");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> CreateOrUpdateAsync(
        CallerChannel caller, JsonObjectBody body, HttpRequest http, IQrCodeStore store, QrCodeImages images, QrCodeRelays relays, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var request = WithQuery(body.Value, http);
        if (BodyFields.FirstOrDefault(name => request[name] is not null && PhoneNumberRequest.String(request, name) is null) is { } notString)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param {notString} must be a string."));
        }
        var message = PhoneNumberRequest.String(request, "prefilled_message");
        var imageFormat = PhoneNumberRequest.String(request, "generate_qr_image");
        Outcome<string>? format = imageFormat is null ? default(Outcome<string>?) : QrCodeRules.CheckImageFormat(imageFormat);
        if ((QrCodeRules.CheckPrefilledMessage(message) ?? format?.Error) is { } error)
        {
            return new Refusal(error);
        }
        var fields = new QrCodeFields(false, format?.Value);
        var channelId = caller.Value.PhoneNumberId;
        var code = PhoneNumberRequest.String(request, "code");
        if (code is not null && !QrCodeRules.IsCodeShaped(code))
        {
            return new Refusal(QrCodeRules.InvalidCode());
        }
        if (relays.ForChannel(caller.Value) is { } remote)
        {
            return await relays.SaveAsync(caller.Value, remote, code, message!, format?.Value, cancellationToken);
        }
        if (code is not null)
        {
            var updated = await store.UpdateAsync(channelId, code, message!, time.GetUtcNow(), cancellationToken);
            return updated is null ? new Refusal(QrCodeRules.NotFound(code)) : new GraphJsonResult(fields.Render(http, images, updated));
        }
        for (var attempt = 0; attempt < CreateAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var created = new QrCode(QrCodeRules.NewCode(), channelId, message!, now, now);
            if (await store.CreateAsync(created, QrCodeRules.MaxCodesPerNumber, cancellationToken))
            {
                return new GraphJsonResult(fields.Render(http, images, created));
            }
            if (await store.FindAsync(created.Code, cancellationToken) is null)
            {
                return new Refusal(QrCodeRules.TooManyCodes());
            }
        }
        return new Refusal(ErrorCatalog.UnknownError.With("No free QR code was found; try again."));
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ListAsync(
        CallerChannel caller, HttpRequest http, IQrCodeStore store, QrCodeImages images, QrCodeRelays relays,
        string? fields, string? code, string? limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var selection = QrCodeFields.Parse(fields);
        if (!selection.Succeeded)
        {
            return new Refusal(selection.Error);
        }
        var channelId = caller.Value.PhoneNumberId;
        var remote = relays.ForChannel(caller.Value);
        if (code is not null && remote is null)
        {
            var found = QrCodeRules.IsCodeShaped(code) ? await store.FindAsync(code, cancellationToken) : null;
            JsonArray one = found is not null && found.ChannelId == channelId ? [selection.Value.Render(http, images, found)] : [];
            return new GraphJsonResult(new JsonObject { ["data"] = one });
        }
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param limit must be an integer between 1 and {MaxLimit}."));
        }
        if (remote is not null)
        {
            return await QrCodeRelays.ListAsync(remote, http, fields, code, limit is null ? null : size, after, before, cancellationToken);
        }
        QrCodeCursor? afterCursor = null, beforeCursor = null;
        if ((after is not null && (afterCursor = Cursor(after)) is null) || (before is not null && (beforeCursor = Cursor(before)) is null))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("The cursor has either expired or become corrupted. Start pagination from the beginning again."));
        }
        var page = await store.ListAsync(channelId, size + 1, afterCursor, beforeCursor, cancellationToken);
        var (items, hasBefore, hasAfter) = CreationCursor.Slice(page, size, afterCursor is not null, beforeCursor is not null);
        var result = new JsonObject { ["data"] = new JsonArray([.. items.Select(c => (JsonNode)selection.Value.Render(http, images, c))]) };
        if (items.Count > 0)
        {
            result["paging"] = GraphPaging.Of(http, CreationCursor.Encode(items[0].CreatedAt, items[0].Code),
                CreationCursor.Encode(items[^1].CreatedAt, items[^1].Code), hasBefore, hasAfter);
        }
        return new GraphJsonResult(result);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> GetAsync(
        CallerChannel caller, string code, HttpRequest http, IQrCodeStore store, QrCodeImages images, QrCodeRelays relays, string? fields,
        CancellationToken cancellationToken)
    {
        var selection = QrCodeFields.Parse(fields);
        if (!selection.Succeeded)
        {
            return new Refusal(selection.Error);
        }
        if (!QrCodeRules.IsCodeShaped(code))
        {
            return new Refusal(QrCodeRules.InvalidCode());
        }
        if (relays.ForChannel(caller.Value) is { } remote)
        {
            return await QrCodeRelays.GetAsync(remote, code, fields, cancellationToken);
        }
        if (await store.FindAsync(code, cancellationToken) is not { } found || found.ChannelId != caller.Value.PhoneNumberId)
        {
            return new Refusal(QrCodeRules.NotFound(code));
        }
        return new GraphJsonResult(new JsonObject { ["data"] = new JsonArray(selection.Value.Render(http, images, found)) });
    }

    private static async Task<Results<GraphJsonResult, Refusal>> DeleteAsync(
        CallerChannel caller, string code, IQrCodeStore store, QrCodeRelays relays, CancellationToken cancellationToken)
    {
        if (!QrCodeRules.IsCodeShaped(code))
        {
            return new Refusal(QrCodeRules.InvalidCode());
        }
        if (relays.ForChannel(caller.Value) is { } remote)
        {
            return await relays.DeleteAsync(caller.Value, remote, code, cancellationToken);
        }
        return await store.DeleteAsync(caller.Value.PhoneNumberId, code, cancellationToken)
            ? new GraphJsonResult(new JsonObject { ["success"] = true })
            : new Refusal(QrCodeRules.NotFound(code));
    }

    /// <summary>The body, with the parameters Meta's older examples put in the query string where the body has none.</summary>
    private static JsonObject WithQuery(JsonObject body, HttpRequest http)
    {
        foreach (var name in BodyFields)
        {
            if (body[name] is null && http.Query.TryGetValue(name, out var values) && values.Count == 1)
            {
                body[name] = values[0];
            }
        }
        return body;
    }

    private static QrCodeCursor? Cursor(string cursor) =>
        CreationCursor.Decode(cursor) is { } position ? new QrCodeCursor(position.CreatedAt, position.Id) : null;
}
