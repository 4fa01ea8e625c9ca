using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>An interactive header (S HeaderObject): a text header, or one media object named after its type.</summary>
internal static class HeaderValidator
{
    public static readonly string[] AllTypes = ["text", "image", "video", "document"];

    /// <summary>Validates the header and returns its type, or null when it is invalid.</summary>
    /// <param name="usedBy">Names the message part in errors, e.g. "interactive type list".</param>
    public static string? Validate(ObjectReader header, string[] allowedTypes, string usedBy)
    {
        var type = header.RequiredEnum("type", AllTypes);
        if (type is null)
        {
            return null;
        }
        if (!allowedTypes.Contains(type))
        {
            header.Invalid($"Header type {type} is not supported for {usedBy}. Allowed header types: {string.Join(", ", allowedTypes)}.");
            return null;
        }
        if (type == "text")
        {
            header.AllowOnly("type", "text", "sub_text");
            header.RequiredString("text", Limits.HeaderTextMaxLength);
            header.OptionalString("sub_text", Limits.HeaderSubTextMaxLength);
        }
        else
        {
            header.AllowOnly("type", type);
            MediaValidator.ValidateNested(header.RequiredObject(type), type);
        }
        return header.State.Failed ? null : type;
    }
}
