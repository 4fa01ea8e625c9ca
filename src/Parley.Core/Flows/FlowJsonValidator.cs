using System.Text;
using System.Text.Json;
using Parley.Core.Flows.FlowJson;

namespace Parley.Core.Flows;

/// <summary>
/// Validates Flow JSON as Meta does when a flow's asset is uploaded: the document parses, its properties and
/// components match Meta's schema (<see cref="FlowComponents"/>), and its screens, actions and routing follow Meta's
/// rules. Each problem becomes one <see cref="FlowValidationError"/> with Meta's code and message, placed at the line
/// and columns of the JSON it is about. Pure: no I/O, no clock.
/// </summary>
public static class FlowJsonValidator
{
    /// <summary>Validates a Flow JSON document; an empty list when it is valid.</summary>
    public static IReadOnlyList<FlowValidationError> Validate(string flowJson)
    {
        ArgumentNullException.ThrowIfNull(flowJson);
        var bytes = Encoding.UTF8.GetBytes(flowJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = FlowComponents.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            return [new FlowValidationError("INVALID_FLOW_JSON", FlowJsonReport.InvalidJson, "Flow JSON is not valid.", line, line, column, column)];
        }

        using (document)
        {
            var report = new FlowJsonReport(bytes);
            var shape = FlowJsonSchema.Check(document.RootElement, report);
            FlowJsonRules.Check(shape, report);
            return report.Errors;
        }
    }
}
