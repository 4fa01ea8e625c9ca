using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AcceptStoresTheMessageItsAcceptedStatusAndItsJob()
    {
        var channel = await NewChannelAsync();
        var message = Outbound(channel, opaque: "ref-1");

        var result = await Stores.Messages.AcceptAsync(message, null, Ct);

        result.ShouldBe(new AcceptResult(message.Id, message.To, Replayed: false));
        var stored = (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull();
        stored.ShouldBe(new StoredMessage(message.Id, channel.PhoneNumberId, MessageDirection.Outbound, message.To, "text", message.Payload,
            MessageStatus.Accepted, "ref-1", null, T0, T0));
        (await Stores.Messages.GetHistoryAsync(message.Id, Ct)).ShouldBe([new StatusChange(MessageStatus.Accepted, T0, null)]);
        var job = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();
        job.Attempts.ShouldBe(0);
        job.Message.ShouldBe(message with { Input = message.To });
    }

    [Fact]
    public async Task ConcurrentAcceptsAreEachStoredAndOneThatCannotBeFailsAlone()
    {
        var channel = await NewChannelAsync();
        var existing = await AcceptAsync(channel);
        var fresh = Enumerable.Range(0, 20).Select(i => Outbound(channel, T0.AddMilliseconds(i + 1), to: $"155512300{i:00}")).ToList();
        var duplicate = Outbound(channel, T0.AddSeconds(1)) with { Id = existing.Id };

        // Accepts running alongside each other may be stored together (PostgreSQL's group commit): the one whose id is
        // taken must fail on its own, every other one must be stored.
        var accepts = fresh.Append(duplicate).Select(m => Stores.Messages.AcceptAsync(m, null, Ct)).ToList();
        var outcomes = new List<bool>();
        foreach (var accept in accepts)
        {
            try
            {
                await accept;
                outcomes.Add(true);
            }
            catch (Exception)
            {
                outcomes.Add(false);
            }
        }

        outcomes.ShouldBe([.. fresh.Select(_ => true), false]);
        foreach (var message in fresh)
        {
            (await Stores.Messages.GetHistoryAsync(message.Id, Ct)).ShouldBe([new StatusChange(MessageStatus.Accepted, message.CreatedAt, null)]);
        }
        var jobs = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 100, T0.AddMinutes(1), T0.AddMinutes(2), Ct);
        jobs.Select(j => j.Message.Id).ShouldBe([existing.Id, .. fresh.Select(m => m.Id)], ignoreOrder: true);
        (await Stores.Messages.GetAsync(channel.PhoneNumberId, existing.Id, Ct)).ShouldNotBeNull().Peer.ShouldBe(existing.To);
    }

    [Fact]
    public async Task AcceptedMessageIsNotVisibleFromAnotherChannel()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var message = await AcceptAsync(channel);

        (await Stores.Messages.GetAsync(other.PhoneNumberId, message.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AcceptWithAKeySeenBeforeReturnsTheOriginalIdAndStoresNothing()
    {
        var channel = await NewChannelAsync();
        var first = Outbound(channel, to: "15551230001");
        var second = Outbound(channel, T0.AddSeconds(1), to: "15551230002");

        (await Stores.Messages.AcceptAsync(first, "key-1", Ct)).ShouldBe(new AcceptResult(first.Id, first.To, Replayed: false));
        var replay = await Stores.Messages.AcceptAsync(second, "key-1", Ct);

        replay.ShouldBe(new AcceptResult(first.Id, first.To, Replayed: true));
        (await Stores.Messages.GetAsync(channel.PhoneNumberId, second.Id, Ct)).ShouldBeNull();
        (await Stores.Messages.GetHistoryAsync(second.Id, Ct)).ShouldBeEmpty();
        var jobs = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddMinutes(1), T0.AddMinutes(2), Ct);
        jobs.Select(j => j.Message.Id).ShouldBe([first.Id]);
    }

    [Fact]
    public async Task IdempotencyKeysBelongToOneChannel()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var first = Outbound(channel);
        var second = Outbound(other);

        (await Stores.Messages.AcceptAsync(first, "same-key", Ct)).Replayed.ShouldBeFalse();
        (await Stores.Messages.AcceptAsync(second, "same-key", Ct)).ShouldBe(new AcceptResult(second.Id, second.To, Replayed: false));

        (await Stores.Messages.GetAsync(other.PhoneNumberId, second.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AcceptWithoutAKeyNeverReplays()
    {
        var channel = await NewChannelAsync();
        var first = await AcceptAsync(channel);
        var second = await AcceptAsync(channel);

        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).Select(j => j.Message.Id)
            .ShouldBe([first.Id, second.Id], ignoreOrder: true);
    }
}
