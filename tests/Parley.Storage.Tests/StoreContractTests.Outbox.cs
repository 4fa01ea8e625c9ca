using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    /// <summary>One outbox event per inbound message, due at <paramref name="now"/>.</summary>
    private async Task<(Channel Channel, List<InboundEvent> Inbound)> OutboxWithAsync(int count, DateTimeOffset now)
    {
        var channel = await NewChannelAsync();
        await SubscribeAsync(channel);
        var inbound = Enumerable.Range(0, count).Select(i => Inbound(channel, T0.AddMilliseconds(i))).ToList();
        foreach (var item in inbound)
        {
            await Stores.Events.ApplyAsync([item], now, Ct);
        }
        return (channel, inbound);
    }

    [Fact]
    public async Task ClaimedOutboxEventsAreNotClaimedAgainBeforeTheLeaseEnds()
    {
        await OutboxWithAsync(3, T0);

        var first = await ClaimOutboxAsync(T0);
        var during = await ClaimOutboxAsync(T0.AddSeconds(29));
        var after = await ClaimOutboxAsync(T0 + Lease);

        first.Count.ShouldBe(3);
        during.ShouldBeEmpty();
        after.Select(e => e.Id).ShouldBe(first.Select(e => e.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task OutboxClaimTakesTheOldestUpToTheMaximum()
    {
        var (_, inbound) = await OutboxWithAsync(5, T0);

        var first = await ClaimOutboxAsync(T0, max: 3);
        var second = await ClaimOutboxAsync(T0, max: 3);

        // Each inbound payload carries the message's number in its channel (1, 2, …).
        var payloads = inbound.Select((e, i) => MessageNumberPayload.With(CanonicalEvents.Inbound(e), i + 1)).ToList();
        first.Select(e => e.Payload).ShouldBe(payloads.Take(3));
        second.Select(e => e.Payload).ShouldBe(payloads.Skip(3));
    }

    [Fact]
    public async Task OutboxEventsAreNotClaimedBeforeTheyAreDue()
    {
        await OutboxWithAsync(1, T0.AddMinutes(1));

        (await ClaimOutboxAsync(T0)).ShouldBeEmpty();
        (await ClaimOutboxAsync(T0.AddMinutes(1))).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DeliveredOutboxEventsAreGone()
    {
        await OutboxWithAsync(2, T0);
        var claimed = await ClaimOutboxAsync(T0);

        await Stores.Outbox.DeliveredAsync(claimed.Select(e => e.Id).ToArray(), Ct);

        (await ClaimOutboxAsync(T0.AddHours(1))).ShouldBeEmpty();
        (await Stores.Outbox.ListDeadLettersAsync(null, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RetryCountsAnAttemptAndDelaysTheEvent()
    {
        await OutboxWithAsync(1, T0);
        var claimed = (await ClaimOutboxAsync(T0)).ShouldHaveSingleItem();

        await Stores.Outbox.RetryAsync([claimed.Id], T0.AddMinutes(1), "HTTP 500", Ct);

        (await ClaimOutboxAsync(T0.AddSeconds(59))).ShouldBeEmpty();
        var again = (await ClaimOutboxAsync(T0.AddMinutes(1))).ShouldHaveSingleItem();
        again.ShouldBe(claimed with { Attempts = 1, LastError = "HTTP 500" });
    }

    [Fact]
    public async Task DeadLettersAreListedAndCanBeReplayed()
    {
        var (channel, _) = await OutboxWithAsync(2, T0);
        var other = await NewChannelAsync();
        var claimed = await ClaimOutboxAsync(T0);

        await Stores.Outbox.DeadLetterAsync(claimed.Select(e => e.Id).ToArray(), T0.AddHours(1), "gone", Ct);

        (await ClaimOutboxAsync(T0.AddDays(1))).ShouldBeEmpty();
        var dead = await Stores.Outbox.ListDeadLettersAsync(channel.PhoneNumberId, 10, Ct);
        dead.ShouldBe(claimed.Select(e => e with { Attempts = 1, LastError = "gone", DeadAt = T0.AddHours(1) }).OrderBy(e => e.Id));
        (await Stores.Outbox.ListDeadLettersAsync(channel.PhoneNumberId, 1, Ct)).Count.ShouldBe(1);
        (await Stores.Outbox.ListDeadLettersAsync(null, 10, Ct)).Count.ShouldBe(2);
        (await Stores.Outbox.ListDeadLettersAsync(other.PhoneNumberId, 10, Ct)).ShouldBeEmpty();

        (await Stores.Outbox.ReplayAsync(other.PhoneNumberId, null, T0.AddDays(1), Ct)).ShouldBe(0);
        (await Stores.Outbox.ReplayAsync(channel.PhoneNumberId, null, T0.AddDays(1), Ct)).ShouldBe(2);

        (await Stores.Outbox.ListDeadLettersAsync(null, 10, Ct)).ShouldBeEmpty();
        var replayed = await ClaimOutboxAsync(T0.AddDays(1));
        replayed.ShouldBe(claimed.Select(e => e with { CreatedAt = T0.AddDays(1), LastError = "gone" }), ignoreOrder: true);
    }

    [Fact]
    public async Task ReplayByIdReplaysOnlyThoseDeadLetters()
    {
        await OutboxWithAsync(3, T0);
        var claimed = await ClaimOutboxAsync(T0);
        await Stores.Outbox.DeadLetterAsync(claimed.Select(e => e.Id).ToArray(), T0, "gone", Ct);

        (await Stores.Outbox.ReplayAsync(null, [claimed[0].Id, claimed[2].Id], T0.AddMinutes(1), Ct)).ShouldBe(2);

        (await ClaimOutboxAsync(T0.AddMinutes(1))).Select(e => e.Id).ShouldBe([claimed[0].Id, claimed[2].Id], ignoreOrder: true);
        (await Stores.Outbox.ListDeadLettersAsync(null, 10, Ct)).Select(e => e.Id).ShouldBe([claimed[1].Id]);
    }
}
