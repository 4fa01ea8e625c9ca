using System.Text.Json;

namespace Parley.Core.Flows.FlowJson;

/// <summary>
/// Collects a document's validation errors with Meta's codes and message shapes (the static validation errors table of
/// https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes), placing each at the span of the JSON it
/// is about. Pointers are JSON pointers (<c>/screens/0/id</c>); messages show them as Meta does (<c>$root/screens/0/id</c>).
/// </summary>
internal sealed class FlowJsonReport(byte[] utf8)
{
    /// <summary>Errors of the document's shape: unknown, missing or mistyped properties and values.</summary>
    public const string SchemaError = "JSON_SCHEMA_ERROR";
    /// <summary>A document that is not JSON at all.</summary>
    public const string InvalidJson = "INVALID_JSON";
    /// <summary>Errors of the flow's meaning: screens, routing, actions (Parley's name for Meta's non-schema checks).</summary>
    public const string FlowError = "FLOW_JSON_ERROR";

    private readonly List<FlowValidationError> _errors = [];
    private JsonPositionMap? _map;

    /// <summary>Positions are mapped on the first error, so a valid document is read once.</summary>
    private JsonPositionMap Map => _map ??= JsonPositionMap.Build(utf8);

    /// <summary>The errors so far, in the order found.</summary>
    public IReadOnlyList<FlowValidationError> Errors => _errors;

    /// <summary>Records an error at the value of <paramref name="pointer"/>.</summary>
    public void AtValue(string pointer, string error, string errorType, string message) => Add(Map.Value(pointer), error, errorType, message);

    /// <summary>Records an error at the property name of <paramref name="pointer"/>.</summary>
    public void AtName(string pointer, string error, string errorType, string message) => Add(Map.Name(pointer), error, errorType, message);

    /// <summary><c>The property "x" cannot be specified at "$root/…"</c>, at the property's name.</summary>
    public void UnknownProperty(string parent, string property) =>
        AtName(parent + "/" + property, "INVALID_PROPERTY", SchemaError, $"The property \"{property}\" cannot be specified at \"{Root(parent)}\".");

    /// <summary><c>Required property 'x' is missing.</c>, at the object that lacks it.</summary>
    public void MissingProperty(string parent, string property, string error = "MISSING_REQUIRED_PROPERTY") =>
        AtValue(parent, error, SchemaError, $"Required property '{property}' is missing.");

    /// <summary><c>Expected property $root/… to be of type t, but found u.</c></summary>
    public void WrongType(string pointer, string expected, JsonElement found) =>
        AtValue(pointer, "INVALID_PROPERTY_TYPE", SchemaError, $"Expected property {Root(pointer)} to be of type {expected}, but found {TypeName(found)}.");

    /// <summary>Checks that the value is of <paramref name="kind"/>; records INVALID_PROPERTY_TYPE and answers false otherwise.</summary>
    public bool Expect(string pointer, JsonElement value, JsonValueKind kind)
    {
        if (value.ValueKind == kind) return true;
        WrongType(pointer, TypeName(kind), value);
        return false;
    }

    /// <summary>Checks that the value is true or false; records INVALID_PROPERTY_TYPE and answers false otherwise.</summary>
    public bool ExpectBoolean(string pointer, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return true;
        WrongType(pointer, "boolean", value);
        return false;
    }

    /// <summary>The pointer as Meta prints it.</summary>
    public static string Root(string pointer) => "$root" + pointer;

    private static string TypeName(JsonElement value) => TypeName(value.ValueKind);

    private static string TypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private void Add(JsonSpan span, string error, string errorType, string message) =>
        _errors.Add(new FlowValidationError(error, errorType, message, span.LineStart, span.LineEnd, span.ColumnStart, span.ColumnEnd));
}
