namespace Parley.Core.Templates;

/// <summary>
/// A WhatsApp message template of one business account (WABA) in one language — S MessageTemplate; digest §5.1.
/// </summary>
/// <param name="Id">The template id (digits), as Graph gives it.</param>
/// <param name="AccountId">The owning business account (WABA id).</param>
/// <param name="ParameterFormat"><see cref="TemplateParameterFormats.Positional"/> or <see cref="TemplateParameterFormats.Named"/>.</param>
/// <param name="Components">The <c>components</c> array exactly as created or last edited (JSON).</param>
/// <param name="RejectedReason">Why the template is rejected (<c>rejected_reason</c>), <c>NONE</c> otherwise.</param>
/// <param name="EditCount">Edits of an approved template inside the current edit window (digest §5.1: ≤10 per 30 days).</param>
/// <param name="EditWindowStart">When the current 30-day edit window began (the first counted edit).</param>
/// <param name="LastEditedAt">The last edit of an approved template (digest §5.1: at most one per 24 hours).</param>
/// <param name="ReviewDueAt">When the sandbox review decides a <c>PENDING</c> template; null when no review is waiting.</param>
public sealed record MessageTemplate(
    string Id,
    string AccountId,
    string Name,
    string Language,
    string Category,
    string? SubCategory,
    string ParameterFormat,
    string Status,
    string RejectedReason,
    string Components,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int EditCount = 0,
    DateTimeOffset? EditWindowStart = null,
    DateTimeOffset? LastEditedAt = null,
    DateTimeOffset? ReviewDueAt = null);

/// <summary>Template statuses (S MessageTemplate <c>status</c>; digest §5.1, §3.7).</summary>
public static class TemplateStatuses
{
    public const string Approved = "APPROVED";
    public const string Pending = "PENDING";
    public const string Rejected = "REJECTED";
    public const string Paused = "PAUSED";
    public const string Disabled = "DISABLED";

    /// <summary>The statuses the simulator can set.</summary>
    public static readonly string[] Settable = [Approved, Rejected, Paused, Disabled];

    /// <summary>Only these can be edited (digest §5.1).</summary>
    public static readonly string[] Editable = [Approved, Rejected, Paused];
}

/// <summary>Template categories (digest §5.1).</summary>
public static class TemplateCategories
{
    public const string Marketing = "MARKETING";
    public const string Utility = "UTILITY";
    public const string Authentication = "AUTHENTICATION";

    public static readonly string[] All = [Marketing, Utility, Authentication];
}

/// <summary><c>parameter_format</c>: <c>{{1}}</c> variables or <c>{{first_name}}</c> variables (digest §5.1).</summary>
public static class TemplateParameterFormats
{
    public const string Positional = "POSITIONAL";
    public const string Named = "NAMED";

    public static readonly string[] All = [Positional, Named];
}

/// <summary>Rejection reasons of the template status webhook (digest §3.7).</summary>
public static class TemplateRejectionReasons
{
    public const string None = "NONE";
    public const string AbusiveContent = "ABUSIVE_CONTENT";
    public const string IncorrectCategory = "INCORRECT_CATEGORY";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string Promotional = "PROMOTIONAL";
    public const string Scam = "SCAM";
    public const string TagContentMismatch = "TAG_CONTENT_MISMATCH";

    public static readonly string[] All = [None, AbusiveContent, IncorrectCategory, InvalidFormat, Promotional, Scam, TagContentMismatch];
}
