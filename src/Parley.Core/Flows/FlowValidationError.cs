namespace Parley.Core.Flows;

/// <summary>One item of a flow's <c>validation_errors</c>, in Meta's names: error, error_type, message and the span of the JSON it is about.</summary>
public sealed record FlowValidationError(string Error, string ErrorType, string Message, int LineStart, int LineEnd, int ColumnStart, int ColumnEnd);
