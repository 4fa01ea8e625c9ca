using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Pacing accuracy measured at the upstream on the real clock: a backlog on an 80 mps meta channel reaches a local fake
/// Graph API at 80 mps ±2 %. A benchmark, run by <c>bench/meta-pacing.sh</c> (<c>PARLEY_META_PACING_SECONDS</c> sets the
/// length) and skipped in the suite, where <c>DispatchPacingTests</c> measure the same pacing exactly on a fake clock.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class MetaPacingAccuracyTests(ITestOutputHelper output) : MetaTestBase
{
    private const int MessagesPerSecond = 80;
    private const int MessagesPerUser = 8;
    private static readonly int Seconds = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_META_PACING_SECONDS"), out var s) && s > 0 ? s : 10;

    [BenchFact("PARLEY_META_PACING_SECONDS")]
    public async Task BacklogReachesTheGraphApiAtTheConfiguredRateWithinTwoPercent()
    {
        var count = MessagesPerSecond * Seconds;
        var channel = await CreateChannelAsync(MessagesPerSecond);
        using var client = Parley.CreateChannelClient(channel.Token);
        var next = -1;
        // Eight messages per user, inside the pair burst (Parley:Meta:PairBurst), so only the channel's pace applies:
        // a longer run needs more users, or Meta's pair limit (1 per 6 s per user) would rightly slow it down.
        var users = count / MessagesPerUser;
        for (var u = 0; u < users; u++)
        {
            await UserWritesAsync(channel, $"1650556{u:D4}");
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await CloudApi.SendOkAsync(client, CloudApi.Text($"1650556{i % users:D4}"), path: channel.MessagesPath);
            }
        }));

        var backlogFrom = System.Diagnostics.Stopwatch.GetTimestamp(); // every message accepted: from here on the backlog only drains

        var calls = await CallsAsync(count, TimeSpan.FromSeconds(Seconds * 3));
        var drained = calls.Where(c => c.Timestamp >= backlogFrom).ToList();
        var rate = FakeGraph.Rate(drained);
        output.WriteLine($"{calls.Count} sends; {drained.Count} of them while only the backlog drained, at {rate:F2} mps (configured {MessagesPerSecond})");
        drained.Count.ShouldBeGreaterThan(count / 2, "the backlog was built faster than it drains");
        rate.ShouldBeInRange(MessagesPerSecond * 0.98, MessagesPerSecond * 1.02);
        calls.Count.ShouldBe(count);
    }
}
