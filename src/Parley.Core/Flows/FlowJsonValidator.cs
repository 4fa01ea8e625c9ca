using System.Text.Json;

namespace Parley.Core.Flows;

/// <summary>Validates Flow JSON as WhatsApp does, answering <c>validation_errors</c>.</summary>
public static class FlowJsonValidator
{
    /// <summary>Validates a Flow JSON document; an empty list when it is valid.</summary>
    public static IReadOnlyList<FlowValidationError> Validate(string flowJson)
    {
        try
        {
            using var document = JsonDocument.Parse(flowJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? []
                : [new("INVALID_JSON", "JSON_SCHEMA_ERROR", "The Flow JSON must be an object.", 1, 1, 1, 1)];
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            return [new("INVALID_JSON", "JSON_PARSE_ERROR", e.Message, line, line, column, column)];
        }
    }
}
