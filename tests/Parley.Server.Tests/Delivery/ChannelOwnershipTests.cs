using Parley.Server.Configuration;
using Parley.Server.Delivery;

namespace Parley.Server.Tests.Delivery;

/// <summary>Which channels a node dispatches and how many of their jobs it holds, on a fake clock.</summary>
public sealed class ChannelOwnershipTests
{
    private const string ChannelId = "100000001";

    [Theory]
    [InlineData(80, 500)] // 80 mps × 60 s / 4 = 1200, capped
    [InlineData(20, 300)]
    [InlineData(0, 1)]
    public void InFlightLimitIsAQuarterLeaseOfSendsWithinTheCap(int messagesPerSecond, int limit) =>
        new DispatchKit(new DispatchOptions { LeaseSeconds = 60, MaxInFlightPerChannel = 500 }).Ownership.Limit(messagesPerSecond).ShouldBe(limit);

    [Fact]
    public async Task ClaimTakesAsManyJobsAsTheLimitAndJobsMustGoByAQuarterLeaseBeforeTheLeaseEnds()
    {
        var kit = new DispatchKit(new DispatchOptions { LeaseSeconds = 40 });
        Enqueue(kit, 30);

        var claim = await kit.Ownership.ClaimAsync(ChannelId, messagesPerSecond: 2, CancellationToken.None); // limit 2 × 40 / 4 = 20

        claim.Jobs.Count.ShouldBe(20);
        claim.Limit.ShouldBe(20);
        claim.SendBy.ShouldBe(DispatchKit.T0.AddSeconds(30));
        kit.Ownership.InFlight(ChannelId).ShouldBe(20);
    }

    [Fact]
    public async Task ChannelIsClaimedAgainOnlyOnceHalfItsJobsAreDone()
    {
        var kit = new DispatchKit(new DispatchOptions { LeaseSeconds = 40 });
        Enqueue(kit, 100);
        var claim = await kit.Ownership.ClaimAsync(ChannelId, 2, CancellationToken.None);

        for (var i = 0; i < 9; i++)
        {
            kit.Ownership.Release(claim.Jobs[i], claim.Limit).ShouldBeFalse();
        }
        kit.Time.Advance(TimeSpan.FromSeconds(6)); // past an eighth of the lease: renewed, but no room
        (await kit.Ownership.ClaimAsync(ChannelId, 2, CancellationToken.None)).Jobs.ShouldBeEmpty();
        kit.Ownership.Release(claim.Jobs[9], claim.Limit).ShouldBeTrue("half done: signal for the next part of the backlog");
        var next = await kit.Ownership.ClaimAsync(ChannelId, 2, CancellationToken.None);

        next.Jobs.Count.ShouldBe(10, "room for what is done");
        kit.Ownership.InFlight(ChannelId).ShouldBe(20);
        kit.Queue.ClaimSizes.ShouldBe([20, 10]);
    }

    [Fact]
    public async Task BusyOwnerRenewsItsLeaseOnlyEveryEighthOfTheLease()
    {
        var kit = new DispatchKit(new DispatchOptions { LeaseSeconds = 40 });
        Enqueue(kit, 100);
        await kit.Ownership.ClaimAsync(ChannelId, 2, CancellationToken.None);

        kit.Time.Advance(TimeSpan.FromSeconds(4.9));
        await kit.Ownership.ClaimAsync(ChannelId, 2, CancellationToken.None);
        kit.Queue.Acquisitions.ShouldBe(1, "renewed less than an eighth of the lease ago");

        kit.Time.Advance(TimeSpan.FromSeconds(0.1));
        await kit.Ownership.ClaimAsync(ChannelId, 2, CancellationToken.None);
        kit.Queue.Acquisitions.ShouldBe(2);
        kit.Queue.ClaimSizes.ShouldBe([20], "busy: renewed, nothing claimed");
    }

    [Fact]
    public async Task NodeThatDoesNotOwnTheChannelAsksAgainAQuarterLeaseLater()
    {
        var kit = new DispatchKit(new DispatchOptions { LeaseSeconds = 40 });
        Enqueue(kit, 5);
        kit.Queue.Owns = false;

        (await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None)).ShouldBe(ChannelClaim.None);
        kit.Time.Advance(TimeSpan.FromSeconds(9.9));
        kit.Queue.Owns = true;
        (await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None)).Jobs.ShouldBeEmpty();
        kit.Queue.Acquisitions.ShouldBe(1, "another node paces the channel: not asked again before a quarter-lease");

        kit.Time.Advance(TimeSpan.FromSeconds(0.1));
        var claim = await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);

        claim.Jobs.Count.ShouldBe(5);
        kit.Queue.Acquisitions.ShouldBe(2);
    }

    [Fact]
    public async Task LeasesOfRunningJobsAreRenewedEveryEighthOfTheLeaseUntilTheJobsAreDone()
    {
        var kit = new DispatchKit(new DispatchOptions { LeaseSeconds = 40 });
        Enqueue(kit, 3);
        var first = await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Enqueue(kit, 2);
        var second = await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);

        kit.Time.Advance(TimeSpan.FromSeconds(3.9));
        await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);
        kit.Queue.Renewals.ShouldBeEmpty("renewed less than an eighth of the lease after the first claim");

        kit.Time.Advance(TimeSpan.FromSeconds(0.1));
        await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);
        var renewal = kit.Queue.Renewals.ShouldHaveSingleItem();
        renewal.Claims.ShouldBe([DispatchKit.T0.AddSeconds(40), DispatchKit.T0.AddSeconds(41)], ignoreOrder: true);
        renewal.Until.ShouldBe(DispatchKit.T0.AddSeconds(45));

        foreach (var job in first.Jobs)
        {
            kit.Ownership.Release(job, first.Limit);
        }
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);
        kit.Queue.Renewals.Last().Claims.ShouldBe([DispatchKit.T0.AddSeconds(41)], "the first claim's jobs are done");

        foreach (var job in second.Jobs)
        {
            kit.Ownership.Release(job, second.Limit);
        }
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        await kit.Ownership.ClaimAsync(ChannelId, 80, CancellationToken.None);
        kit.Queue.Renewals.Count.ShouldBe(2, "nothing runs: nothing to renew");
    }

    private static void Enqueue(DispatchKit kit, int count)
    {
        for (var i = 0; i < count; i++)
        {
            kit.Queue.Due.Enqueue(DispatchKit.Job($"1650555{i:D4}", "template"));
        }
    }
}
