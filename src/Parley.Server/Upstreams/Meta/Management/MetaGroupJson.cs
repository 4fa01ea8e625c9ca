using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Model;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Reading Meta's Groups API JSON (answers and webhook <c>groups[]</c> items), which is loose about types: timestamps and
/// error codes come as numbers or as strings (Meta, "Webhooks for Groups API").
/// </summary>
internal static class MetaGroupJson
{
    /// <summary>A string or number field as text; null when absent or of another kind.</summary>
    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    /// <summary>A Unix time in seconds (number or string), or <paramref name="fallback"/>.</summary>
    public static DateTimeOffset Time(JsonNode? node, string name, DateTimeOffset fallback) =>
        long.TryParse(Text(node, name), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : fallback;

    /// <summary>A boolean (<c>true</c>, or the text <c>"true"</c>).</summary>
    public static bool Flag(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue value
        && (value.GetValueKind() == JsonValueKind.True || (value.GetValueKind() == JsonValueKind.String && value.ToString() == "true"));

    public static IEnumerable<JsonObject> Objects(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray items ? items.OfType<JsonObject>() : [];

    /// <summary>
    /// An error object of Meta's (<c>{code, message, title, error_data{details}}</c>, as in <c>failed_join_requests[].errors</c>)
    /// as Parley's error, with its code, title and details as Meta gave them.
    /// </summary>
    public static WhatsAppError ErrorOf(JsonObject error, int httpStatus = 400)
    {
        var code = int.TryParse(Text(error, "code"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c) ? c : ErrorCatalog.SomethingWentWrong.Code;
        var message = Text(error, "message");
        var title = Text(error, "title") ?? message ?? $"Error {code}";
        var details = Text(error["error_data"], "details") ?? message ?? title;
        return new WhatsAppError(new ErrorDefinition(code, title, httpStatus), details, null, message);
    }

    /// <summary>The first error of <paramref name="item"/>'s <c>errors[]</c> as a webhook error; null when none.</summary>
    public static WebhookError? FirstError(JsonObject item) =>
        Objects(item, "errors").FirstOrDefault() is { } error ? WebhookError.From(ErrorOf(error)) : null;

    /// <summary>A participant named by Meta (<c>wa_id</c>, else <c>user_id</c>, else the <c>input</c> as sent) as the mirror's identity.</summary>
    public static string? IdentityOf(JsonObject participant) =>
        Text(participant, "wa_id") ?? Text(participant, "user_id")
        ?? (Text(participant, "input") is { } input ? Groups.LocalGroupManager.IdentityOf(input) : null);

    /// <summary>The join approval mode Meta names, or auto-approve (Meta's default) when it names none Parley knows.</summary>
    public static string JoinApprovalMode(JsonNode? node) =>
        Text(node, "join_approval_mode") is { } mode && JoinApprovalModes.All.Contains(mode) ? mode : JoinApprovalModes.AutoApprove;
}
