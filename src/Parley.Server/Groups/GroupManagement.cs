using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Model;

namespace Parley.Server.Groups;

/// <summary>What a create call asks for: the subject (checked), description and join approval mode.</summary>
internal sealed record GroupDraft(string Subject, string Description, string JoinApprovalMode);

/// <summary>
/// A create call's answer: its request id (what the <c>group_create</c> webhook carries), and the group when it exists
/// at once (Parley's own groups; a group made at Meta is known only when Meta's webhook arrives).
/// </summary>
internal sealed record GroupCreated(string RequestId, Group? Group);

/// <summary>A page of a number's active groups, oldest first, with the cursors of its first and last group.</summary>
internal sealed record GroupPage(IReadOnlyList<Group> Groups, string? Before, string? After, bool HasBefore, bool HasAfter);

/// <summary>A group with its current participants.</summary>
internal sealed record GroupDetails(Group Group, IReadOnlyList<GroupParticipant> Participants);

/// <summary>
/// A settings change: what is null stays as it is. The picture is a media id of the channel (the file the call uploaded)
/// with its type and hash, for the webhook.
/// </summary>
internal sealed record GroupSettingsChange(string? Subject, string? Description, string? PictureMediaId, GroupPicture? Picture);

/// <summary>A join request the business could not approve or reject, with why.</summary>
internal sealed record FailedJoinRequest(string JoinRequestId, WhatsAppError Error);

/// <summary>The answer to approving or rejecting join requests: those done, and those that failed.</summary>
internal sealed record JoinRequestsResult(IReadOnlyList<string> Done, IReadOnlyList<FailedJoinRequest> Failed);

/// <summary>The answer to removing participants: those removed and those that were not participants.</summary>
internal sealed record ParticipantsRemoval(IReadOnlyList<string> Removed, IReadOnlyList<string> NotParticipants);

/// <summary>
/// What manages a business number's groups: Parley itself (the sandbox network), or Meta for a <c>meta</c> channel.
/// Both dialects' endpoints call it after authorizing the channel; <see cref="GroupManagers"/> chooses by the channel's
/// upstream. Every method answers with a WhatsApp error (from <see cref="ErrorCatalog"/>) instead of throwing.
/// </summary>
internal interface IGroupManager
{
    Task<Outcome<GroupCreated>> CreateAsync(Channel channel, GroupDraft draft, CancellationToken cancellationToken);

    /// <summary>A page of active groups; <paramref name="after"/> and <paramref name="before"/> are cursors of an earlier page (131059 when not).</summary>
    Task<Outcome<GroupPage>> ListAsync(Channel channel, int limit, string? after, string? before, CancellationToken cancellationToken);

    Task<Outcome<GroupDetails>> GetAsync(Channel channel, string groupId, CancellationToken cancellationToken);

    Task<WhatsAppError?> UpdateAsync(Channel channel, string groupId, GroupSettingsChange change, CancellationToken cancellationToken);

    Task<WhatsAppError?> DeleteAsync(Channel channel, string groupId, CancellationToken cancellationToken);

    /// <summary>The current invite link (a group whose link was deleted gets a new one only from <see cref="ResetInviteLinkAsync"/>).</summary>
    Task<Outcome<string>> GetInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken);

    /// <summary>Makes a new invite link; every earlier link stops working.</summary>
    Task<Outcome<string>> ResetInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken);

    Task<WhatsAppError?> DeleteInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken);

    Task<Outcome<IReadOnlyList<GroupJoinRequest>>> ListJoinRequestsAsync(Channel channel, string groupId, CancellationToken cancellationToken);

    Task<Outcome<JoinRequestsResult>> ApproveJoinRequestsAsync(Channel channel, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    Task<Outcome<JoinRequestsResult>> RejectJoinRequestsAsync(Channel channel, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Removes participants (phone numbers or BSUIDs, 1–8, no duplicates); 131212 when none of them is one.</summary>
    Task<Outcome<ParticipantsRemoval>> RemoveParticipantsAsync(Channel channel, string groupId, IReadOnlyList<string> users, CancellationToken cancellationToken);
}

/// <summary>The group manager of channels whose groups are elsewhere (Meta), or null for Parley's own channels.</summary>
internal interface IRemoteGroupManagers
{
    IGroupManager? ForChannel(Channel channel);
}

/// <summary>Chooses a channel's group manager: a remote one when an upstream claims the channel, else Parley's own.</summary>
internal sealed class GroupManagers(LocalGroupManager local, IEnumerable<IRemoteGroupManagers> remotes)
{
    public IGroupManager ForChannel(Channel channel) =>
        remotes.Select(r => r.ForChannel(channel)).FirstOrDefault(m => m is not null) ?? local;
}
