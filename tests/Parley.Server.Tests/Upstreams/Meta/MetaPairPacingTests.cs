using System.Diagnostics;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>The pair limit at the Graph API: beyond the burst, messages to one user go about 6 s apart; other users do not wait.</summary>
[Collection(TimingSensitive.Name)]
public sealed class MetaPairPacingTests() : MetaTestBase(new Dictionary<string, string?> { ["Parley:Meta:PairBurst"] = "2" })
{
    [Fact]
    public async Task BurstToOneUserBeyondTheAllowanceWaitsForThePairsNextSlotWhileOthersGoAtOnce()
    {
        var channel = await CreateChannelAsync();

        foreach (var to in new[] { "16505554000", "16505554000", "16505554000", "16505554001" })
        {
            await SendAsync(channel, to);
        }

        var calls = await CallsAsync(4, TimeSpan.FromSeconds(20));
        var toUser = calls.Where(c => c.To == "16505554000").ToList();
        var other = calls.Single(c => c.To == "16505554001");
        Stopwatch.GetElapsedTime(toUser[0].Timestamp, toUser[1].Timestamp).ShouldBeLessThan(TimeSpan.FromSeconds(3), "the burst allowance goes at once");
        Stopwatch.GetElapsedTime(toUser[0].Timestamp, toUser[2].Timestamp).TotalSeconds.ShouldBeInRange(5.5, 8.0, "the third waits for the pair's next slot");
        Stopwatch.GetElapsedTime(toUser[0].Timestamp, other.Timestamp).ShouldBeLessThan(TimeSpan.FromSeconds(3), "another user is not held up");
        Graph.Calls.Count.ShouldBe(4);
    }

    [Fact]
    public async Task PairRateLimitHitHoldsTheUsersNextMessagesAboutSixSeconds()
    {
        var channel = await CreateChannelAsync();
        Graph.Answer = call => call.Index == 0 ? GraphAnswer.Error(400, 131056, "(Business Account, Consumer Account) pair rate limit hit") : GraphAnswer.Accepted(call);

        var id = await SendAsync(channel, "16505554100");

        var calls = await CallsAsync(2, TimeSpan.FromSeconds(20));
        Stopwatch.GetElapsedTime(calls[0].Timestamp, calls[1].Timestamp).TotalSeconds.ShouldBeInRange(5.5, 8.0, "retried at the pair's pace, not at once");
        calls[1].To.ShouldBe("16505554100");
        (await StatusOfAsync(channel, id)).ShouldBe("accepted");
    }
}
