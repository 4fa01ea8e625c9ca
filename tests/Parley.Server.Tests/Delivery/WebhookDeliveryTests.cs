using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Delivery;

/// <summary>Webhook delivery: signatures, at-least-once through failures and outages, batching, unsubscribing.</summary>
public sealed class WebhookDeliveryTests : ParleyTest
{
    private const int Messages = 20;
    private static readonly string[] OrdinaryStatuses = ["sent", "delivered", "read"];

    [Fact]
    public async Task WebhookIsSignedWithTheChannelsAppSecretByDefault()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley, appSecret: "channel-secret-0123456789");
        await using var receiver = await WebhookReceiver.StartAsync();
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, receiver.Url);
        using var client = Parley.CreateChannelClient(tenant.Token);

        await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505553001");

        var received = await Eventually.Get(() => receiver.Received.ToList(), r => r.Count >= 1);
        var webhook = received.ShouldHaveSingleItem();
        webhook.Signature.ShouldMatch("^sha256=[0-9a-f]{64}$");
        webhook.SignedWith("channel-secret-0123456789").ShouldBeTrue();
        webhook.SignedWith(ParleyFactory.AppSecret).ShouldBeFalse();
        webhook.ContentType.ShouldBe("application/json");
        webhook.Json["entry"]![0]!["id"]!.GetValue<string>().ShouldBe(tenant.AccountId);
        webhook.Json["entry"]![0]!["changes"]![0]!["value"]!["metadata"]!["phone_number_id"]!.GetValue<string>().ShouldBe(tenant.PhoneNumberId);
    }

    [Fact]
    public async Task WebhookIsSignedWithTheSubscriptionsOwnSecretWhenGiven()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley, appSecret: "channel-secret-0123456789");
        await using var receiver = await WebhookReceiver.StartAsync();
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, receiver.Url, secret: "subscription-secret");
        using var client = Parley.CreateChannelClient(tenant.Token);

        await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505553002");
        var id = await Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505553002");

        await Eventually.Get(() => receiver.Statuses().Count(s => s["id"]!.GetValue<string>() == id), n => n >= 3);
        receiver.Received.ShouldNotBeEmpty();
        receiver.Received.ShouldAllBe(r => r.SignedWith("subscription-secret"));
        receiver.Received.ShouldAllBe(r => !r.SignedWith("channel-secret-0123456789"));
    }

    [Fact]
    public async Task ReceiverFailingForAWhileGetsEveryStatusOfEveryMessageOnceItRecovers()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.InternalServerError;
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, receiver.Url);
        using var client = Parley.CreateChannelClient(tenant.Token);

        var (inbound, ids) = await SendMessagesAsync(client, tenant, "16505553003", Messages);
        receiver.Answer = HttpStatusCode.OK;

        var expected = Expected(ids);
        var received = await Eventually.Get(() => StatusPairs(receiver), pairs => pairs.IsSupersetOf(expected), TimeSpan.FromSeconds(30));
        received.ShouldBe(expected, ignoreOrder: true);
        receiver.Messages().Select(m => m["id"]!.GetValue<string>()).ShouldContain(inbound);
        receiver.Received.ShouldAllBe(r => r.SignedWith(tenant.AppSecret));
    }

    [Fact]
    public async Task ReceiverThatWasDownGetsEverythingWhenItComesBack()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        await using var receiver = await WebhookReceiver.StartAsync();
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, receiver.Url);
        await receiver.DownAsync();
        using var client = Parley.CreateChannelClient(tenant.Token);

        var (inbound, ids) = await SendMessagesAsync(client, tenant, "16505553004", Messages);
        await receiver.UpAsync();

        var expected = Expected(ids);
        var received = await Eventually.Get(() => StatusPairs(receiver), pairs => pairs.IsSupersetOf(expected), TimeSpan.FromSeconds(30));
        received.ShouldBe(expected, ignoreOrder: true);
        receiver.Messages().Select(m => m["id"]!.GetValue<string>()).ShouldContain(inbound);
    }

    [Fact]
    public async Task EventsOfOneChannelAreBatchedIntoFewerPosts()
    {
        const int count = 50;
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        await using var receiver = await WebhookReceiver.StartAsync();
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, receiver.Url, events: "statuses", batchSize: 100);
        using var client = Parley.CreateChannelClient(tenant.Token);
        await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505553005");

        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505553005", $"message {i}")));

        var expected = Expected(ids);
        var received = await Eventually.Get(() => StatusPairs(receiver), pairs => pairs.IsSupersetOf(expected), TimeSpan.FromSeconds(30));
        received.ShouldBe(expected, ignoreOrder: true);
        var events = receiver.Statuses().Count;
        events.ShouldBeGreaterThanOrEqualTo(count * 3);
        receiver.Received.Count.ShouldBeLessThan(events);
        receiver.Received.ShouldContain(r => r.Json["entry"]![0]!["changes"]![0]!["value"]!["statuses"]!.AsArray().Count > 1);
    }

    [Fact]
    public async Task DeletedSubscriptionGetsNoMoreDeliveries()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        await using var leaving = await WebhookReceiver.StartAsync();
        await using var staying = await WebhookReceiver.StartAsync();
        var subscription = await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, leaving.Url);
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, staying.Url);
        using var client = Parley.CreateChannelClient(tenant.Token);
        await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505553006");
        var before = await Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505553006");
        await Eventually.Get(() => leaving.Statuses().Count(s => s["id"]!.GetValue<string>() == before), n => n >= 3);

        (await Tenants.DeleteAsync(Admin, $"/admin/webhooks/{subscription}")).ShouldBe(HttpStatusCode.NoContent);
        var receivedBefore = leaving.Received.Count;
        var after = await Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505553006");

        var atStaying = await Eventually.Get(() => staying.Statuses().Count(s => s["id"]!.GetValue<string>() == after), n => n >= 3);
        atStaying.ShouldBe(3);
        leaving.Statuses().ShouldNotContain(s => s["id"]!.GetValue<string>() == after);
        leaving.Received.Count.ShouldBe(receivedBefore);
        (await Tenants.ListAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks")).Select(w => w!["url"]!.GetValue<string>()).ShouldBe([staying.Url]);
    }

    /// <summary>A user writes, then <paramref name="count"/> texts are sent to them; returns once every text was read.</summary>
    internal static async Task<(string Inbound, string[] Ids)> SendMessagesAsync(HttpClient client, TestChannel tenant, string user, int count)
    {
        var inbound = await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, user);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await Tenants.SendTextAsync(client, tenant.PhoneNumberId, user, $"message {i}");
        }
        foreach (var id in ids)
        {
            (await Tenants.WaitForStatusAsync(client, tenant.PhoneNumberId, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        }
        return (inbound, ids);
    }

    internal static HashSet<(string Id, string Status)> Expected(IEnumerable<string> ids) =>
        ids.SelectMany(id => OrdinaryStatuses.Select(status => (id, status))).ToHashSet();

    internal static HashSet<(string Id, string Status)> StatusPairs(WebhookReceiver receiver) =>
        receiver.Statuses().Select(s => (s["id"]!.GetValue<string>(), s["status"]!.GetValue<string>())).ToHashSet();
}

/// <summary>Dead letters: events that outlive <c>Parley:Webhooks:MaxAge</c> are kept, listed and replayable.</summary>
public sealed class WebhookDeadLetterTests() : ParleyTest(new Dictionary<string, string?> { ["Parley:Webhooks:MaxAge"] = "00:00:01" })
{
    [Fact]
    public async Task EventsRefusedPastMaxAgeAreDeadLetteredAndReplayDeliversThem()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.InternalServerError;
        var subscription = await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, receiver.Url, events: "statuses", batchSize: 100);
        using var client = Parley.CreateChannelClient(tenant.Token);
        var (_, ids) = await WebhookDeliveryTests.SendMessagesAsync(client, tenant, "16505554001", 2);
        var expected = WebhookDeliveryTests.Expected(ids);
        var deadPath = $"/admin/dead-letters?channel_id={tenant.PhoneNumberId}";

        var dead = await Eventually.Get(() => Tenants.ListAsync(Admin, deadPath), d => d.Count >= expected.Count, TimeSpan.FromSeconds(20));

        dead.Count.ShouldBe(expected.Count);
        foreach (var letter in dead.Select(d => d!.AsObject()))
        {
            letter["subscription_id"]!.GetValue<string>().ShouldBe(subscription);
            letter["channel_id"]!.GetValue<string>().ShouldBe(tenant.PhoneNumberId);
            letter["kind"]!.GetValue<string>().ShouldBe("statuses");
            letter["last_error"]!.GetValue<string>().ShouldBe("HTTP 500");
            letter["attempts"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
            letter["dead_at"].ShouldNotBeNull();
        }
        dead.Select(d => (d!["event"]!["id"]!.GetValue<string>(), d["event"]!["status"]!.GetValue<string>())).ShouldBe(expected, ignoreOrder: true);
        (await Tenants.ListAsync(Admin, "/admin/dead-letters?channel_id=999999999999")).ShouldBeEmpty();

        receiver.Answer = HttpStatusCode.OK;
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/dead-letters/replay", new { });

        status.ShouldBe(HttpStatusCode.OK);
        body["replayed"]!.GetValue<int>().ShouldBe(expected.Count);
        var received = await Eventually.Get(() => WebhookDeliveryTests.StatusPairs(receiver), pairs => pairs.IsSupersetOf(expected));
        received.ShouldBe(expected, ignoreOrder: true);
        receiver.Received.ShouldAllBe(r => r.SignedWith(tenant.AppSecret));
        (await Tenants.ListAsync(Admin, deadPath)).ShouldBeEmpty();
        (await Tenants.ListAsync(Admin, "/admin/dead-letters")).ShouldBeEmpty();
        var (_, again) = await Tenants.PostAsync(Admin, "/admin/dead-letters/replay", new { });
        again["replayed"]!.GetValue<int>().ShouldBe(0);
    }
}
