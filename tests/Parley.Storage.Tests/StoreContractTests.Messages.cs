using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task ListPagesNewestFirstWithACursor()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await AcceptAsync(channel, T0.AddSeconds(i)));
        }
        await AcceptAsync(other, T0.AddSeconds(9));
        // Two messages at the same moment are ordered by id.
        var twin = Outbound(channel, T0.AddSeconds(2)) with { Id = messages[2].Id + "x" };
        await Stores.Messages.AcceptAsync(twin, null, Ct);

        var first = await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Limit: 2), Ct);
        var second = await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Before: first.NextCursor, Limit: 2), Ct);
        var third = await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Before: second.NextCursor, Limit: 2), Ct);

        first.Items.Select(m => m.Id).ShouldBe([messages[4].Id, messages[3].Id]);
        first.NextCursor.ShouldBe(messages[3].Id);
        second.Items.Select(m => m.Id).ShouldBe([twin.Id, messages[2].Id]);
        third.Items.Select(m => m.Id).ShouldBe([messages[1].Id, messages[0].Id]);
        third.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task ListFiltersByDirectionPeerStatusAndTime()
    {
        var channel = await NewChannelAsync();
        var toAna = await AcceptAsync(channel, T0, to: "15550000001");
        var toBo = await AcceptAsync(channel, T0.AddMinutes(1), to: "15550000002");
        var fromAna = Inbound(channel, T0.AddMinutes(2), from: "15550000001");
        await Stores.Events.ApplyAsync([fromAna, Status(toBo, MessageStatus.Sent, T0.AddMinutes(1))], T0.AddMinutes(2), Ct);

        async Task<IEnumerable<string>> Ids(MessageQuery query) => (await Stores.Messages.ListAsync(query, Ct)).Items.Select(m => m.Id);

        (await Ids(new MessageQuery(channel.PhoneNumberId))).ShouldBe([fromAna.MessageId, toBo.Id, toAna.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Direction: MessageDirection.Outbound))).ShouldBe([toBo.Id, toAna.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Direction: MessageDirection.Inbound))).ShouldBe([fromAna.MessageId]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Peer: "15550000001"))).ShouldBe([fromAna.MessageId, toAna.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Status: MessageStatus.Sent))).ShouldBe([toBo.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Since: T0.AddMinutes(1)))).ShouldBe([fromAna.MessageId, toBo.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Until: T0.AddMinutes(1)))).ShouldBe([toAna.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, MessageDirection.Outbound, "15550000002", MessageStatus.Sent, T0, T0.AddHours(1)))).ShouldBe([toBo.Id]);
        (await Ids(new MessageQuery(channel.PhoneNumberId, Before: "wamid.unknown"))).ShouldBeEmpty();
    }
}
