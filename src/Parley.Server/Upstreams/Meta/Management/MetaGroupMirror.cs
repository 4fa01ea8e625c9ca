using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Parley's mirror of the meta channels' groups (<see cref="IGroupStore"/>, under Meta's group ids), brought in step with
/// what Meta answers at once: lists, a group's details, invite links, join requests. These changes send no webhooks (Meta
/// sends none for them either); what Meta does later reaches the mirror with Meta's webhooks (<see cref="MetaGroupSync"/>).
/// </summary>
internal sealed class MetaGroupMirror(IGroupStore store, TimeProvider time)
{
    public Task<Group?> GetAsync(string groupId, CancellationToken cancellationToken) => store.GetAsync(groupId, cancellationToken);

    /// <summary>A group of Meta's list in the mirror: its subject refreshed, or (made at Meta directly) mirrored with what the list says.</summary>
    public async Task<Group> ListedAsync(Channel channel, string id, string subject, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var mirrored = await store.GetAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (mirrored is { IsActive: true } && mirrored.ChannelId == channel.PhoneNumberId)
        {
            if (mirrored.Subject != subject && subject.Length > 0)
            {
                mirrored = mirrored with { Subject = subject, UpdatedAt = now };
                await store.UpdateAsync(mirrored, [], now, cancellationToken);
            }
            return mirrored with { CreatedAt = createdAt }; // answered as Meta lists it
        }
        var group = new Group(id, channel.PhoneNumberId, subject, "", JoinApprovalModes.AutoApprove, null, null, GroupStates.Active, false, createdAt, now);
        if (mirrored is null)
        {
            await store.CreateAsync(group, int.MaxValue, [], now, cancellationToken);
        }
        return group;
    }

    /// <summary>Meta's whole list was read: the mirror's groups of the channel that Meta no longer lists were deleted at Meta.</summary>
    public async Task ForgetUnlistedAsync(Channel channel, IReadOnlyList<Group> listed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = listed.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var count = await store.CountActiveAsync(channel.PhoneNumberId, cancellationToken);
        foreach (var stale in (await store.ListActiveAsync(channel.PhoneNumberId, count + 1, null, null, cancellationToken)).Where(g => !ids.Contains(g.Id)))
        {
            await store.UpdateAsync(stale with { State = GroupStates.Deleted, UpdatedAt = now }, [], now, cancellationToken);
        }
    }

    /// <summary>The group as Meta describes it, in the mirror, with Meta's participants (joined or left without a webhook Parley saw).</summary>
    public async Task<IReadOnlyList<GroupParticipant>> DetailsAsync(Group group, Group? mirrored, List<GroupParticipant> participants, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (mirrored is null)
        {
            await store.CreateAsync(group, int.MaxValue, [], now, cancellationToken);
        }
        else if (mirrored.IsActive && (mirrored.Subject != group.Subject || mirrored.Description != group.Description
            || mirrored.JoinApprovalMode != group.JoinApprovalMode || mirrored.Suspended != group.Suspended))
        {
            await store.UpdateAsync(group with { CreatedAt = mirrored.CreatedAt }, [], now, cancellationToken);
        }
        var known = (await store.ListParticipantsAsync(group.Id, cancellationToken)).ToDictionary(p => p.WaId, StringComparer.Ordinal);
        var atMeta = participants.Select(p => p.WaId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in known.Keys.Where(k => !atMeta.Contains(k)))
        {
            await store.LeaveAsync(group.Id, gone, [], now, cancellationToken);
        }
        foreach (var added in participants.Where(p => !known.ContainsKey(p.WaId)))
        {
            await store.AddParticipantAsync(added, int.MaxValue, [], now, cancellationToken);
        }
        return [.. participants.Select(p => known.TryGetValue(p.WaId, out var k) ? k with { UserId = p.UserId ?? k.UserId } : p)];
    }

    /// <summary>The group's open join requests as Meta lists them; when the list is complete, the mirror's others are no longer open.</summary>
    public async Task JoinRequestsAsync(string groupId, List<GroupJoinRequest> open, bool complete, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var known = (await store.ListOpenJoinRequestsAsync(groupId, cancellationToken)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var request in open.Where(r => !known.Contains(r.Id)))
        {
            await store.CreateJoinRequestAsync(request, [], now, cancellationToken);
        }
        if (complete)
        {
            // No longer open at Meta: approved, rejected or withdrawn there.
            var ids = open.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var closed in known.Where(k => !ids.Contains(k)))
            {
                await store.CloseJoinRequestAsync(groupId, closed, JoinRequestStates.Revoked, [], now, cancellationToken);
            }
        }
    }

    /// <summary>Changes the mirrored group (when active; <paramref name="change"/> answers null for no change), without webhooks.</summary>
    public async Task ChangeAsync(string groupId, Func<Group, Group?> change, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(groupId, cancellationToken) is { IsActive: true } group && change(group) is { } updated)
        {
            var now = time.GetUtcNow();
            await store.UpdateAsync(updated with { UpdatedAt = now }, [], now, cancellationToken);
        }
    }

    /// <summary>Join requests Meta rejected (Meta sends no webhook for a rejection): closed now.</summary>
    public async Task RejectedAsync(string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            await store.CloseJoinRequestAsync(groupId, id, JoinRequestStates.Rejected, [], time.GetUtcNow(), cancellationToken);
        }
    }
}
