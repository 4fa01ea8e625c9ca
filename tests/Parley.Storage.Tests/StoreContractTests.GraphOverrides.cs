using Parley.Core.Model;

namespace Parley.Storage.Tests;

/// <summary>Graph's webhook overrides in the fan-out, and the settings set through Graph, the same on both stores.</summary>
public abstract partial class StoreContractTests
{
    private IGraphSettingsStore GraphSettings => Stores.Get<IGraphSettingsStore>();

    private async Task<WebhookSubscription> OverrideAsync(Channel channel, int level, string events = "messages,statuses")
    {
        var subscription = new WebhookSubscription("wh_" + Guid.NewGuid().ToString("N"), channel.PhoneNumberId, "http://127.0.0.1:9/override", "cloudapi",
            null, events, 1, T0, OverrideLevel: level);
        await Stores.Accounts.CreateSubscriptionAsync(subscription, Ct);
        return subscription;
    }

    [Fact]
    public async Task TheHighestOverrideOfAChannelTakesItsMessagesAndStatusesFromLowerCloudApiSubscriptionsOnly()
    {
        var channel = await NewChannelAsync();
        var app = await SubscribeAsync(channel);
        var onemsg = await SubscribeAsync(channel, format: "onemsg");
        await OverrideAsync(channel, WebhookSubscription.WabaOverride);
        var phone = await OverrideAsync(channel, WebhookSubscription.PhoneNumberOverride);
        var other = await NewChannelAsync();
        var otherApp = await SubscribeAsync(other);
        var message = Outbound(channel);
        await Stores.Messages.AcceptAsync(message, null, Ct);

        await Stores.Events.ApplyAsync([Inbound(channel, T0.AddSeconds(1)), Status(message, MessageStatus.Sent, T0.AddSeconds(2)), Inbound(other, T0.AddSeconds(3))],
            T0.AddSeconds(3), Ct);

        var events = await ClaimOutboxAsync(T0.AddSeconds(3));
        events.Where(e => e.Kind == EventKinds.Messages && e.ChannelId == channel.PhoneNumberId).Select(e => e.SubscriptionId)
            .ShouldBe([phone.Id, onemsg.Id], ignoreOrder: true);
        events.Where(e => e.Kind == EventKinds.Statuses).Select(e => e.SubscriptionId).ShouldBe([phone.Id, onemsg.Id], ignoreOrder: true);
        events.Where(e => e.ChannelId == other.PhoneNumberId).Select(e => e.SubscriptionId).ShouldBe([otherApp.Id]);
        events.ShouldNotContain(e => e.SubscriptionId == app.Id);
        (await Stores.Accounts.GetSubscriptionAsync(phone.Id, Ct))!.OverrideLevel.ShouldBe(WebhookSubscription.PhoneNumberOverride);
        (await Stores.Accounts.GetSubscriptionAsync(app.Id, Ct))!.OverrideLevel.ShouldBe(0);
    }

    [Fact]
    public async Task WithoutAnOverrideTheWabasTakesItsPlaceAndEchoesFollowTheSameRule()
    {
        var channel = await NewChannelAsync();
        var app = await SubscribeAsync(channel, $"*,{EventKinds.Echoes}");
        var waba = await OverrideAsync(channel, WebhookSubscription.WabaOverride, $"messages,statuses,{EventKinds.Echoes}");
        var message = Outbound(channel);

        await Stores.Messages.AcceptAsync(message, null, Ct);
        await Stores.Events.ApplyAsync([Inbound(channel, T0.AddSeconds(1))], T0.AddSeconds(1), Ct);

        var events = await ClaimOutboxAsync(T0.AddSeconds(1));
        events.Select(e => (e.Kind, e.SubscriptionId)).ShouldBe([(EventKinds.Echoes, waba.Id), (EventKinds.Messages, waba.Id)], ignoreOrder: true);
        events.ShouldNotContain(e => e.SubscriptionId == app.Id);
    }

    [Fact]
    public async Task GraphSettingsAreNullUntilSetThenReplacedPerOwnerAndScope()
    {
        var channel = await NewChannelAsync();
        (await GraphSettings.GetAsync(channel.PhoneNumberId, GraphSettingsScopes.PhoneNumber, Ct)).ShouldBeNull();

        await GraphSettings.SetAsync(channel.PhoneNumberId, GraphSettingsScopes.PhoneNumber, """{"calling":{"status":"enabled"}}""", T0, Ct);
        await GraphSettings.SetAsync(channel.AccountId, GraphSettingsScopes.BusinessAccount, """{"timezone_id":"2"}""", T0, Ct);
        await GraphSettings.SetAsync(channel.PhoneNumberId, GraphSettingsScopes.PhoneNumber, """{"calling":{"status":"disabled"}}""", T0.AddSeconds(1), Ct);

        (await GraphSettings.GetAsync(channel.PhoneNumberId, GraphSettingsScopes.PhoneNumber, Ct)).ShouldBe("""{"calling":{"status":"disabled"}}""");
        (await GraphSettings.GetAsync(channel.AccountId, GraphSettingsScopes.BusinessAccount, Ct)).ShouldBe("""{"timezone_id":"2"}""");
        (await GraphSettings.GetAsync(channel.AccountId, GraphSettingsScopes.PhoneNumber, Ct)).ShouldBeNull();
    }
}
