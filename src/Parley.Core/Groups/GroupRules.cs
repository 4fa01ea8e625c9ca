using Parley.Core.Errors;

namespace Parley.Core.Groups;

/// <summary>
/// WhatsApp's rules for groups made through the Groups API (Meta, "Groups API"; the Groups error codes page): the
/// limits, what a group setting may hold, and which messages a group takes. Every error is from <see cref="ErrorCatalog"/>.
/// </summary>
public static class GroupRules
{
    /// <summary>Participants a group holds besides the business.</summary>
    public const int MaxParticipants = 8;

    /// <summary>Groups a business phone number may have at once (active ones).</summary>
    public const int MaxGroupsPerNumber = 10_000;

    public const int SubjectMaxLength = 128;
    public const int DescriptionMaxLength = 2048;

    /// <summary>Participants one remove call names.</summary>
    public const int MaxParticipantsPerRequest = 8;

    /// <summary>A group picture is a JPEG (Meta, "Group management": <c>image/jpeg</c> only).</summary>
    public const string PictureMimeType = "image/jpeg";

    /// <summary>A group picture's largest size: 5 MB.</summary>
    public const long PictureMaxBytes = 5 * 1024 * 1024;

    /// <summary>A group picture's smallest width and height, in pixels.</summary>
    public const int PictureMinSide = 192;

    /// <summary>The message types a group takes: text, media and templates (other than authentication ones).</summary>
    public static readonly IReadOnlySet<string> SendableTypes =
        new HashSet<string>(["text", "image", "video", "audio", "document", "sticker", "template"], StringComparer.Ordinal);

    /// <summary>The subject, trimmed; an error when it is missing, blank or too long.</summary>
    public static Outcome<string> CheckSubject(string? subject)
    {
        var trimmed = subject?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter subject is required.");
        }
        return trimmed.Length > SubjectMaxLength
            ? ErrorCatalog.InvalidParameter.With($"Param subject must be at most {SubjectMaxLength} characters long.")
            : trimmed;
    }

    /// <summary>An error when the description is too long.</summary>
    public static WhatsAppError? CheckDescription(string? description) =>
        description is { Length: > DescriptionMaxLength }
            ? ErrorCatalog.InvalidParameter.With($"Param description must be at most {DescriptionMaxLength} characters long.")
            : null;

    /// <summary>An error when <paramref name="mode"/> is not a <c>join_approval_mode</c>.</summary>
    public static WhatsAppError? CheckJoinApprovalMode(string? mode) =>
        mode is null || JoinApprovalModes.All.Contains(mode)
            ? null
            : ErrorCatalog.InvalidParameter.With($"Param join_approval_mode must be one of {{{string.Join(", ", JoinApprovalModes.All)}}} - got \"{mode}\".");

    /// <summary>
    /// Whether a group takes a message of <paramref name="type"/> (for a template: of <paramref name="templateCategory"/>):
    /// an error for interactive messages, authentication templates and every other type groups do not support.
    /// </summary>
    public static WhatsAppError? CheckSendable(string type, string? templateCategory)
    {
        if (!SendableTypes.Contains(type))
        {
            return ErrorCatalog.UnsupportedMessageType.With($"Messages of type {type} cannot be sent to a group.");
        }
        return type == "template" && string.Equals(templateCategory, "AUTHENTICATION", StringComparison.OrdinalIgnoreCase)
            ? ErrorCatalog.UnsupportedMessageType.With("Authentication templates cannot be sent to a group.")
            : null;
    }

    /// <summary>
    /// An error when a group picture is not what WhatsApp takes: a JPEG of at most 5 MB (131053), square (131209), at
    /// least 192×192 pixels (131210). <paramref name="width"/> and <paramref name="height"/> are null when the image's
    /// size could not be read (not a JPEG).
    /// </summary>
    public static WhatsAppError? CheckPicture(string? mimeType, long bytes, int? width, int? height)
    {
        if (!string.Equals(mimeType, PictureMimeType, StringComparison.OrdinalIgnoreCase) || width is null || height is null)
        {
            return ErrorCatalog.MediaUploadError.With($"The group picture must be an {PictureMimeType} image; got {mimeType ?? "no type"}{(width is null && mimeType is not null ? " whose size could not be read" : "")}.");
        }
        if (bytes > PictureMaxBytes)
        {
            return ErrorCatalog.MediaUploadError.With($"The group picture is {bytes} bytes; at most {PictureMaxBytes} bytes (5 MB) are allowed.");
        }
        if (width != height)
        {
            return ErrorCatalog.GroupPictureAspectRatio.With($"Width and height of the image must be equal; got {width}x{height}.");
        }
        return width < PictureMinSide
            ? ErrorCatalog.GroupPictureTooSmall.With($"Image width and height must be at least {PictureMinSide}px; got {width}x{height}.")
            : null;
    }

    /// <summary>An error when the group cannot take messages or changes: unknown to the number, deleted, or suspended.</summary>
    public static WhatsAppError? CheckUsable(Group? group, string channelId)
    {
        if (group is null || group.ChannelId != channelId || !group.IsActive)
        {
            return ErrorCatalog.GroupUnknown.With("The group was not found, either because it doesn't exist or you are not a member.");
        }
        return group.Suspended ? ErrorCatalog.GroupSuspended.With("The group violates platform policies.") : null;
    }
}
