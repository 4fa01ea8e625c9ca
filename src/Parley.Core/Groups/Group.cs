namespace Parley.Core.Groups;

/// <summary>
/// A WhatsApp group a business phone number created through the Groups API. The business is its one Cloud API
/// member and its admin; participants join through the invite link (or a join request, when approval is on).
/// </summary>
/// <param name="Id">The Graph id of the group (<see cref="GroupIds"/>): what sends name in <c>to</c> and 1msg in <c>chatId</c> before <c>@g.us</c>.</param>
/// <param name="ChannelId">The business phone number id that owns the group.</param>
/// <param name="Subject">1–128 characters, whitespace trimmed.</param>
/// <param name="Description">0–2048 characters; empty when none.</param>
/// <param name="JoinApprovalMode"><see cref="JoinApprovalModes"/>.</param>
/// <param name="InviteCode">The code of the current invite link (<c>https://chat.whatsapp.com/{code}</c>); null once revoked until a new one is made.</param>
/// <param name="PictureMediaId">The media id of the group picture, when one was set.</param>
/// <param name="State"><see cref="GroupStates"/>: active, or deleted (the business deleted it, so it left).</param>
/// <param name="Suspended">Whether WhatsApp suspended the group (<c>group_status_update</c>); a suspended group takes no messages.</param>
public sealed record Group(
    string Id,
    string ChannelId,
    string Subject,
    string Description,
    string JoinApprovalMode,
    string? InviteCode,
    string? PictureMediaId,
    string State,
    bool Suspended,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsActive => State == GroupStates.Active;

    /// <summary>The invite link as WhatsApp shows it, or null when revoked.</summary>
    public string? InviteLink => InviteCode is null ? null : GroupIds.InviteLink(InviteCode);
}

/// <summary>A member of a group other than the business.</summary>
/// <param name="WaId">The participant's identity: phone number (digits) or, for a user who does not share it, BSUID.</param>
/// <param name="UserId">The participant's BSUID, when known.</param>
public sealed record GroupParticipant(string GroupId, string WaId, string? UserId, DateTimeOffset JoinedAt);

/// <summary>A user's request to join a group whose <see cref="Group.JoinApprovalMode"/> is <see cref="JoinApprovalModes.ApprovalRequired"/>.</summary>
/// <param name="State"><see cref="JoinRequestStates"/>.</param>
public sealed record GroupJoinRequest(string Id, string GroupId, string WaId, string? UserId, string State, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

/// <summary>The values of <c>join_approval_mode</c>.</summary>
public static class JoinApprovalModes
{
    public const string AutoApprove = "auto_approve";
    public const string ApprovalRequired = "approval_required";

    public static readonly IReadOnlyList<string> All = [AutoApprove, ApprovalRequired];
}

/// <summary>A group's lifecycle.</summary>
public static class GroupStates
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}

/// <summary>A join request's lifecycle: open until approved, rejected, or revoked by the user.</summary>
public static class JoinRequestStates
{
    public const string Open = "open";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Revoked = "revoked";
}
