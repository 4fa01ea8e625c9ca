using Parley.Core.Errors;
using Parley.Server.Upstreams;

namespace Parley.Server.Tests.Delivery;

/// <summary>
/// Pacing through the runner on a fake clock: the times sends reach the upstream are the fake clock's, so the rates and
/// intervals asserted here are exact, whatever the machine's load.
/// </summary>
public sealed class DispatchPacingTests
{
    private static readonly PairLimit MetaPairs = new(PairLimit.MetaInterval, Burst: 2);

    [Theory]
    [InlineData(80, 10)]
    [InlineData(20, 3)]
    public async Task BacklogReachesTheUpstreamAtExactlyTheConfiguredRate(int messagesPerSecond, int seconds)
    {
        var kit = new DispatchKit();
        var count = messagesPerSecond * seconds;
        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / messagesPerSecond);
        var channel = DispatchKit.Channel(messagesPerSecond);

        var runs = Enumerable.Range(0, count).Select(i => kit.RunAsync(DispatchKit.Job($"1650556{i:D4}", "template"), channel)).ToList();
        for (var i = 0; i < count; i++)
        {
            await kit.StepToAsync(interval * i, sends: i + 1);
        }
        await Task.WhenAll(runs);

        var times = kit.Upstream.Sends.Select(s => s.At).ToList();
        times.Zip(times.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap == interval);
        ((count - 1) / (times[^1] - times[0]).TotalSeconds).ShouldBe(messagesPerSecond, tolerance: 1e-9);
        kit.Queue.Completed.Count.ShouldBe(count);
    }

    [Fact]
    public async Task BurstToOneUserBeyondTheAllowanceWaitsForThePairsNextSlotWhileOthersGoAtOnce()
    {
        var kit = new DispatchKit(pairLimit: MetaPairs);
        var third = DispatchKit.Job("16505554000", "template");

        await kit.RunAsync(DispatchKit.Job("16505554000", "template"));
        var second = kit.RunAsync(DispatchKit.Job("16505554000", "template"));
        await kit.RunAsync(third);
        var other = kit.RunAsync(DispatchKit.Job("16505554001", "template"));
        await kit.StepToAsync(TimeSpan.FromMilliseconds(12.5), sends: 2); // the channel's slots at 80 mps
        await kit.StepToAsync(TimeSpan.FromMilliseconds(25), sends: 3);
        await Task.WhenAll(second, other);

        kit.Upstream.Sends.Select(s => (s.Message.To, s.At)).ShouldBe(
            [("16505554000", DispatchKit.T0), ("16505554000", DispatchKit.T0.AddMilliseconds(12.5)), ("16505554001", DispatchKit.T0.AddMilliseconds(25))],
            "the burst allowance goes at once, and another user is not held up");
        var deferred = kit.Queue.Deferred.ShouldHaveSingleItem();
        deferred.Job.ShouldBe(third);
        deferred.DueAt.ShouldBe(DispatchKit.T0 + PairLimit.MetaInterval, "the third waits for the pair's next slot, back in the queue");

        kit.Time.Advance(deferred.DueAt - kit.Time.GetUtcNow());
        await kit.RunAsync(third);

        kit.Upstream.Sends.Last().ShouldBe((third.Message, DispatchKit.T0 + PairLimit.MetaInterval));
    }

    [Fact]
    public async Task PairRateLimitHitHoldsTheUsersRetryUntilThePairsNextSlot()
    {
        var kit = new DispatchKit(pairLimit: MetaPairs);
        var channel = DispatchKit.Channel();
        kit.Upstream.Answer = message =>
        {
            // What the meta upstream does on 131056 (MetaUpstreamPacingTests): the pair's burst is used up.
            kit.PairPacer.SlowDown(channel.PhoneNumberId, message.To, MetaPairs);
            return RecordingUpstream.Transient(ErrorCatalog.PairRateLimitHit);
        };
        var job = DispatchKit.Job("16505554100", "template");

        await kit.RunAsync(job, channel);
        var retry = kit.Queue.Retried.ShouldHaveSingleItem();
        kit.Upstream.Answer = _ => new UpstreamResult.Sent([]);
        kit.Time.Advance(retry.DueAt - kit.Time.GetUtcNow());
        await kit.RunAsync(retry.Job with { Attempts = 1 }, channel);
        var deferred = kit.Queue.Deferred.ShouldHaveSingleItem();
        kit.Time.Advance(deferred.DueAt - kit.Time.GetUtcNow());
        await kit.RunAsync(deferred.Job with { Attempts = 1 }, channel);

        kit.Upstream.Sends.Select(s => s.At).ShouldBe([DispatchKit.T0, DispatchKit.T0 + PairLimit.MetaInterval], "retried at the pair's pace, not at once");
        kit.Queue.Completed.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SlowDownDuringABacklogHalvesTheRateOfTheSendsStillWaiting()
    {
        var kit = new DispatchKit();
        var channel = DispatchKit.Channel(10);
        kit.Upstream.Answer = message =>
        {
            if (message.To == "16505553002")
            {
                kit.ChannelPacer.SlowDown(channel.PhoneNumberId); // what the meta upstream does on 130429
            }
            return new UpstreamResult.Sent([]);
        };

        var runs = Enumerable.Range(0, 6).Select(i => kit.RunAsync(DispatchKit.Job($"1650555300{i}", "template"), channel)).ToList();
        int[] expected = [0, 100, 200, 300, 500, 700]; // 100 ms apart, then 200 ms once the third send was told to slow down
        for (var ms = 0; ms <= 700; ms += 100)
        {
            await kit.StepToAsync(TimeSpan.FromMilliseconds(ms), sends: expected.Count(e => e <= ms));
        }
        await Task.WhenAll(runs);

        kit.Upstream.Sends.Select(s => (s.At - DispatchKit.T0).TotalMilliseconds).ShouldBe(expected.Select(e => (double)e));
        kit.ChannelPacer.RateFactor(channel.PhoneNumberId).ShouldBe(0.5);
    }
}
