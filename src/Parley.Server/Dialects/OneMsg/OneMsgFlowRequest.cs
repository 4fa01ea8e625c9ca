using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// What 1msg's flow methods read of a request beyond plain fields: the Flow JSON (text, an object, or a multipart
/// <c>file</c>, at most <see cref="FlowRules.FlowJsonMaxBytes"/>) and <c>categories</c> ("comma or array", seed 000).
/// </summary>
internal static class OneMsgFlowRequest
{
    /// <summary>
    /// The Flow JSON of a create or upload: the <c>flowJson</c> field (text as it is, an object as JSON text) or the
    /// multipart <c>file</c>, not both; null when neither is given and it is not required.
    /// </summary>
    public static async Task<Outcome<string?>> FlowJsonAsync(JsonObject body, HttpRequest http, bool required, CancellationToken cancellationToken)
    {
        var file = OneMsgRequest.File(http, "file");
        if (OneMsgFields.Has(body, "flowJson") && file is not null)
        {
            return OneMsgMapper.Invalid("Give the Flow JSON as flowJson or as file, not both.");
        }
        string? text;
        if (file is not null)
        {
            if (file.Length > FlowRules.FlowJsonMaxBytes)
            {
                return TooLarge();
            }
            await using var stream = file.OpenReadStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        else
        {
            text = body["flowJson"] switch
            {
                null => null,
                JsonObject flow => flow.ToJsonString(),
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                _ => "",
            };
            if (text is "")
            {
                return OneMsgMapper.Invalid("The parameter flowJson must be the Flow JSON, as text or as an object.");
            }
        }
        if (text is null)
        {
            return required ? OneMsgMapper.Missing("flowJson (or a file)") : Outcome<string?>.Success(null);
        }
        return Encoding.UTF8.GetByteCount(text) > FlowRules.FlowJsonMaxBytes ? TooLarge() : text;
    }

    /// <summary>
    /// <c>categories</c> as the seed takes it, "comma or array": a JSON array of strings, a comma list, or (in a form) an
    /// array as JSON text or the field repeated; null when absent (the rules then ask for it).
    /// </summary>
    public static Outcome<IReadOnlyList<string>?> Categories(JsonObject body)
    {
        var node = body["categories"];
        if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().TrimStart().StartsWith('['))
        {
            try
            {
                node = JsonNode.Parse(text.GetValue<string>());
            }
            catch (JsonException)
            {
                return OneMsgMapper.Invalid("The parameter categories must be an array of categories or a comma list.");
            }
        }
        return node switch
        {
            null => Outcome<IReadOnlyList<string>?>.Success(null),
            JsonValue value when value.GetValueKind() == JsonValueKind.String =>
                value.GetValue<string>().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            JsonArray array when array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String) =>
                array.Select(i => i!.GetValue<string>().Trim()).ToArray(),
            _ => OneMsgMapper.Invalid("The parameter categories must be an array of categories or a comma list."),
        };
    }

    private static WhatsAppError TooLarge() =>
        ErrorCatalog.RequestTooLarge.With($"The Flow JSON is larger than the limit of {FlowRules.FlowJsonMaxBytes} bytes.");
}
