using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Delivery;
using Parley.Server.Upstreams;
using Parley.Server.Upstreams.Meta;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// How the meta upstream reacts to Meta's throughput errors, on pacers driven by a fake clock: 131056 uses up the pair's
/// burst, so the user's next message waits one interval; 130429 halves the channel's rate. (What dispatch then does with
/// those pacers is in <c>DispatchPacingTests</c>.) The Graph API is a real local server; only the clock is fake.
/// </summary>
public sealed class MetaUpstreamPacingTests() : MetaTestBase(new Dictionary<string, string?> { ["Parley:Meta:PairBurst"] = "2" })
{
    private const string User = "16505554100";
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public async Task PairRateLimitHitHoldsTheUsersNextMessageOnePairIntervalWhileOtherUsersGoAtOnce()
    {
        var (upstream, channel, pairs, _) = await MetaUpstreamAsync();
        Graph.Answer = _ => GraphAnswer.Error(400, 131056, "(Business Account, Consumer Account) pair rate limit hit");
        var limit = upstream.PairLimitFor(channel)!;

        var result = await upstream.SendAsync(channel, Text(channel, User), CancellationToken.None);

        result.ShouldBeOfType<UpstreamResult.Transient>().Error.Code.ShouldBe(131056);
        limit.ShouldBe(new PairLimit(PairLimit.MetaInterval, 2));
        pairs.Reserve(channel.PhoneNumberId, User, "next", limit).ShouldBe(PairLimit.MetaInterval, "the burst is used up: one interval from now");
        pairs.Reserve(channel.PhoneNumberId, User, "after", limit).ShouldBe(PairLimit.MetaInterval * 2);
        pairs.Reserve(channel.PhoneNumberId, "16505554101", "other", limit).ShouldBe(TimeSpan.Zero, "another user is not held up");
    }

    [Fact]
    public async Task RateLimitHitHalvesTheChannelsRateUntilItRecovers()
    {
        var (upstream, channel, _, pacer) = await MetaUpstreamAsync();
        Graph.Answer = _ => GraphAnswer.Error(400, 130429, "Rate limit hit");

        var result = await upstream.SendAsync(channel, Text(channel, User), CancellationToken.None);

        result.ShouldBeOfType<UpstreamResult.Transient>().Error.Code.ShouldBe(130429);
        pacer.RateFactor(channel.PhoneNumberId).ShouldBe(0.5);
        pacer.Reserve(channel.PhoneNumberId, channel.MessagesPerSecond).ShouldBe(TimeSpan.Zero);
        pacer.Reserve(channel.PhoneNumberId, channel.MessagesPerSecond).ShouldBe(TimeSpan.FromTicks(2 * TimeSpan.TicksPerSecond / channel.MessagesPerSecond));
        _time.Advance(ChannelPacer.RecoveryInterval);
        pacer.RateFactor(channel.PhoneNumberId).ShouldBe(1);
    }

    /// <summary>A meta upstream like the host's, but on pacers and a clock of the test's own.</summary>
    private async Task<(IUpstream Upstream, Channel Channel, PairPacer Pairs, ChannelPacer Pacer)> MetaUpstreamAsync()
    {
        var created = await CreateChannelAsync(messagesPerSecond: 40);
        var channel = (await Parley.Services.GetRequiredService<ChannelDirectory>().GetChannelAsync(created.PhoneNumberId, CancellationToken.None))!;
        var pairs = new PairPacer(_time);
        var pacer = new ChannelPacer(_time);
        var upstream = ActivatorUtilities.CreateInstance<MetaUpstream>(Parley.Services, pairs, pacer, (TimeProvider)_time);
        return (upstream, channel, pairs, pacer);
    }

    private static OutboundMessage Text(Channel channel, string to) =>
        new("wamid." + Guid.NewGuid().ToString("N"), channel.PhoneNumberId, to, to, "individual", "text", $$$"""{"messaging_product":"whatsapp","to":"{{{to}}}","type":"text","text":{"body":"Hi"}}""", null, null, T0);
}
