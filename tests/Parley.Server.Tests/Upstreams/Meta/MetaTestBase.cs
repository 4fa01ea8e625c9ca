using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>Parley in-process with a fake Graph API (a real local HTTP server) as the meta channels' upstream, and a webhook receiver.</summary>
public abstract class MetaTestBase(IDictionary<string, string?>? settings = null) : ParleyTest(WithDefaults(settings))
{
    private readonly ConcurrentDictionary<(string Channel, string User), bool> _written = new();

    protected FakeGraph Graph { get; private set; } = null!;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Graph = await FakeGraph.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Graph.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A meta channel relaying to the fake Graph API, its events going to <see cref="Receiver"/>.</summary>
    protected async Task<MetaChannel> CreateChannelAsync(int messagesPerSecond = 80)
    {
        var channel = await MetaChannels.CreateAsync(Admin, Graph.BaseUrl, messagesPerSecond: messagesPerSecond);
        await Tenants.SubscribeAsync(Parley, channel.PhoneNumberId, Receiver.Url);
        return channel;
    }

    /// <summary>A text to <paramref name="to"/>, who has written to the channel first (a free-form message needs the customer service window open).</summary>
    protected async Task<string> SendAsync(MetaChannel channel, string to, string body = "Hello through Meta")
    {
        await UserWritesAsync(channel, new string(to.Where(char.IsAsciiDigit).ToArray()));
        using var client = Parley.CreateChannelClient(channel.Token);
        return await CloudApi.SendOkAsync(client, CloudApi.Text(to, body), path: channel.MessagesPath);
    }

    /// <summary>The user writes to the channel (once per test), opening its customer service window: Meta delivers an inbound message.</summary>
    protected async Task UserWritesAsync(MetaChannel channel, string user, string secret = MetaChannels.UpstreamAppSecret)
    {
        if (_written.TryAdd((channel.PhoneNumberId, user), true))
        {
            var inbound = MetaChannels.InboundWebhook(channel.UpstreamPhoneNumberId, $"wamid.hello-{Guid.NewGuid():N}", user, "Hello");
            (await DeliverAsync(inbound, secret)).ShouldBe(HttpStatusCode.OK);
        }
    }

    /// <summary>Delivers a webhook as Meta does: again while Parley answers 503 (a status overtaking its send's answer).</summary>
    protected async Task<HttpStatusCode> DeliverAsync(string body, string secret = MetaChannels.UpstreamAppSecret)
    {
        using var client = Parley.CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var status = await MetaChannels.PostWebhookAsync(client, body, secret);
            if (status != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(50);
        }
    }

    protected Task<IReadOnlyList<GraphCall>> CallsAsync(int count, TimeSpan? timeout = null) =>
        Eventually.Get(() => Graph.Calls, calls => calls.Count >= count, timeout ?? TimeSpan.FromSeconds(15));

    /// <summary>
    /// Waits (bounded) until the channel has no dispatch job left: every send reached its outcome, so no call to Meta
    /// can follow. What a test then counts does not depend on how long it waited.
    /// </summary>
    protected async Task DispatchDoneAsync(MetaChannel channel)
    {
        var queue = Parley.Services.GetRequiredService<IDispatchQueue>();
        await Eventually.Get(() => queue.ChannelsWithJobsAsync(CancellationToken.None), channels => !channels.Contains(channel.PhoneNumberId));
    }

    protected async Task<string> StatusOfAsync(MetaChannel channel, string id)
    {
        using var client = Parley.CreateChannelClient(channel.Token);
        return await MetaChannels.StatusOfAsync(client, channel.PhoneNumberId, id);
    }

    protected async Task<string> WaitForStatusAsync(MetaChannel channel, string id, string status, TimeSpan? timeout = null)
    {
        using var client = Parley.CreateChannelClient(channel.Token);
        return await Eventually.Get(() => MetaChannels.StatusOfAsync(client, channel.PhoneNumberId, id), s => s == status || s == "failed", timeout);
    }

    private static Dictionary<string, string?> WithDefaults(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Parley:Meta:TimeoutMs"] = "1500",
            ["Parley:Dispatch:MaxAttempts"] = "4",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return all;
    }
}
