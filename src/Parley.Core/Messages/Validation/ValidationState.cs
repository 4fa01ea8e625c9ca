using Parley.Core.Errors;
using Parley.Core.Versions;

namespace Parley.Core.Messages.Validation;

/// <summary>
/// Remembers the first error found while walking a request. Once an error is recorded every later check is a
/// no-op, so validators read top to bottom without testing for failure after each step.
/// </summary>
internal sealed class ValidationState
{
    /// <summary>How much of a caller's value is echoed back in error details.</summary>
    private const int EchoedValueMaxLength = 40;

    public WhatsAppError? Error { get; private set; }

    /// <summary>The Graph version whose rules apply (<see cref="GraphVersions"/>).</summary>
    public GraphVersion Version { get; init; } = GraphVersions.Newest;

    public bool Failed => Error is not null;

    public void Fail(ErrorDefinition definition, string details) => Error ??= definition.With(details);

    /// <summary>131008: a required field is absent, null or empty.</summary>
    public void Missing(string path) => Fail(ErrorCatalog.RequiredParameterMissing, $"The parameter {path} is required.");

    /// <summary>131008: neither of two alternatives is given.</summary>
    public void MissingEither(string first, string second) =>
        Fail(ErrorCatalog.RequiredParameterMissing, $"The parameter {first} or {second} is required.");

    /// <summary>100: the JSON value has the wrong type.</summary>
    public void WrongType(string path, string expected) => Fail(ErrorCatalog.InvalidParameter, $"Param {path} must be {expected}.");

    /// <summary>100: a string is longer than its limit.</summary>
    public void TooLong(string path, int maxLength) =>
        Fail(ErrorCatalog.InvalidParameter, $"Param {path} must be at most {maxLength} characters long.");

    /// <summary>100: a key the object does not define (the spec's <c>additionalProperties: false</c>).</summary>
    public void UnexpectedKey(string key, string path) =>
        Fail(ErrorCatalog.InvalidParameter, $"Unexpected key \"{Echo(key)}\" on param \"{ParamPath.Display(path)}\".");

    /// <summary>131009: a value outside its allowed set, format, range or count.</summary>
    public void Invalid(string details) => Fail(ErrorCatalog.ParameterValueNotValid, details);

    /// <summary>A caller's value, shortened so a huge string never ends up in an error body.</summary>
    public static string Echo(string value) =>
        value.Length <= EchoedValueMaxLength ? value : string.Concat(value.AsSpan(0, EchoedValueMaxLength), "…");
}
