using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task ClaimedJobsAreNotClaimedAgainBeforeTheLeaseEnds()
    {
        var channel = await NewChannelAsync();
        var messages = new[] { await AcceptAsync(channel), await AcceptAsync(channel), await AcceptAsync(channel) };

        var first = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct);
        var during = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddSeconds(29), T0.AddSeconds(29) + Lease, Ct);
        var after = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0 + Lease, T0 + Lease + Lease, Ct);

        first.Select(j => j.Message.Id).ShouldBe(messages.Select(m => m.Id), ignoreOrder: true);
        during.ShouldBeEmpty();
        after.Select(j => j.Message.Id).ShouldBe(messages.Select(m => m.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task ClaimTakesTheOldestDueJobsUpToTheMaximum()
    {
        var channel = await NewChannelAsync();
        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await AcceptAsync(channel, T0.AddMilliseconds(i)));
        }
        var retried = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 1, T0.AddSeconds(1), T0.AddSeconds(2), Ct)).ShouldHaveSingleItem();
        retried.Message.Id.ShouldBe(messages[0].Id);
        await Stores.Queue.RetryAsync(retried, T0.AddSeconds(10), Ct); // now the newest due
        var now = T0.AddSeconds(20);

        var first = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 2, now, now + Lease, Ct);
        var second = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 2, now, now + Lease, Ct);
        var third = await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 2, now, now + Lease, Ct);

        first.Select(j => j.Message.Id).ShouldBe([messages[1].Id, messages[2].Id]);
        second.Select(j => j.Message.Id).ShouldBe([messages[3].Id, messages[4].Id]);
        third.Select(j => (j.Message.Id, j.Attempts)).ShouldBe([(messages[0].Id, 1)]);
    }

    [Fact]
    public async Task JobsAreClaimedOnlyWhenDueAndOnlyForTheirChannel()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var later = await AcceptAsync(channel, T0.AddMinutes(1));

        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldBeEmpty();
        (await Stores.Queue.ClaimAsync(other.PhoneNumberId, 10, T0.AddMinutes(1), T0.AddMinutes(2), Ct)).ShouldBeEmpty();
        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddMinutes(1), T0.AddMinutes(2), Ct)).ShouldHaveSingleItem().Message.Id.ShouldBe(later.Id);
    }

    [Fact]
    public async Task RetryPutsTheJobBackDueLaterWithOneMoreAttempt()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var claimed = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();

        await Stores.Queue.RetryAsync(claimed, T0.AddSeconds(5), Ct);

        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddSeconds(4), T0.AddSeconds(4) + Lease, Ct)).ShouldBeEmpty();
        var job = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddSeconds(5), T0.AddSeconds(5) + Lease, Ct)).ShouldHaveSingleItem();
        job.Message.Id.ShouldBe(message.Id);
        job.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task CompleteRemovesTheJobAndAppliesTheEventsOfTheSend()
    {
        var channel = await NewChannelAsync();
        var subscription = await SubscribeAsync(channel);
        var message = await AcceptAsync(channel, opaque: "ref-7");
        var claimed = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();
        var sent = Status(message, MessageStatus.Sent, T0.AddSeconds(1));

        await Stores.Queue.CompleteAsync(claimed, [sent], T0.AddSeconds(2), Ct);

        var stored = (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(MessageStatus.Sent);
        stored.UpdatedAt.ShouldBe(T0.AddSeconds(1));
        (await Stores.Messages.GetHistoryAsync(message.Id, Ct)).Select(h => h.Status).ShouldBe([MessageStatus.Accepted, MessageStatus.Sent]);
        (await Stores.Queue.ChannelsWithJobsAsync(Ct)).ShouldNotContain(channel.PhoneNumberId);
        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddHours(1), T0.AddHours(2), Ct)).ShouldBeEmpty();
        var outbox = (await ClaimOutboxAsync(T0.AddSeconds(2))).ShouldHaveSingleItem();
        outbox.ShouldBe(new OutboxEvent(outbox.Id, subscription.Id, channel.PhoneNumberId, EventKinds.Statuses,
            CanonicalEvents.Status(sent, message.To, null, "individual", "ref-7"), T0.AddSeconds(2), 0, null, null));
    }

    [Fact]
    public async Task ANodeWhoseLeaseRanOutTakesNothingFromTheNewClaimant()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var stale = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();
        var current = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0 + Lease, T0 + Lease + Lease, Ct)).ShouldHaveSingleItem();

        await Stores.Queue.RetryAsync(stale, T0 + Lease, Ct);
        await Stores.Queue.CompleteAsync(stale, [Status(message, MessageStatus.Sent, T0.AddSeconds(31))], T0.AddSeconds(31), Ct);

        // What the stale node did is recorded; the job stays the current claimant's, not claimable by anyone else.
        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().Status.ShouldBe(MessageStatus.Sent);
        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0 + Lease, T0 + Lease + Lease, Ct)).ShouldBeEmpty();
        await Stores.Queue.CompleteAsync(current, [], T0.AddSeconds(32), Ct);
        (await Stores.Queue.ChannelsWithJobsAsync(Ct)).ShouldNotContain(channel.PhoneNumberId);
    }

    [Fact]
    public async Task ARenewedJobIsNotTakenOverUntilItsRenewedLeaseEndsAndItsClaimStillCompletesIt()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var claimed = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();

        await Stores.Queue.RenewAsync(channel.PhoneNumberId, [claimed.LeaseUntil], T0 + Lease + Lease, Ct);

        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0 + Lease, T0 + Lease + Lease, Ct)).ShouldBeEmpty("renewed: still running");
        await Stores.Queue.CompleteAsync(claimed, [Status(message, MessageStatus.Sent, T0 + Lease)], T0 + Lease, Ct);
        (await Stores.Messages.GetAsync(channel.PhoneNumberId, message.Id, Ct)).ShouldNotBeNull().Status.ShouldBe(MessageStatus.Sent);
        (await Stores.Queue.ChannelsWithJobsAsync(Ct)).ShouldNotContain(channel.PhoneNumberId);
    }

    [Fact]
    public async Task RenewingAStaleClaimLeavesTheJobToItsNewClaimant()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var stale = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();
        var current = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0 + Lease, T0 + Lease + Lease, Ct)).ShouldHaveSingleItem();

        await Stores.Queue.RenewAsync(channel.PhoneNumberId, [stale.LeaseUntil], T0 + Lease * 5, Ct);

        var next = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0 + Lease + Lease, T0 + Lease * 3, Ct)).ShouldHaveSingleItem(
            "the stale claim's renewal did not extend the current claim's lease");
        next.Message.Id.ShouldBe(message.Id);
        current.LeaseUntil.ShouldNotBe(next.LeaseUntil);
    }

    [Fact]
    public async Task ChannelsWithJobsListsEachChannelWithJobsOnce()
    {
        var busy = await NewChannelAsync();
        var waiting = await NewChannelAsync();
        await NewChannelAsync(); // one without jobs
        var jobs = new[] { await AcceptAsync(busy), await AcceptAsync(busy), await AcceptAsync(busy) };
        await AcceptAsync(waiting, T0.AddHours(1));
        await Stores.Queue.ClaimAsync(busy.PhoneNumberId, 1, T0, T0 + Lease, Ct);

        (await Stores.Queue.ChannelsWithJobsAsync(Ct)).ShouldBe([busy.PhoneNumberId, waiting.PhoneNumberId], ignoreOrder: true);

        var claimed = await Stores.Queue.ClaimAsync(busy.PhoneNumberId, 10, T0.AddHours(1), T0.AddHours(1) + Lease, Ct);
        claimed.Select(j => j.Message.Id).ShouldBe(jobs.Select(j => j.Id), ignoreOrder: true);
        foreach (var job in claimed)
        {
            await Stores.Queue.CompleteAsync(job, [], T0, Ct);
        }
        (await Stores.Queue.ChannelsWithJobsAsync(Ct)).ShouldBe([waiting.PhoneNumberId]);
    }
}
