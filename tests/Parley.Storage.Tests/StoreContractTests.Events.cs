using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private static readonly WebhookError Undeliverable = new(131026, "Message undeliverable", "The recipient is not on WhatsApp.");

    [Theory]
    [InlineData("sent,delivered,read", "read", "sent,delivered,read")]
    [InlineData("read,delivered", "read", "read")]
    [InlineData("sent,read,delivered,sent", "read", "sent,read")]
    [InlineData("delivered,sent", "delivered", "delivered")]
    [InlineData("sent,sent", "sent", "sent")]
    [InlineData("delivered,failed", "failed", "delivered,failed")]
    [InlineData("failed,delivered,read", "failed", "failed")]
    [InlineData("read,failed", "read", "read")]
    public async Task StatusesOnlyMoveForward(string applied, string final, string recorded)
    {
        var channel = await NewChannelAsync();
        await SubscribeAsync(channel);
        var message = await AcceptAsync(channel);
        var events = Statuses(applied).Select((status, i) => Status(message, status, T0.AddSeconds(i + 1), status == MessageStatus.Failed ? Undeliverable : null)).ToList();

        foreach (var item in events)
        {
            await Stores.Events.ApplyAsync([item], T0.AddMinutes(1), Ct);
        }

        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().Status.ShouldBe(Statuses(final).Single());
        (await Stores.Messages.GetHistoryAsync(message.Id, Ct)).Select(h => h.Status).ShouldBe([MessageStatus.Accepted, .. Statuses(recorded)]);
        (await ClaimOutboxAsync(T0.AddMinutes(1))).Select(e => e.Payload).ShouldBe(
            Statuses(recorded).Select(s => CanonicalEvents.Status(events.First(e => e.Status == s), message.To, null, "individual", null)),
            ignoreOrder: true);
    }

    [Fact]
    public async Task EventsInOneBatchApplyInOrder()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);

        await Stores.Events.ApplyAsync(
            [Status(message, MessageStatus.Sent, T0.AddSeconds(1)), Status(message, MessageStatus.Delivered, T0.AddSeconds(2)), Status(message, MessageStatus.Sent, T0.AddSeconds(3))],
            T0.AddSeconds(3), Ct);

        (await Stores.Messages.GetHistoryAsync(message.Id, Ct)).ShouldBe([
            new StatusChange(MessageStatus.Accepted, T0, null),
            new StatusChange(MessageStatus.Sent, T0.AddSeconds(1), null),
            new StatusChange(MessageStatus.Delivered, T0.AddSeconds(2), null)]);
    }

    [Fact]
    public async Task AFailedStatusKeepsItsError()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);

        await Stores.Events.ApplyAsync([Status(message, MessageStatus.Failed, T0.AddSeconds(1), Undeliverable)], T0.AddSeconds(1), Ct);

        var error = CanonicalEvents.ErrorJson(Undeliverable);
        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().ErrorJson.ShouldBe(error);
        (await Stores.Messages.GetHistoryAsync(message.Id, Ct))[^1].ShouldBe(new StatusChange(MessageStatus.Failed, T0.AddSeconds(1), error));
    }

    [Fact]
    public async Task StatusesOfUnknownMessagesOrOfAnotherChannelsMessagesAreIgnored()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        await SubscribeAsync(channel);
        await SubscribeAsync(other);
        var message = await AcceptAsync(channel);

        await Stores.Events.ApplyAsync(
            [Status(message, MessageStatus.Sent, T0.AddSeconds(1)) with { ChannelId = other.PhoneNumberId }, Status(Outbound(channel), MessageStatus.Sent, T0.AddSeconds(1))],
            T0.AddSeconds(1), Ct);

        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().Status.ShouldBe(MessageStatus.Accepted);
        (await ClaimOutboxAsync(T0.AddSeconds(1))).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheSameInboundAppliedTwiceIsStoredOnceAndFannedOutOncePerSubscription()
    {
        var channel = await NewChannelAsync();
        var all = await SubscribeAsync(channel);
        var messages = await SubscribeAsync(channel, EventKinds.Messages);
        await SubscribeAsync(channel, EventKinds.Statuses);
        var inbound = Inbound(channel, T0.AddSeconds(1));

        await Stores.Events.ApplyAsync([inbound], T0.AddSeconds(2), Ct);
        await Stores.Events.ApplyAsync([inbound, inbound], T0.AddSeconds(3), Ct);

        var stored = (await Stores.Messages.GetAsync(channel.PhoneNumberId, inbound.MessageId, Ct)).ShouldNotBeNull();
        stored.ShouldBe(new StoredMessage(inbound.MessageId, channel.PhoneNumberId, MessageDirection.Inbound, inbound.From, "text", inbound.Message,
            MessageStatus.Delivered, null, null, T0.AddSeconds(1), T0.AddSeconds(1)));
        (await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, MessageDirection.Inbound), Ct)).Items.ShouldHaveSingleItem();
        var outbox = await ClaimOutboxAsync(T0.AddSeconds(3));
        outbox.Select(e => e.SubscriptionId).ShouldBe([all.Id, messages.Id], ignoreOrder: true);
        outbox.ShouldAllBe(e => e.Kind == EventKinds.Messages && e.Payload == MessageNumberPayload.With(CanonicalEvents.Inbound(inbound), 1) && e.CreatedAt == T0.AddSeconds(2));
    }

    [Fact]
    public async Task TheEventFilterChoosesWhichSubscriptionsGetAnEvent()
    {
        var channel = await NewChannelAsync();
        var statuses = await SubscribeAsync(channel, EventKinds.Statuses);
        var messages = await SubscribeAsync(channel, EventKinds.Messages);
        var both = await SubscribeAsync(channel, "messages,statuses");
        var message = await AcceptAsync(channel);

        await Stores.Events.ApplyAsync([Status(message, MessageStatus.Sent, T0.AddSeconds(1)), Inbound(channel, T0.AddSeconds(1))], T0.AddSeconds(1), Ct);

        var outbox = await ClaimOutboxAsync(T0.AddSeconds(1));
        outbox.Select(e => (e.SubscriptionId, e.Kind)).ShouldBe(
            [(statuses.Id, EventKinds.Statuses), (messages.Id, EventKinds.Messages), (both.Id, EventKinds.Statuses), (both.Id, EventKinds.Messages)],
            ignoreOrder: true);
    }

    [Fact]
    public async Task InboundOpensTheWindowAndAnOlderInboundDoesNotMoveItBack()
    {
        var channel = await NewChannelAsync();
        const string From = "15557654321";

        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, From, Ct)).ShouldBeNull();
        await Stores.Events.ApplyAsync([Inbound(channel, T0.AddMinutes(10), From)], T0.AddMinutes(10), Ct);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, From, Ct)).ShouldBe(T0.AddMinutes(10));

        await Stores.Events.ApplyAsync([Inbound(channel, T0.AddMinutes(5), From)], T0.AddMinutes(11), Ct);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, From, Ct)).ShouldBe(T0.AddMinutes(10));

        await Stores.Events.ApplyAsync([Inbound(channel, T0.AddMinutes(20), From)], T0.AddMinutes(20), Ct);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, From, Ct)).ShouldBe(T0.AddMinutes(20));
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, "15550000000", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task MarkingAnInboundMessageReadRecordsItOnce()
    {
        var channel = await NewChannelAsync();
        var inbound = Inbound(channel, T0);
        await Stores.Events.ApplyAsync([inbound], T0, Ct);
        var outbound = await AcceptAsync(channel);

        (await Stores.Messages.MarkInboundReadAsync(channel.PhoneNumberId, inbound.MessageId, T0.AddSeconds(5), Ct)).ShouldBeTrue();
        (await Stores.Messages.MarkInboundReadAsync(channel.PhoneNumberId, inbound.MessageId, T0.AddSeconds(6), Ct)).ShouldBeTrue();
        (await Stores.Messages.MarkInboundReadAsync(channel.PhoneNumberId, outbound.Id, T0.AddSeconds(6), Ct)).ShouldBeFalse();
        (await Stores.Messages.MarkInboundReadAsync(channel.PhoneNumberId, "wamid.unknown", T0.AddSeconds(6), Ct)).ShouldBeFalse();

        var stored = (await Stores.Messages.GetAsync(channel.PhoneNumberId, inbound.MessageId, Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(MessageStatus.Read);
        stored.UpdatedAt.ShouldBe(T0.AddSeconds(5));
        (await Stores.Messages.GetHistoryAsync(inbound.MessageId, Ct)).ShouldBe([new StatusChange(MessageStatus.Read, T0.AddSeconds(5), null)]);
    }

    private static MessageStatus[] Statuses(string names) =>
        names.Split(',').Select(name => MessageStatusNames.TryParse(name, out var status) ? status : throw new ArgumentException(name)).ToArray();
}
