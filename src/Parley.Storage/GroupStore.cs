using Parley.Core.Groups;

namespace Parley.Storage;

/// <summary>
/// A webhook event a group change sends, fanned out in the change's own transaction to the channel's subscriptions
/// that want <paramref name="Kind"/> (one of <see cref="EventKinds.Groups"/>).
/// </summary>
/// <param name="Payload">The canonical event: a Cloud API <c>groups[]</c> item.</param>
public sealed record GroupEvent(string Kind, string Payload);

/// <summary>A position in a channel's list of groups, oldest first: the creation time and id of a group.</summary>
public sealed record GroupCursor(DateTimeOffset CreatedAt, string Id);

/// <summary>What adding a participant did.</summary>
public enum ParticipantAdded
{
    Added,
    AlreadyParticipant,
    /// <summary>The group holds <see cref="GroupRules.MaxParticipants"/> already.</summary>
    GroupFull,
    /// <summary>The group is deleted (or never was).</summary>
    NoGroup,
    /// <summary>The business removed the user from the group: they cannot join it again through the invite link.</summary>
    Removed,
}

/// <summary>
/// Groups, their participants and join requests. Every change takes the events it causes and stores them in the
/// webhook outbox in the same transaction, only when the change happened.
/// </summary>
public interface IGroupStore
{
    /// <summary>
    /// Stores a new group; false (nothing stored, no event) when the channel has <paramref name="maxPerChannel"/> active
    /// groups or a group of that id exists already (a mirror of Meta's groups may learn of one twice at once).
    /// </summary>
    Task<bool> CreateAsync(Group group, int maxPerChannel, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The group, active or deleted; null when unknown.</summary>
    Task<Group?> GetAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>The active group whose current invite code this is.</summary>
    Task<Group?> FindByInviteCodeAsync(string inviteCode, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> of the channel's active groups, oldest first: those after <paramref name="after"/>,
    /// or the last ones before <paramref name="before"/> (still oldest first), or the first ones.
    /// </summary>
    Task<IReadOnlyList<Group>> ListActiveAsync(string channelId, int limit, GroupCursor? after, GroupCursor? before, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the group's settings, invite code, state and suspension with <paramref name="updated"/>'s while it is
    /// active (or, to restore nothing, when <paramref name="updated"/> deletes it). Deleting removes the participants and
    /// closes open join requests. False when the group is not active.
    /// </summary>
    Task<bool> UpdateAsync(Group updated, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The group's participants, in the order they joined.</summary>
    Task<IReadOnlyList<GroupParticipant>> ListParticipantsAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the participant to the active group when it holds fewer than <paramref name="max"/>, closing the user's open
    /// join request as approved; the events are stored only when added.
    /// </summary>
    Task<ParticipantAdded> AddParticipantAsync(GroupParticipant participant, int max, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The business removes those of <paramref name="waIds"/> that are participants and returns them; the events are
    /// built from the removed ones (none stored when nobody was removed). A removed user cannot join or ask to join again.
    /// </summary>
    Task<IReadOnlyList<string>> RemoveParticipantsAsync(string groupId, IReadOnlyList<string> waIds, Func<IReadOnlyList<string>, IReadOnlyList<GroupEvent>> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A participant leaves the group on their own (they may join again); false when they were not in it.</summary>
    Task<bool> LeaveAsync(string groupId, string waId, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Opens a join request; false when the user has an open one for the group already, is or was removed as a participant, or the group is not active.</summary>
    Task<bool> CreateJoinRequestAsync(GroupJoinRequest request, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    Task<GroupJoinRequest?> GetJoinRequestAsync(string groupId, string requestId, CancellationToken cancellationToken);

    /// <summary>The group's open join requests, oldest first.</summary>
    Task<IReadOnlyList<GroupJoinRequest>> ListOpenJoinRequestsAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Closes an open join request as rejected or revoked; false when it is not open.</summary>
    Task<bool> CloseJoinRequestAsync(string groupId, string requestId, string state, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken);
}
