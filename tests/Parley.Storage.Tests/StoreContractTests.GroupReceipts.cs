using Parley.Core.Groups;
using Parley.Core.Model;

namespace Parley.Storage.Tests;

/// <summary>Per-participant statuses of messages sent to groups (receipts), the same on both stores.</summary>
public abstract partial class StoreContractTests
{
    private const string Ana = "15550000001";
    private const string Ben = "15550000002";

    private async Task<OutboundMessage> AcceptToGroupAsync(Channel channel)
    {
        var message = Outbound(channel, to: GroupIds.New(channel.PhoneNumberId), recipientType: "group");
        (await Stores.Messages.AcceptAsync(message, null, Ct)).Replayed.ShouldBeFalse();
        return message;
    }

    private static StatusEvent Receipt(OutboundMessage message, MessageStatus status, string participant, int second) =>
        new(message.ChannelId, T0.AddSeconds(second), message.Id, status, ParticipantId: participant);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EachParticipantsDeliveredAndReadReachTheWebhookOnceWhileTheMessageAdvancesOnTheFirst(bool oneBatch)
    {
        var channel = await NewChannelAsync();
        await SubscribeAsync(channel);
        var message = await AcceptToGroupAsync(channel);
        StatusEvent[] events =
        [
            Status(message, MessageStatus.Sent, T0.AddSeconds(1)),
            Receipt(message, MessageStatus.Delivered, Ana, 2),
            Receipt(message, MessageStatus.Delivered, Ben, 3),
            Receipt(message, MessageStatus.Read, Ben, 4),
            Receipt(message, MessageStatus.Delivered, Ana, 5),
            Receipt(message, MessageStatus.Read, Ana, 6),
            Receipt(message, MessageStatus.Read, Ben, 7),
        ];

        if (oneBatch)
        {
            await Stores.Events.ApplyAsync(events, T0.AddMinutes(1), Ct);
        }
        else
        {
            foreach (var item in events)
            {
                await Stores.Events.ApplyAsync([item], T0.AddMinutes(1), Ct);
            }
        }

        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().Status.ShouldBe(MessageStatus.Read);
        (await Stores.Messages.GetHistoryAsync(message.Id, Ct)).ShouldBe([
            new StatusChange(MessageStatus.Accepted, T0, null),
            new StatusChange(MessageStatus.Sent, T0.AddSeconds(1), null),
            new StatusChange(MessageStatus.Delivered, T0.AddSeconds(2), null),
            new StatusChange(MessageStatus.Read, T0.AddSeconds(4), null)]);
        (await ClaimOutboxAsync(T0.AddMinutes(1))).Select(e => e.Payload).ShouldBe(
            new[] { events[0], events[1], events[2], events[3], events[5] }.Select(e => CanonicalEvents.Status(e, message.To, null, "group", null)),
            ignoreOrder: true);
        var receipts = Stores.Get<IGroupReceiptStore>();
        (await receipts.ListReceivedAsync(channel.PhoneNumberId, message.To, Ana, 10, Ct)).ShouldBe([
            new GroupReceipt(message.Id, "text", message.Payload, MessageStatus.Read, T0.AddSeconds(6))]);
        (await receipts.ListReceivedAsync(channel.PhoneNumberId, message.To, Ben, 10, Ct)).Single().Status.ShouldBe(MessageStatus.Read);
        (await receipts.ListReceivedAsync(channel.PhoneNumberId, GroupIds.New(channel.PhoneNumberId), Ana, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ParticipantsStatusesOfAFailedGroupMessageAreIgnored()
    {
        var channel = await NewChannelAsync();
        await SubscribeAsync(channel);
        var message = await AcceptToGroupAsync(channel);

        await Stores.Events.ApplyAsync([Status(message, MessageStatus.Failed, T0.AddSeconds(1), Undeliverable)], T0.AddMinutes(1), Ct);
        await Stores.Events.ApplyAsync([Receipt(message, MessageStatus.Delivered, Ana, 2)], T0.AddMinutes(1), Ct);

        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().Status.ShouldBe(MessageStatus.Failed);
        (await ClaimOutboxAsync(T0.AddMinutes(1))).Count.ShouldBe(1);
        (await Stores.Get<IGroupReceiptStore>().ListReceivedAsync(channel.PhoneNumberId, message.To, Ana, 10, Ct)).ShouldBeEmpty();
    }
}
