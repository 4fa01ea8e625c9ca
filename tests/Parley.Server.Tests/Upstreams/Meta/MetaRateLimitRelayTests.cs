using System.Globalization;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A's meta channel paced faster than B's number allows: B (a sandbox Parley playing Meta, its limits on) answers the
/// sends over 80 per second with 130429 as Meta would, and A backs off and retries until every message is sent.
/// </summary>
public sealed class MetaRateLimitRelayTests() : MetaPairTest("meta-limits", new Dictionary<string, string> { ["Parley__Sandbox__EnforceRateLimits"] = "true" })
{
    private const int Count = 150;

    [Fact]
    public async Task ARelayFasterThanTheTargetsThroughputGets130429BackAndRetriesUntilEveryMessageIsSent()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync(messagesPerSecond: 500);
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();

        var ids = await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            CloudApi.SendOkAsync(clientA, HelloWorld("1650556" + i.ToString("D4", CultureInfo.InvariantCulture)), path: channel.MessagesPath)));

        foreach (var id in ids)
        {
            var status = await Eventually.Get(() => MetaChannels.StatusOfAsync(clientA, channel.PhoneNumberId, id),
                s => s is "sent" or "delivered" or "read" or "failed", TimeSpan.FromSeconds(60));
            status.ShouldNotBe("failed", $"message {id}");
        }
        var onB = (await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound&limit=200")).Body["data"]!.AsArray();
        onB.Count.ShouldBe(Count, "each relayed message taken exactly once");
        var accepted = onB.Select(m => m!["created_at"]!.GetValue<DateTimeOffset>()).Order().ToList();
        // Unlimited, A's 500 mps would put all 150 on B within 0.3 s; at 80 per second they span more than a second.
        // (That B takes no more than 80 in any second is checked on a manual clock in SandboxRateLimitTests: wall-clock
        // counts here would depend on how busy the machine is.)
        (accepted[^1] - accepted[0]).ShouldBeGreaterThan(TimeSpan.FromSeconds(1));
    }

    private static object HelloWorld(string to) => new
    {
        messaging_product = "whatsapp", to, type = "template", template = new { name = "hello_world", language = new { code = "en_US" } },
    };
}
