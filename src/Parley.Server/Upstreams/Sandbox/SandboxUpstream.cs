using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core.Blocking;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Ids;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Core.Pricing;
using Parley.Server.Configuration;
using Parley.Server.Media;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulated WhatsApp network, on its own clock (<see cref="SandboxClock"/>) with its simulated users. It enforces
/// what the network decides after acceptance (reaction targets, undeliverable recipients; the customer service window
/// is Parley's rule, applied by dispatch on this clock) and reports <c>sent</c>, <c>delivered</c> and
/// <c>read</c> with the <c>pricing</c> object Meta sends (per-message pricing, <see cref="MessagePricing"/>). A reply ends
/// the user's view of the business typing (<see cref="SandboxTyping"/>). A message to a group goes to every current
/// participant: <c>sent</c> once for the group, then <c>delivered</c> and <c>read</c> per participant. A message to a user
/// the business blocked fails with 130403 (<see cref="IBlockStore"/>).
/// </summary>
internal sealed class SandboxUpstream(
    IMessageStore store, IUserStore users, SandboxScheduler scheduler, SandboxClock clock, SandboxSendLog sendLog, OutboundMedia media, IOptions<ParleyOptions> options,
    Templates.TemplateSendGuard templates, SandboxTyping typing, IGroupStore groups, IBlockStore blocks) : IUpstream
{
    /// <summary>Reactions to messages older than this are not delivered (seed 004, reactions; 131009).</summary>
    public static readonly TimeSpan ReactionMaxAge = TimeSpan.FromDays(30);

    private readonly SandboxOptions _options = options.Value.Sandbox;

    public string Kind => Channel.SandboxUpstream;

    public TimeProvider Clock => clock;

    public async Task<UpstreamResult> SendAsync(Channel channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        sendLog.Record(message.Id);
        var now = clock.GetUtcNow();
        var individual = message.RecipientType != "group";
        // A user addressed by BSUID is who the channel knows by it (docs/sandbox.md, "Identities"); their number, when
        // the channel knows it, chooses their behaviour.
        var recipient = individual ? await RecipientAsync(channel, message.To, cancellationToken) : null;
        var behaviour = recipient?.WaId is { } number ? SandboxBehaviours.For(number) : SandboxBehaviour.Ordinary;
        // A user the business blocked gets nothing from it: WhatsApp fails the message with 130403 (Meta, "Block users").
        if (individual && await blocks.IsBlockedAsync(channel.PhoneNumberId, message.To, cancellationToken))
        {
            return new UpstreamResult.Rejected(BlockRules.RecipientBlocked());
        }
        if (behaviour is SandboxBehaviour.NotOnWhatsApp or SandboxBehaviour.BlockedBusiness)
        {
            return new UpstreamResult.Rejected(ErrorCatalog.MessageUndeliverable.With(
                "Message Undeliverable: the recipient is not a WhatsApp user or cannot receive messages from this business."));
        }
        if (individual && message.Type is ("interactive" or "template") && RecipientCountryRules.Check(message.Payload, recipient?.WaId ?? message.To) is { } incapable)
        {
            return new UpstreamResult.Rejected(incapable);
        }
        IReadOnlyList<GroupParticipant> participants = [];
        if (!individual)
        {
            var group = await groups.GetAsync(message.To, cancellationToken);
            if (GroupRules.CheckUsable(group, channel.PhoneNumberId) is { } unusable)
            {
                return new UpstreamResult.Rejected(unusable);
            }
            participants = await groups.ListParticipantsAsync(message.To, cancellationToken);
            if (participants.Count == 0)
            {
                return new UpstreamResult.Rejected(ErrorCatalog.BadGroup.With("Cannot send messages to single member groups."));
            }
        }
        var isTemplate = message.Type == "template";
        if (isTemplate && (await templates.RenderAsync(channel, message.Payload, cancellationToken)).Error is { } templateError)
        {
            return new UpstreamResult.Rejected(templateError);
        }
        // WhatsApp fetches media links (and checks media) only now, after acceptance: a bad one fails with 131053.
        if (await media.CheckAsync(channel, message, cancellationToken) is { } mediaError)
        {
            return new UpstreamResult.Rejected(mediaError);
        }
        if (message.Type == "reaction")
        {
            var refusal = await CheckReactionAsync(channel, message, now, cancellationToken);
            if (refusal is not null)
            {
                return new UpstreamResult.Rejected(refusal);
            }
            // WhatsApp reports only "sent" for reactions.
            return new UpstreamResult.Sent([new StatusEvent(channel.PhoneNumberId, now, message.Id, MessageStatus.Sent)]);
        }
        if (!individual)
        {
            return new UpstreamResult.Sent(PlayGroupStatuses(channel, message, participants, now));
        }
        await typing.RepliedAsync(channel.PhoneNumberId, message.To, cancellationToken);
        var pricing = await PriceAsync(channel, message, isTemplate, now, cancellationToken);
        return new UpstreamResult.Sent(PlayStatuses(channel, message, recipient, behaviour, pricing, now));
    }

    /// <summary>
    /// The message's pricing by Meta's per-message rules (<see cref="MessagePricing"/>): the stored template's category,
    /// the customer service window and a free entry point the user came from, priced from the table.
    /// </summary>
    private async Task<ConversationPricing> PriceAsync(Channel channel, OutboundMessage message, bool isTemplate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? category = null;
        if (isTemplate)
        {
            var template = JsonNode.Parse(message.Payload)?["template"];
            var found = await templates.FindAsync(channel.AccountId, template?["name"]?.GetValue<string>() ?? "", template?["language"]?["code"]?.GetValue<string>() ?? "", cancellationToken);
            category = found?.Category ?? "MARKETING";
        }
        var lastInbound = await store.GetLastInboundAsync(channel.PhoneNumberId, message.To, cancellationToken);
        var entryPoint = await store.GetLastEntryPointAsync(channel.PhoneNumberId, message.To, now - MessagePricing.EntryPointLength, cancellationToken);
        var context = new PricingContext(category, message.To, channel.CountryCallingCode, lastInbound, entryPoint, now);
        return MessagePricing.Decide(context, options.Value.Pricing, channel.PhoneNumberId);
    }

    /// <summary>The simulated user a message goes to: as the channel knows them, else by the rules of <see cref="SandboxUsers"/>.</summary>
    private async Task<WhatsAppUser> RecipientAsync(Channel channel, string to, CancellationToken cancellationToken) =>
        await users.FindAsync(channel.PhoneNumberId, to, cancellationToken) is { } known
            ? known with { ProfileName = known.ProfileName.Length > 0 ? known.ProfileName : ProfileName(to) }
            : Bsuid.IsValid(to)
                ? new WhatsAppUser(null, to, null, null, ProfileName(to))
                : SandboxUsers.User(channel.AccountId, to, !SandboxUsers.HidesNumber(to), null, ProfileName(to));

    private static string ProfileName(string identity) => "Sandbox User " + identity[^4..];

    private async Task<WhatsAppError?> CheckReactionAsync(Channel channel, OutboundMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var targetId = JsonNode.Parse(message.Payload)?["reaction"]?["message_id"]?.GetValue<string>();
        var target = targetId is null ? null : await store.GetAsync(channel.PhoneNumberId, targetId, cancellationToken);
        if (target is null || !(await SandboxConversation.IdentitiesAsync(users, channel.PhoneNumberId, [message.To], cancellationToken)).Contains(target.Peer))
        {
            return ErrorCatalog.ParameterValueNotValid.With("The message being reacted to does not exist in this conversation.");
        }
        if (target.Type == "reaction")
        {
            return ErrorCatalog.ParameterValueNotValid.With("A reaction cannot be reacted to.");
        }
        return now - target.CreatedAt > ReactionMaxAge
            ? ErrorCatalog.ParameterValueNotValid.With("The message being reacted to is more than 30 days old.")
            : null;
    }

    /// <summary>Returns <c>sent</c> (and, with no delay, everything else); schedules the rest.</summary>
    private List<UpstreamEvent> PlayStatuses(Channel channel, OutboundMessage message, WhatsAppUser? recipient, SandboxBehaviour behaviour, ConversationPricing pricing, DateTimeOffset now)
    {
        var (deliveredAfter, readAfter) = Timing(behaviour);
        var userId = recipient?.UserId;
        var immediate = new List<UpstreamEvent> { new StatusEvent(channel.PhoneNumberId, now, message.Id, MessageStatus.Sent, Pricing: pricing, RecipientUserId: userId) };
        var later = new List<(UpstreamEvent Event, TimeSpan After)>
        {
            (new StatusEvent(channel.PhoneNumberId, now + deliveredAfter, message.Id, MessageStatus.Delivered, Pricing: pricing with { Conversation = pricing.Conversation is { } c ? c with { ExpiresAt = null } : null }, RecipientUserId: userId), deliveredAfter),
        };
        if (behaviour != SandboxBehaviour.NeverReads)
        {
            later.Add((new StatusEvent(channel.PhoneNumberId, now + readAfter, message.Id, MessageStatus.Read, RecipientUserId: userId), readAfter));
        }
        if (behaviour == SandboxBehaviour.AutoReplies)
        {
            later.Add((AutoReply(channel, message, recipient!, now + readAfter), readAfter));
        }
        Play(immediate, later);
        return immediate;
    }

    /// <summary>
    /// A group message: <c>sent</c> once for the group (no participant), then each participant's <c>delivered</c> and
    /// <c>read</c> (<c>recipient_participant_id</c>) as their number's behaviour plays it (one who replies automatically
    /// posts the reply in the group); a participant who blocked the business gets nothing.
    /// </summary>
    private List<UpstreamEvent> PlayGroupStatuses(Channel channel, OutboundMessage message, IReadOnlyList<GroupParticipant> participants, DateTimeOffset now)
    {
        var immediate = new List<UpstreamEvent> { new StatusEvent(channel.PhoneNumberId, now, message.Id, MessageStatus.Sent) };
        var later = new List<(UpstreamEvent Event, TimeSpan After)>();
        foreach (var participant in participants)
        {
            var behaviour = Bsuid.IsValid(participant.WaId) ? SandboxBehaviour.Ordinary : SandboxBehaviours.For(participant.WaId);
            if (behaviour is SandboxBehaviour.NotOnWhatsApp or SandboxBehaviour.BlockedBusiness)
            {
                continue;
            }
            var (deliveredAfter, readAfter) = Timing(behaviour);
            later.Add((new StatusEvent(channel.PhoneNumberId, now + deliveredAfter, message.Id, MessageStatus.Delivered,
                RecipientUserId: participant.UserId, ParticipantId: participant.WaId), deliveredAfter));
            if (behaviour != SandboxBehaviour.NeverReads)
            {
                later.Add((new StatusEvent(channel.PhoneNumberId, now + readAfter, message.Id, MessageStatus.Read,
                    RecipientUserId: participant.UserId, ParticipantId: participant.WaId), readAfter));
            }
            if (behaviour == SandboxBehaviour.AutoReplies)
            {
                var user = new WhatsAppUser(participant.WaId, participant.UserId, null, null, ProfileName(participant.WaId));
                later.Add((AutoReply(channel, message, user, now + readAfter, message.To), readAfter));
            }
        }
        // Due statuses play in time order, so the message's own status advances with the first participant's.
        Play(immediate, [.. later.OrderBy(l => l.After)]);
        return immediate;
    }

    /// <summary>When a user of <paramref name="behaviour"/> has the message delivered and reads it, after it was sent.</summary>
    private (TimeSpan Delivered, TimeSpan Read) Timing(SandboxBehaviour behaviour)
    {
        var step = TimeSpan.FromMilliseconds(_options.StatusDelayMs);
        var deliveredAfter = behaviour == SandboxBehaviour.DeliveredLate ? TimeSpan.FromMilliseconds(_options.LateDeliveryMs) : step;
        return (deliveredAfter, deliveredAfter + step);
    }

    /// <summary>Adds what is due at once to <paramref name="immediate"/>; schedules the rest on the sandbox's scheduler.</summary>
    private void Play(List<UpstreamEvent> immediate, List<(UpstreamEvent Event, TimeSpan After)> later)
    {
        foreach (var (item, after) in later)
        {
            if (after <= TimeSpan.Zero)
            {
                immediate.Add(item);
            }
            else
            {
                scheduler.Schedule(item, after);
            }
        }
    }

    /// <summary>The reply of a user who replies automatically, quoting the message; in the group when <paramref name="groupId"/> is set.</summary>
    private static InboundEvent AutoReply(Channel channel, OutboundMessage message, WhatsAppUser user, DateTimeOffset at, string? groupId = null)
    {
        var body = $"Auto-reply: got your {message.Type} message";
        var json = new JsonObject { ["context"] = new JsonObject { ["from"] = channel.DisplayPhoneNumber, ["id"] = message.Id } };
        if (user.WaId is not null)
        {
            json["from"] = user.WaId;
        }
        json["from_user_id"] = user.UserId;
        if (groupId is not null)
        {
            json["group_id"] = groupId;
        }
        json["id"] = MessageIds.NewWamid();
        json["timestamp"] = CanonicalEvents.UnixSeconds(at);
        json["type"] = "text";
        json["text"] = new JsonObject { ["body"] = body };
        return new InboundEvent(channel.PhoneNumberId, at, json["id"]!.GetValue<string>(), user, "text", json.ToJsonString(), GroupId: groupId);
    }
}
