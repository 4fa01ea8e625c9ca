using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Phones;
using Parley.Core.Users;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Groups;

/// <summary>
/// Groups kept by Parley (the sandbox network): every change is stored with the webhook events it causes, in one
/// transaction, and the webhook sender is woken. Simulated users join, leave and ask to join through the sandbox.
/// </summary>
internal sealed class LocalGroupManager(IGroupStore store, WebhookSignal webhooks, TimeProvider time) : IGroupManager
{
    public async Task<Outcome<GroupCreated>> CreateAsync(Channel channel, GroupDraft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var group = new Group(GroupIds.New(channel.PhoneNumberId), channel.PhoneNumberId, draft.Subject, draft.Description, draft.JoinApprovalMode,
            GroupIds.NewInviteCode(), null, GroupStates.Active, false, now, now);
        var requestId = NewRequestId();
        if (!await store.CreateAsync(group, GroupRules.MaxGroupsPerNumber, [Lifecycle(GroupEvents.Created(group, requestId))], now, cancellationToken))
        {
            return ErrorCatalog.GroupCreateLimitReached.With("Reached the limit for the maximum number of groups that can be created for this number.");
        }
        webhooks.Notify();
        return new GroupCreated(requestId, group);
    }

    public async Task<Outcome<GroupPage>> ListAsync(Channel channel, int limit, string? after, string? before, CancellationToken cancellationToken)
    {
        GroupCursor? afterCursor = null, beforeCursor = null;
        if ((after is not null && (afterCursor = ParseCursor(after)) is null) || (before is not null && (beforeCursor = ParseCursor(before)) is null))
        {
            return ErrorCatalog.InvalidCursor.With("The cursor has either expired or become corrupted. Start pagination from the beginning again.");
        }
        // One more than asked tells whether there is a page beyond.
        var found = await store.ListActiveAsync(channel.PhoneNumberId, limit + 1, afterCursor, beforeCursor, cancellationToken);
        var (page, hasBefore, hasAfter) = CreationCursor.Slice(found, limit, afterCursor is not null, beforeCursor is not null);
        return page.Count == 0
            ? new GroupPage(page, null, null, false, false)
            : new GroupPage(page, Cursor(page[0]), Cursor(page[^1]), hasBefore, hasAfter);
    }

    public async Task<Outcome<GroupDetails>> GetAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (Unknown(group, channel) is { } error)
        {
            return error;
        }
        return new GroupDetails(group!, await store.ListParticipantsAsync(groupId, cancellationToken));
    }

    public async Task<WhatsAppError?> UpdateAsync(Channel channel, string groupId, GroupSettingsChange change, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        var now = time.GetUtcNow();
        var updated = group! with
        {
            Subject = change.Subject ?? group.Subject,
            Description = change.Description ?? group.Description,
            PictureMediaId = change.PictureMediaId ?? group.PictureMediaId,
            UpdatedAt = now,
        };
        var settings = GroupEvents.SettingsUpdated(groupId, now, NewRequestId(), change.Subject, change.Description, change.Picture);
        return await ChangeAsync(updated, [new GroupEvent(EventKinds.GroupSettings, settings)], now, cancellationToken);
    }

    public async Task<WhatsAppError?> DeleteAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (Unknown(group, channel) is { } error)
        {
            return error;
        }
        var now = time.GetUtcNow();
        return await ChangeAsync(group! with { State = GroupStates.Deleted, UpdatedAt = now },
            [Lifecycle(GroupEvents.Deleted(groupId, NewRequestId(), now))], now, cancellationToken);
    }

    public async Task<Outcome<string>> GetInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        return group!.InviteLink is { } link
            ? link
            : ErrorCatalog.InvalidParameter.With("The group has no invite link: it was deleted. Reset it (POST /{group-id}/invite_link) to make a new one.");
    }

    public async Task<Outcome<string>> ResetInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        var updated = group! with { InviteCode = GroupIds.NewInviteCode(), UpdatedAt = time.GetUtcNow() };
        return await ChangeAsync(updated, [], updated.UpdatedAt, cancellationToken) is { } failed ? failed : updated.InviteLink!;
    }

    public async Task<WhatsAppError?> DeleteInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        return await ChangeAsync(group! with { InviteCode = null, UpdatedAt = time.GetUtcNow() }, [], time.GetUtcNow(), cancellationToken);
    }

    public async Task<Outcome<IReadOnlyList<GroupJoinRequest>>> ListJoinRequestsAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        return Outcome<IReadOnlyList<GroupJoinRequest>>.Success(await store.ListOpenJoinRequestsAsync(groupId, cancellationToken));
    }

    public async Task<Outcome<JoinRequestsResult>> ApproveJoinRequestsAsync(Channel channel, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        var approved = new List<string>();
        var failed = new List<FailedJoinRequest>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var request = await store.GetJoinRequestAsync(groupId, id, cancellationToken);
            if (request is not { State: JoinRequestStates.Open })
            {
                failed.Add(new FailedJoinRequest(id, NoSuchJoinRequest()));
                continue;
            }
            var now = time.GetUtcNow();
            var joined = GroupEvents.ParticipantsAdded(groupId, now, [new GroupEventParticipant(request.WaId, WaIdOf(request.WaId), request.UserId)]);
            var added = await store.AddParticipantAsync(new GroupParticipant(groupId, request.WaId, request.UserId, now), GroupRules.MaxParticipants,
                [new GroupEvent(EventKinds.GroupParticipants, joined)], now, cancellationToken);
            switch (added)
            {
                case ParticipantAdded.Added:
                    approved.Add(id);
                    break;
                case ParticipantAdded.GroupFull:
                    failed.Add(new FailedJoinRequest(id, ErrorCatalog.ParticipantOverlimit.With("Group participant size exceeds limit.")));
                    break;
                default:
                    failed.Add(new FailedJoinRequest(id, NoSuchJoinRequest()));
                    break;
            }
        }
        if (approved.Count > 0)
        {
            webhooks.Notify();
        }
        return new JoinRequestsResult(approved, failed);
    }

    public async Task<Outcome<JoinRequestsResult>> RejectJoinRequestsAsync(Channel channel, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        var rejected = new List<string>();
        var failed = new List<FailedJoinRequest>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            // Rejecting sends no webhook (Meta, "Group management": "Webhook: None").
            if (await store.CloseJoinRequestAsync(groupId, id, JoinRequestStates.Rejected, [], time.GetUtcNow(), cancellationToken))
            {
                rejected.Add(id);
            }
            else
            {
                failed.Add(new FailedJoinRequest(id, NoSuchJoinRequest()));
            }
        }
        return new JoinRequestsResult(rejected, failed);
    }

    public async Task<Outcome<ParticipantsRemoval>> RemoveParticipantsAsync(Channel channel, string groupId, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        if (users.Count is 0 or > GroupRules.MaxParticipantsPerRequest)
        {
            return ErrorCatalog.InvalidParameter.With($"Param participants must have between 1 and {GroupRules.MaxParticipantsPerRequest} elements.");
        }
        var identities = new List<(string Input, string WaId)>();
        foreach (var user in users)
        {
            if (IdentityOf(user) is not { } identity)
            {
                return ErrorCatalog.InvalidParameter.With($"Param participants[{identities.Count}].user must be a phone number or a business-scoped user ID.");
            }
            identities.Add((user, identity));
        }
        if (identities.GroupBy(i => i.WaId, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            return ErrorCatalog.DuplicateParticipant.With("Duplicate participants in the participant array input.");
        }
        var group = await store.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } error)
        {
            return error;
        }
        var now = time.GetUtcNow();
        var requestId = NewRequestId();
        var removed = await store.RemoveParticipantsAsync(groupId, [.. identities.Select(i => i.WaId)], done =>
        {
            var failed = identities.Where(i => !done.Contains(i.WaId)).ToList();
            var payload = GroupEvents.ParticipantsRemoved(groupId, now, requestId, GroupEvents.ByBusiness,
                [.. identities.Where(i => done.Contains(i.WaId)).Select(i => new GroupEventParticipant(i.Input, WaIdOf(i.WaId)))],
                [.. failed.Select(i => new GroupEventParticipant(i.Input, null, Error: WebhookError.From(NotAParticipant())))],
                failed.Count == 0 ? null : WebhookError.From(ErrorCatalog.RequestPartiallySucceeded.With("Not all participant-level operations in the request succeeded.")));
            return [new GroupEvent(EventKinds.GroupParticipants, payload)];
        }, now, cancellationToken);
        if (removed.Count == 0)
        {
            return NotAParticipant();
        }
        webhooks.Notify();
        return new ParticipantsRemoval(removed, [.. identities.Select(i => i.WaId).Where(w => !removed.Contains(w))]);
    }

    /// <summary>131041 for a group this number does not have (unknown, another number's, or deleted).</summary>
    private static WhatsAppError? Unknown(Group? group, Channel channel) =>
        group is null || group.ChannelId != channel.PhoneNumberId || !group.IsActive ? GroupRules.CheckUsable(group, channel.PhoneNumberId) : null;

    private async Task<WhatsAppError?> ChangeAsync(Group updated, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await store.UpdateAsync(updated, events, now, cancellationToken))
        {
            return GroupRules.CheckUsable(null, updated.ChannelId); // deleted meanwhile
        }
        if (events.Count > 0)
        {
            webhooks.Notify();
        }
        return null;
    }

    private static GroupEvent Lifecycle(string payload) => new(EventKinds.GroupLifecycle, payload);

    /// <summary>A participant named by phone number (digits, <c>+</c> and separators allowed) or BSUID.</summary>
    public static string? IdentityOf(string user)
    {
        if (Bsuid.IsValid(user))
        {
            return user;
        }
        var digits = PhoneNumbers.DigitsOf(user);
        return digits.Length is >= 7 and <= 15 && user.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')') ? digits : null;
    }

    /// <summary>The <c>wa_id</c> of an identity: the phone number, or none for a BSUID.</summary>
    private static string? WaIdOf(string identity) => Bsuid.IsValid(identity) ? null : identity;

    private static WhatsAppError NotAParticipant() => ErrorCatalog.ParticipantNotInGroup.With("Participant is not a part of the group.");

    private static WhatsAppError NoSuchJoinRequest() => ErrorCatalog.JoinRequestNotFound.With("Group join request does not exist.");

    private static string NewRequestId() => MessageIds.NewNumericId(15);

    private static string Cursor(Group group) => CreationCursor.Encode(group.CreatedAt, group.Id);

    private static GroupCursor? ParseCursor(string cursor) =>
        CreationCursor.Decode(cursor) is { } position ? new GroupCursor(position.CreatedAt, position.Id) : null;
}
