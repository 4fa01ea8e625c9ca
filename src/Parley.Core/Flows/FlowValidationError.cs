namespace Parley.Core.Flows;

/// <summary>
/// One item of a flow's <c>validation_errors</c>, in Meta's terms: <c>error</c> (the code, e.g. <c>INVALID_PROPERTY</c>),
/// <c>error_type</c> (e.g. <c>JSON_SCHEMA_ERROR</c>), <c>message</c>, and the 1-based span of the offending JSON
/// (<c>line_start</c>/<c>line_end</c>, <c>column_start</c>/<c>column_end</c>, the end column inclusive).
/// </summary>
public sealed record FlowValidationError(string Error, string ErrorType, string Message, int LineStart, int LineEnd, int ColumnStart, int ColumnEnd);
