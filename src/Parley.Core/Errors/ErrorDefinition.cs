namespace Parley.Core.Errors;

/// <summary>One entry of the WhatsApp error catalog: the code, its title and how the Graph API answers it.</summary>
/// <param name="Code">WhatsApp / Graph error code.</param>
/// <param name="Title">The title Meta puts after <c>(#code)</c> in the error message.</param>
/// <param name="HttpStatus">The HTTP status the Graph API answers with.</param>
/// <param name="GraphType">The Graph error <c>type</c>: <c>OAuthException</c> or <c>GraphMethodException</c>.</param>
/// <param name="IsTransient">Whether retrying the same request later may succeed.</param>
public sealed record ErrorDefinition(int Code, string Title, int HttpStatus, string GraphType = "OAuthException", bool IsTransient = false)
{
    /// <summary>An error of this kind with the given details.</summary>
    public WhatsAppError With(string details, int? subcode = null) => new(this, details, subcode);
}

/// <summary>An expected failure: a catalog entry with the details of this occurrence.</summary>
/// <param name="MessageOverride">Replaces <c>(#code) title</c> where the Graph API words the message differently.</param>
public sealed record WhatsAppError(ErrorDefinition Definition, string Details, int? Subcode = null, string? MessageOverride = null)
{
    public int Code => Definition.Code;
    public string Title => Definition.Title;
    public int HttpStatus => Definition.HttpStatus;

    /// <summary>The Graph API's <c>message</c>: <c>(#code) title</c>.</summary>
    public string Message => MessageOverride ?? $"(#{Definition.Code}) {Definition.Title}";

    public override string ToString() => $"{Message}: {Details}";
}
