using System.Text.Json.Nodes;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IMessageHistoryStore History => Stores.Get<IMessageHistoryStore>();

    private async Task<List<(long Number, string Id)>> NumberedAsync(NumberedMessageQuery query) =>
        [.. (await History.ListNumberedAsync(query, Ct)).Select(m => (m.Number, m.Message.Id))];

    [Fact]
    public async Task MessagesOfBothDirectionsAreNumberedPerChannelFromOne()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var first = await AcceptAsync(channel, T0);
        var inbound = Inbound(channel, T0.AddSeconds(1));
        await Stores.Events.ApplyAsync([inbound], T0.AddSeconds(1), Ct);
        var otherMessage = await AcceptAsync(other, T0.AddSeconds(2));
        var second = await AcceptAsync(channel, T0.AddSeconds(3));

        (await NumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId)))
            .ShouldBe([(1, first.Id), (2, inbound.MessageId), (3, second.Id)]);
        (await NumberedAsync(new NumberedMessageQuery(other.PhoneNumberId))).ShouldBe([(1, otherMessage.Id)]);
    }

    [Fact]
    public async Task ANumberNeverChangesAndARepeatedInboundEventTakesNone()
    {
        var channel = await NewChannelAsync();
        var inbound = Inbound(channel, T0);
        await Stores.Events.ApplyAsync([inbound], T0, Ct);
        var accepted = await AcceptAsync(channel, T0.AddSeconds(1));
        var before = await NumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId));

        await Stores.Events.ApplyAsync([inbound], T0.AddSeconds(2), Ct); // delivered twice
        var later = await AcceptAsync(channel, T0.AddSeconds(3));

        var after = await NumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId));
        after.Take(2).ShouldBe(before);
        after.Count.ShouldBe(3);
        after[2].Id.ShouldBe(later.Id);
        after[2].Number.ShouldBeGreaterThan(after[1].Number);
        before.Select(m => m.Id).ShouldBe([inbound.MessageId, accepted.Id]);
    }

    [Fact]
    public async Task NumberedListsFilterByNumberPeerTimeAndIdAndGiveTheNewest()
    {
        var channel = await NewChannelAsync();
        var toAna = await AcceptAsync(channel, T0, to: "15550000001");
        var toBo = await AcceptAsync(channel, T0.AddMinutes(1), to: "15550000002");
        var fromAna = Inbound(channel, T0.AddMinutes(2), from: "15550000001");
        await Stores.Events.ApplyAsync([fromAna], T0.AddMinutes(2), Ct);
        var id = channel.PhoneNumberId;

        (await NumberedAsync(new NumberedMessageQuery(id, AfterNumber: 1))).Select(m => m.Id).ShouldBe([toBo.Id, fromAna.MessageId]);
        (await NumberedAsync(new NumberedMessageQuery(id, FromNumber: 2, Limit: 1))).Select(m => m.Id).ShouldBe([toBo.Id]);
        (await NumberedAsync(new NumberedMessageQuery(id, Peer: "15550000001"))).Select(m => m.Id).ShouldBe([toAna.Id, fromAna.MessageId]);
        (await NumberedAsync(new NumberedMessageQuery(id, Since: T0.AddMinutes(1), Until: T0.AddMinutes(2)))).Select(m => m.Id).ShouldBe([toBo.Id]);
        (await NumberedAsync(new NumberedMessageQuery(id, MessageId: toBo.Id))).ShouldBe([(2, toBo.Id)]);
        (await NumberedAsync(new NumberedMessageQuery(id, Newest: true, Limit: 2))).Select(m => m.Id).ShouldBe([fromAna.MessageId, toBo.Id]);
    }

    [Fact]
    public async Task AnInboundOutboxEventCarriesItsMessageNumber()
    {
        var channel = await NewChannelAsync();
        await SubscribeAsync(channel);
        await AcceptAsync(channel, T0);
        await History.ListNumberedAsync(new NumberedMessageQuery(channel.PhoneNumberId), Ct); // numbers the accepted message first
        var inbound = Inbound(channel, T0.AddSeconds(1));
        await Stores.Events.ApplyAsync([inbound], T0.AddSeconds(1), Ct);

        var events = await ClaimOutboxAsync(T0.AddSeconds(1));
        var payload = JsonNode.Parse(events.Single(e => e.Kind == EventKinds.Messages).Payload)!;
        payload["message_number"]!.GetValue<long>().ShouldBe(2);
        payload["message"]!["id"]!.GetValue<string>().ShouldBe(inbound.MessageId);
        payload["contact"]!["wa_id"]!.GetValue<string>().ShouldBe(inbound.From);
    }
}
