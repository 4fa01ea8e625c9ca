using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Server.Flows;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's flow shapes (seed 000 "WhatsApp Flows"; digest A.10) over the canonical <see cref="Flow"/>: the flow as
/// described and listed, in camelCase (<c>{id, name, status, categories, validationErrors, jsonVersion, dataApiVersion,
/// endpointUri, dataChannelUri, preview, whatsappBusinessAccount}</c>), and the <c>fields</c> a call asks for. Pure.
/// </summary>
internal static class OneMsgFlowViews
{
    /// <summary>
    /// What <c>fields</c> may name: the seed lists them in Meta's snake_case (<c>validation_errors</c>), the answer has
    /// them in camelCase (<c>validationErrors</c>); either spelling is taken. In the order of the seed's sample answer.
    /// </summary>
    private static readonly (string Asked, string Answered)[] FieldNames =
    [
        ("id", "id"), ("name", "name"), ("status", "status"), ("categories", "categories"), ("validation_errors", "validationErrors"),
        ("json_version", "jsonVersion"), ("data_api_version", "dataApiVersion"), ("endpoint_uri", "endpointUri"),
        ("data_channel_uri", "dataChannelUri"), ("preview", "preview"), ("whatsapp_business_account", "whatsappBusinessAccount"),
    ];

    /// <summary>A flow's preview field, which makes a preview URL when the flow has none (as Meta's <c>fields=preview</c> does).</summary>
    public const string PreviewField = "preview";

    /// <summary>Every field: what <c>GET /flows/{id}</c> answers when <c>fields</c> is absent (the seed's sample has them all).</summary>
    public static readonly IReadOnlySet<string> AllFields = FieldNames.Select(f => f.Answered).ToHashSet(StringComparer.Ordinal);

    /// <summary>What <c>GET /flows</c> answers per flow when <c>fields</c> is absent: every field but the preview, which would make a URL per flow.</summary>
    public static readonly IReadOnlySet<string> ListedFields = AllFields.Where(f => f != PreviewField).ToHashSet(StringComparer.Ordinal);

    /// <summary>The fields a <c>fields</c> parameter names, <c>id</c> always among them; an error naming an unknown one.</summary>
    public static Outcome<IReadOnlySet<string>> CheckFields(string? fields, IReadOnlySet<string> byDefault)
    {
        if (fields is null)
        {
            return Outcome<IReadOnlySet<string>>.Success(byDefault);
        }
        var asked = new HashSet<string>(StringComparer.Ordinal) { "id" };
        foreach (var field in fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var known = FieldNames.FirstOrDefault(f => f.Asked == field || f.Answered == field);
            if (known.Answered is null)
            {
                return ErrorCatalog.InvalidParameter.With(
                    $"The parameter fields may name only {string.Join(", ", FieldNames.Select(f => f.Asked))} - got \"{field}\".");
            }
            asked.Add(known.Answered);
        }
        return asked;
    }

    /// <summary>
    /// A flow with the fields asked for, in the seed's order; <paramref name="preview"/> is its preview (when asked) and
    /// <paramref name="account"/> its business account.
    /// </summary>
    public static JsonObject Flow(Flow flow, IReadOnlySet<string> fields, FlowPreview? preview, JsonObject account)
    {
        var all = new Dictionary<string, Func<JsonNode?>>(StringComparer.Ordinal)
        {
            ["id"] = () => flow.Id,
            ["name"] = () => flow.Name,
            ["status"] = () => flow.Status,
            ["categories"] = () => new JsonArray([.. flow.Categories.Select(c => (JsonNode)c)]),
            ["validationErrors"] = () => ValidationErrors(flow.ValidationErrors),
            ["jsonVersion"] = () => flow.JsonVersion,
            ["dataApiVersion"] = () => flow.DataApiVersion,
            ["endpointUri"] = () => flow.EndpointUri,
            ["dataChannelUri"] = () => DataChannelUri(flow.FlowJson),
            ["preview"] = () => preview is null ? new JsonObject() : Preview(preview),
            ["whatsappBusinessAccount"] = () => account.DeepClone(),
        };
        var answer = new JsonObject();
        foreach (var (_, field) in FieldNames.Where(f => fields.Contains(f.Answered)))
        {
            answer[field] = all[field]();
        }
        return answer;
    }

    /// <summary>A flow's business account: its id, name and the template namespace 1msg's <c>/templates</c> gives it.</summary>
    public static JsonObject Account(string accountId, string? name) => new()
    {
        ["id"] = accountId,
        ["name"] = name,
        ["messageTemplateNamespace"] = OneMsgTemplatesApi.Namespace(accountId),
    };

    /// <summary>A preview: the URL that shows the flow and when it stops working (ISO 8601, as Meta's <c>expires_at</c>).</summary>
    public static JsonObject Preview(FlowPreview preview) => new()
    {
        ["previewUrl"] = preview.Url,
        ["expiresAt"] = preview.ExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Validation errors in camelCase like the rest of 1msg's answer (<c>{error, errorType, message, lineStart, lineEnd,
    /// columnStart, columnEnd}</c>; the seed shows the array, not its items).
    /// </summary>
    public static JsonArray ValidationErrors(IEnumerable<FlowValidationError> errors) =>
        [.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["error"] = e.Error,
            ["errorType"] = e.ErrorType,
            ["message"] = e.Message,
            ["lineStart"] = e.LineStart,
            ["lineEnd"] = e.LineEnd,
            ["columnStart"] = e.ColumnStart,
            ["columnEnd"] = e.ColumnEnd,
        })];

    /// <summary>What an answer says of an error that did not stop the call (a failed publish after creating): <c>{success:false, error}</c>.</summary>
    public static JsonObject Failed(WhatsAppError error) => new() { ["success"] = false, ["error"] = OneMsgErrorResult.TextOf(error) };

    /// <summary>The <c>data_channel_uri</c> of Flow JSON before 3.0 (from 3.0 on the endpoint is the flow's <c>endpointUri</c>).</summary>
    private static string? DataChannelUri(string? flowJson)
    {
        if (flowJson is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(flowJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("data_channel_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
