using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Meta's group webhooks (fields <c>group_lifecycle_update</c>, <c>group_participants_update</c>,
/// <c>group_settings_update</c>, <c>group_status_update</c>; Meta, "Webhooks for Groups API") for the meta channels:
/// each <c>groups[]</c> item changes the channel's mirror of its groups (a group created with Meta's id, subject and
/// invite link, deleted, participants joined, left or removed, join requests opened or withdrawn, settings, suspension)
/// and is passed on, as Meta sent it (it is the canonical group event), to the channel's subscriptions, in the same
/// transaction. Each delivery of an item is passed on once, as Meta delivers it; an item of a group the mirror does not
/// have (other than its creation) or no longer has is ignored.
/// </summary>
internal sealed partial class MetaGroupSync(IGroupStore store, WebhookSignal webhooks, TimeProvider time, ILogger<MetaGroupSync> logger)
{
    public async Task ApplyAsync(JsonElement root, IReadOnlyList<MetaChannel> signers, CancellationToken cancellationToken)
    {
        var passedOn = false;
        foreach (var (phoneNumberId, items) in Changes(root))
        {
            var channel = signers.FirstOrDefault(c => c.Settings.PhoneNumberId == phoneNumberId);
            if (channel is null)
            {
                continue; // MetaWebhookApi logs unknown numbers once per change
            }
            foreach (var item in items)
            {
                passedOn |= await ApplyAsync(channel.Channel.PhoneNumberId, item, cancellationToken);
            }
        }
        if (passedOn)
        {
            webhooks.Notify();
        }
    }

    /// <summary>Applies one <c>groups[]</c> item to the mirror; true when it was passed on to the subscriptions.</summary>
    private async Task<bool> ApplyAsync(string channelId, JsonObject item, CancellationToken cancellationToken)
    {
        var type = MetaGroupJson.Text(item, "type");
        var groupId = MetaGroupJson.Text(item, "group_id");
        if (type is null || KindOf(type) is not { } kind)
        {
            Log.UnknownType(logger, channelId, type ?? "(none)");
            return false;
        }
        var now = time.GetUtcNow();
        var events = new[] { new GroupEvent(kind, item.ToJsonString()) };
        if (type == GroupEvents.Create)
        {
            if (groupId is null)
            {
                Log.UnknownGroup(logger, channelId, type, "(none)");
                return false;
            }
            // A list or read through A may have mirrored the group a moment before: then the webhook completes it.
            if (await store.GetAsync(groupId, cancellationToken) is null
                && await store.CreateAsync(Created(channelId, groupId, item, now), int.MaxValue, events, now, cancellationToken))
            {
                return true;
            }
        }
        var group = groupId is null ? null : await store.GetAsync(groupId, cancellationToken);
        if (group is not { IsActive: true } || group.ChannelId != channelId)
        {
            Log.UnknownGroup(logger, channelId, type, groupId ?? "(none)");
            return false;
        }
        var failed = item["errors"] is JsonArray { Count: > 0 };
        var changed = (type, failed) switch
        {
            (GroupEvents.Create, false) => await store.UpdateAsync(Created(channelId, group.Id, item, now) with { CreatedAt = group.CreatedAt }, events, now, cancellationToken),
            (GroupEvents.Delete, false) => await store.UpdateAsync(group with { State = GroupStates.Deleted, UpdatedAt = now }, events, now, cancellationToken),
            (GroupEvents.ParticipantsAdd, _) => await JoinedAsync(group, item, events, now, cancellationToken),
            (GroupEvents.ParticipantsRemove, _) => await RemovedAsync(group, item, events, now, cancellationToken),
            (GroupEvents.JoinRequestCreated, _) => await JoinRequestAsync(group, item, events, now, cancellationToken),
            (GroupEvents.JoinRequestRevoked, _) when MetaGroupJson.Text(item, "join_request_id") is { } requestId =>
                await store.CloseJoinRequestAsync(group.Id, requestId, JoinRequestStates.Revoked, events, now, cancellationToken),
            (GroupEvents.SettingsUpdate, _) => await store.UpdateAsync(Settings(group, item, now), events, now, cancellationToken),
            (GroupEvents.Suspend or GroupEvents.SuspendCleared, _) =>
                await store.UpdateAsync(group with { Suspended = type == GroupEvents.Suspend, UpdatedAt = now }, events, now, cancellationToken),
            _ => false,
        };
        // Nothing to change in the mirror (a failure Meta reports, a redelivery, a change the mirror had already):
        // the item is still Meta's webhook to the business, so it is passed on.
        return changed || await store.UpdateAsync(group with { UpdatedAt = now }, events, now, cancellationToken);
    }

    /// <summary>
    /// The group of a <c>group_create</c> item. When Meta reports that creating it failed, it is stored as deleted: its
    /// id stays unknown to sends, and the failure reaches the subscriptions.
    /// </summary>
    private static Group Created(string channelId, string groupId, JsonObject item, DateTimeOffset now)
    {
        var invite = MetaGroupJson.Text(item, "invite_link") is { } link ? GroupIds.InviteCodeOf(link) : null;
        var failed = item["errors"] is JsonArray { Count: > 0 };
        return new Group(groupId, channelId, MetaGroupJson.Text(item, "subject") ?? "", MetaGroupJson.Text(item, "description") ?? "",
            MetaGroupJson.JoinApprovalMode(item), failed ? null : invite, null, failed ? GroupStates.Deleted : GroupStates.Active, false,
            MetaGroupJson.Time(item, "timestamp", now), now);
    }

    /// <summary>Users joined (through the link, or approved): each is a participant; the item goes with the first one added.</summary>
    private async Task<bool> JoinedAsync(Group group, JsonObject item, GroupEvent[] events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = events;
        foreach (var participant in MetaGroupJson.Objects(item, "added_participants"))
        {
            if (MetaGroupJson.IdentityOf(participant) is not { } identity)
            {
                continue;
            }
            var joined = new GroupParticipant(group.Id, identity, MetaGroupJson.Text(participant, "user_id"), MetaGroupJson.Time(item, "timestamp", now));
            if (await store.AddParticipantAsync(joined, int.MaxValue, pending, now, cancellationToken) == ParticipantAdded.Added)
            {
                pending = [];
            }
        }
        return pending.Length == 0;
    }

    /// <summary>The business removed participants (those it could not remove stay), or a participant left (and may join again).</summary>
    private async Task<bool> RemovedAsync(Group group, JsonObject item, GroupEvent[] events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = MetaGroupJson.Objects(item, "removed_participants").Select(MetaGroupJson.IdentityOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (removed.Count == 0)
        {
            return false;
        }
        if (MetaGroupJson.Text(item, "initiated_by") == GroupEvents.ByParticipant)
        {
            var pending = events;
            foreach (var identity in removed)
            {
                if (await store.LeaveAsync(group.Id, identity, pending, now, cancellationToken))
                {
                    pending = [];
                }
            }
            return pending.Length == 0;
        }
        return (await store.RemoveParticipantsAsync(group.Id, removed, _ => events, now, cancellationToken)).Count > 0;
    }

    private async Task<bool> JoinRequestAsync(Group group, JsonObject item, GroupEvent[] events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (MetaGroupJson.Text(item, "join_request_id") is not { } id || MetaGroupJson.IdentityOf(item) is not { } identity)
        {
            return false;
        }
        var request = new GroupJoinRequest(id, group.Id, identity, MetaGroupJson.Text(item, "user_id"), JoinRequestStates.Open,
            MetaGroupJson.Time(item, "timestamp", now), null);
        return await store.CreateJoinRequestAsync(request, events, now, cancellationToken);
    }

    /// <summary>The settings Meta changed (<c>update_successful</c>); the picture stays the media Parley relayed.</summary>
    private static Group Settings(Group group, JsonObject item, DateTimeOffset now) => group with
    {
        Subject = Successful(item, "group_subject") ?? group.Subject,
        Description = Successful(item, "group_description") ?? group.Description,
        UpdatedAt = now,
    };

    private static string? Successful(JsonObject item, string setting) =>
        item[setting] is JsonObject value && MetaGroupJson.Flag(value, "update_successful") ? MetaGroupJson.Text(value, "text") : null;

    /// <summary>The event kind (Meta's webhook field) of a <c>groups[]</c> item's type; null for a type Parley does not know.</summary>
    private static string? KindOf(string type) => type switch
    {
        GroupEvents.Create or GroupEvents.Delete => EventKinds.GroupLifecycle,
        GroupEvents.ParticipantsAdd or GroupEvents.ParticipantsRemove or GroupEvents.JoinRequestCreated or GroupEvents.JoinRequestRevoked => EventKinds.GroupParticipants,
        GroupEvents.SettingsUpdate => EventKinds.GroupSettings,
        GroupEvents.Suspend or GroupEvents.SuspendCleared => EventKinds.GroupStatus,
        _ => null,
    };

    /// <summary>The <c>groups[]</c> items of the payload's group changes, with the phone number id each is of.</summary>
    private static IEnumerable<(string PhoneNumberId, List<JsonObject> Items)> Changes(JsonElement root) =>
        MetaWebhookPayload.Fields(root, EventKinds.Groups)
            .Select(c => JsonNode.Parse(c.Value.GetRawText()) as JsonObject)
            .Where(node => node is not null && MetaGroupJson.Text(node["metadata"], "phone_number_id") is not null)
            .Select(node => (MetaGroupJson.Text(node!["metadata"], "phone_number_id")!, (List<JsonObject>)[.. MetaGroupJson.Objects(node, "groups")]));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Meta group webhook of channel {ChannelId}: type {Type} is not one Parley knows; ignored")]
        public static partial void UnknownType(ILogger logger, string channelId, string type);

        [LoggerMessage(2, LogLevel.Information, "Meta group webhook {Type} of channel {ChannelId} names group {GroupId}, which the channel's mirror does not have (active); ignored")]
        public static partial void UnknownGroup(ILogger logger, string channelId, string type, string groupId);
    }
}
