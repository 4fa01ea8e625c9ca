using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.Media;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// What simulated WhatsApp users do in a channel's groups (docs/sandbox.md, "Groups"): join through the invite link
/// (at once, or by a join request when the group needs approval), take a join request back, leave, and post; and what
/// WhatsApp does to a group: suspend it and clear the suspension. Each change sends its <c>group_*</c> webhook; a post is
/// an inbound message with <c>group_id</c>. Events carry the sandbox time.
/// </summary>
internal sealed class SandboxGroups(
    IGroupStore groups, IGroupReceiptStore receipts, IMessageStore messages, Ingest ingest, WebhookSignal webhooks, InboundMedia media, SandboxRateLimits limits,
    SandboxClock clock, TimeProvider time)
{
    /// <summary>What a user may post in a group: text, media, reactions, locations, contacts, and messages Cloud API cannot show.</summary>
    public static readonly IReadOnlySet<string> PostTypes =
        new HashSet<string>(["text", "image", "video", "audio", "document", "sticker", "location", "contacts", "reaction", "unsupported"], StringComparer.Ordinal);

    /// <summary>Messages the participant view lists at most.</summary>
    public const int ReceivedLimit = 1000;

    public const string Joined = "joined";
    public const string Requested = "requested";
    public const string Left = "left";
    public const string Revoked = "revoked";

    /// <summary>What a simulated user's action did, and to which group.</summary>
    internal sealed record GroupAction(string Result, string GroupId, string? WaId, string? UserId, string? JoinRequestId = null);

    /// <summary>Whether a group is suspended now.</summary>
    internal sealed record GroupStatusView(string GroupId, bool Suspended);

    /// <summary>A message the business sent to the group, as the participant got it: their status and when it changed.</summary>
    internal sealed record ReceivedMessage(string Id, string Type, string Status, DateTimeOffset At, JsonElement Message);

    internal sealed record ReceivedView(string GroupId, string WaId, IReadOnlyList<ReceivedMessage> Data);

    /// <summary>The user opens the invite link: joins an <c>auto_approve</c> group, or asks to join an <c>approval_required</c> one.</summary>
    public async Task<Outcome<GroupAction>> JoinAsync(Channel channel, JsonObject body, CancellationToken cancellationToken)
    {
        if ((Text(body, "invite_link") ?? Text(body, "code")) is not { } link)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter invite_link (or code) is required.");
        }
        if (GroupIds.InviteCodeOf(link) is not { } code)
        {
            return ErrorCatalog.InvalidParameter.With($"Param invite_link must be an invite link ({GroupIds.InviteLinkPrefix}<code>) or its code.");
        }
        var group = await groups.FindByInviteCodeAsync(code, cancellationToken);
        if (group is null || group.ChannelId != channel.PhoneNumberId)
        {
            return ErrorCatalog.ParameterValueNotValid.With("No group of this channel has this invite link: it is unknown or was reset or deleted, or the group was deleted.");
        }
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } unusable)
        {
            return unusable;
        }
        var identified = Identify(channel, body);
        if (!identified.Succeeded)
        {
            return identified.Error;
        }
        var user = identified.Value;
        if (user.WaId is { } number && SandboxBehaviours.For(number) == SandboxBehaviour.NotOnWhatsApp)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"{number} is not a WhatsApp user: they cannot open an invite link.");
        }
        var at = clock.GetUtcNow();
        if (group.JoinApprovalMode == JoinApprovalModes.ApprovalRequired)
        {
            return await RequestToJoinAsync(group, user, at, cancellationToken);
        }
        var added = GroupEvents.ParticipantsAdded(group.Id, at, [new GroupEventParticipant(null, user.WaId, user.UserId)]);
        var outcome = await groups.AddParticipantAsync(
            new GroupParticipant(group.Id, user.Peer, user.UserId, at), GroupRules.MaxParticipants,
            [new GroupEvent(EventKinds.GroupParticipants, added)], time.GetUtcNow(), cancellationToken);
        switch (outcome)
        {
            case ParticipantAdded.Added:
                webhooks.Notify();
                return new GroupAction(Joined, group.Id, user.WaId, user.UserId);
            case ParticipantAdded.GroupFull:
                return ErrorCatalog.ParticipantOverlimit.With($"Group participant size exceeds limit: the group has {GroupRules.MaxParticipants} participants.");
            case ParticipantAdded.Removed:
                return RemovedUser();
            case ParticipantAdded.AlreadyParticipant:
                return AlreadyParticipant(user);
            default:
                return ErrorCatalog.GroupUnknown.With("The group was not found, either because it doesn't exist or you are not a member.");
        }
    }

    private async Task<Outcome<GroupAction>> RequestToJoinAsync(Group group, WhatsAppUser user, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if ((await groups.ListParticipantsAsync(group.Id, cancellationToken)).Any(p => p.WaId == user.Peer))
        {
            return AlreadyParticipant(user);
        }
        if ((await groups.ListOpenJoinRequestsAsync(group.Id, cancellationToken)).FirstOrDefault(r => r.WaId == user.Peer) is { } open)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"The user already asked to join this group (join request {open.Id}).");
        }
        var request = new GroupJoinRequest(GroupIds.NewJoinRequest(user.Peer), group.Id, user.Peer, user.UserId, JoinRequestStates.Open, at, null);
        var created = GroupEvents.JoinRequest(request, GroupEvents.JoinRequestCreated, at);
        if (!await groups.CreateJoinRequestAsync(request, [new GroupEvent(EventKinds.GroupParticipants, created)], time.GetUtcNow(), cancellationToken))
        {
            return RemovedUser(); // neither a participant nor asking already: the business removed them
        }
        webhooks.Notify();
        return new GroupAction(Requested, group.Id, user.WaId, user.UserId, request.Id);
    }

    /// <summary>The user takes back their open join request, named by its id or by the user (<c>from</c>).</summary>
    public async Task<Outcome<GroupAction>> RevokeJoinRequestAsync(Channel channel, string groupId, string? requestId, JsonObject body, CancellationToken cancellationToken)
    {
        if (await ActiveGroupAsync(channel, groupId, cancellationToken) is not { } group)
        {
            return UnknownGroup();
        }
        GroupJoinRequest? request;
        if (requestId is not null)
        {
            request = await groups.GetJoinRequestAsync(group.Id, requestId, cancellationToken);
        }
        else
        {
            var identified = Identify(channel, body);
            if (!identified.Succeeded)
            {
                return identified.Error;
            }
            request = (await groups.ListOpenJoinRequestsAsync(group.Id, cancellationToken)).FirstOrDefault(r => r.WaId == identified.Value.Peer);
        }
        var at = clock.GetUtcNow();
        var revoked = request is null ? null : GroupEvents.JoinRequest(request, GroupEvents.JoinRequestRevoked, at);
        if (request is null || revoked is null
            || !await groups.CloseJoinRequestAsync(group.Id, request.Id, JoinRequestStates.Revoked, [new GroupEvent(EventKinds.GroupParticipants, revoked)], time.GetUtcNow(), cancellationToken))
        {
            return ErrorCatalog.JoinRequestNotFound.With("Group join request does not exist (or is no longer open).");
        }
        webhooks.Notify();
        var waId = Bsuid.IsValid(request.WaId) ? null : request.WaId;
        return new GroupAction(Revoked, group.Id, waId, request.UserId ?? (waId is null ? request.WaId : null), request.Id);
    }

    /// <summary>A participant leaves the group; they may join again through the link.</summary>
    public async Task<Outcome<GroupAction>> LeaveAsync(Channel channel, string groupId, JsonObject body, CancellationToken cancellationToken)
    {
        if (await ActiveGroupAsync(channel, groupId, cancellationToken) is not { } group)
        {
            return UnknownGroup();
        }
        var identified = Identify(channel, body);
        if (!identified.Succeeded)
        {
            return identified.Error;
        }
        var user = identified.Value;
        var at = clock.GetUtcNow();
        var removed = GroupEvents.ParticipantsRemoved(group.Id, at, null, GroupEvents.ByParticipant, [new GroupEventParticipant(null, user.WaId, user.UserId)]);
        if (!await groups.LeaveAsync(group.Id, user.Peer, [new GroupEvent(EventKinds.GroupParticipants, removed)], time.GetUtcNow(), cancellationToken))
        {
            return NotParticipant();
        }
        webhooks.Notify();
        return new GroupAction(Left, group.Id, user.WaId, user.UserId);
    }

    /// <summary>
    /// A participant posts in the group: the inbound message (built as <see cref="SimulatedInbound"/> builds every one)
    /// with <c>group_id</c>; a reply or reaction must be to a message of the group. Media in the body is stored first.
    /// </summary>
    public async Task<Outcome<InboundEvent>> PostAsync(Channel channel, string groupId, JsonObject body, CancellationToken cancellationToken)
    {
        var group = await groups.GetAsync(groupId, cancellationToken);
        if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } unusable)
        {
            return unusable;
        }
        var identified = Identify(channel, body);
        if (!identified.Succeeded)
        {
            return identified.Error;
        }
        if (!(await groups.ListParticipantsAsync(group!.Id, cancellationToken)).Any(p => p.WaId == identified.Value.Peer))
        {
            return NotParticipant();
        }
        var type = Text(body, "type") ?? "text";
        if (!PostTypes.Contains(type))
        {
            return ErrorCatalog.UnsupportedMessageType.With($"In a group, simulated users can post: {string.Join(", ", PostTypes)}.");
        }
        if (await media.StoreAsync(channel, body, cancellationToken) is { } mediaError)
        {
            return mediaError;
        }
        var built = SimulatedInbound.Build(channel, body, clock.GetUtcNow(), group.Id);
        if (!built.Succeeded)
        {
            return built.Error;
        }
        var context = body["context"] as JsonObject;
        var targetId = type == "reaction" ? body["reaction"]?["message_id"]?.ToString() : context?["id"]?.ToString();
        if ((type == "reaction" || context is not null)
            && (targetId is null || await messages.GetAsync(channel.PhoneNumberId, targetId, cancellationToken) is not { } target || target.Peer != group.Id))
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Message '{targetId}' is not a message of this group.");
        }
        limits.Inbound(channel, built.Value.At);
        await ingest.ApplyAsync([built.Value], cancellationToken);
        return built.Value;
    }

    /// <summary>WhatsApp suspends the group (it takes no messages: 131207) or clears the suspension; null when the channel has no such active group.</summary>
    public async Task<GroupStatusView?> SuspendAsync(string phoneNumberId, string groupId, bool suspended, CancellationToken cancellationToken)
    {
        var group = await groups.GetAsync(groupId, cancellationToken);
        if (group is null || group.ChannelId != phoneNumberId || !group.IsActive)
        {
            return null;
        }
        if (group.Suspended == suspended)
        {
            return new GroupStatusView(group.Id, suspended);
        }
        var at = clock.GetUtcNow();
        var changed = GroupEvents.StatusChanged(group.Id, suspended, at);
        if (!await groups.UpdateAsync(group with { Suspended = suspended, UpdatedAt = at }, [new GroupEvent(EventKinds.GroupStatus, changed)], time.GetUtcNow(), cancellationToken))
        {
            return null;
        }
        webhooks.Notify();
        return new GroupStatusView(group.Id, suspended);
    }

    /// <summary>The messages the business sent to the group that reached the participant, with how far each got (delivered or read).</summary>
    public async Task<Outcome<ReceivedView>> ReceivedAsync(Channel channel, string groupId, string participant, CancellationToken cancellationToken)
    {
        var group = await groups.GetAsync(groupId, cancellationToken);
        if (group is null || group.ChannelId != channel.PhoneNumberId)
        {
            return UnknownGroup();
        }
        var waId = participant.TrimStart('+');
        var received = await receipts.ListReceivedAsync(channel.PhoneNumberId, group.Id, waId, ReceivedLimit, cancellationToken);
        return new ReceivedView(group.Id, waId, [.. received.Select(r => new ReceivedMessage(r.MessageId, r.Type, r.Status.ToWire(), r.At, Parse(r.Payload)))]);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private async Task<Group?> ActiveGroupAsync(Channel channel, string groupId, CancellationToken cancellationToken) =>
        await groups.GetAsync(groupId, cancellationToken) is { } group && group.ChannelId == channel.PhoneNumberId && group.IsActive ? group : null;

    /// <summary>
    /// The simulated user of the request, as <see cref="SimulatedInbound.Identify"/> names them: <c>from</c> is their
    /// number or their BSUID (moved to <c>from_user_id</c> in <paramref name="request"/>); <c>name</c> is their profile name.
    /// </summary>
    private static Outcome<WhatsAppUser> Identify(Channel channel, JsonObject request)
    {
        if (Text(request, "from") is { } from && Bsuid.IsValid(from))
        {
            request.Remove("from");
            request["from_user_id"] = from;
        }
        if (Text(request, "name") is { } name && Text(request, "profile_name") is null)
        {
            request["profile_name"] = name;
        }
        return SimulatedInbound.Identify(channel, request);
    }

    private static WhatsAppError UnknownGroup() =>
        ErrorCatalog.GroupUnknown.With("The group was not found, either because it doesn't exist or you are not a member.");

    private static WhatsAppError NotParticipant() =>
        ErrorCatalog.ParticipantNotInGroup.With("Participant is not a part of the group.");

    private static WhatsAppError RemovedUser() =>
        ErrorCatalog.ParameterValueNotValid.With("The business removed this user from the group: they cannot join it again through the invite link.");

    private static WhatsAppError AlreadyParticipant(WhatsAppUser user) =>
        ErrorCatalog.ParameterValueNotValid.With($"{user.Peer} is already a participant of this group.");

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
