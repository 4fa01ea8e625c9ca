using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AccountsCanBeCreatedReadListedRenamedAndDeleted()
    {
        var account = new BusinessAccount(NewId(), "Acme", T0);
        var later = new BusinessAccount(NewId(), "Zed", T0.AddSeconds(1));
        await Stores.Accounts.CreateAccountAsync(later, Ct);
        await Stores.Accounts.CreateAccountAsync(account, Ct);

        (await Stores.Accounts.GetAccountAsync(account.Id, Ct)).ShouldBe(account);
        (await Stores.Accounts.ListAccountsAsync(Ct)).ShouldBe([account, later]);
        (await Stores.Accounts.UpdateAccountAsync(account with { Name = "Acme Ltd" }, Ct)).ShouldBeTrue();
        (await Stores.Accounts.UpdateAccountAsync(new BusinessAccount("404", "Nobody", T0), Ct)).ShouldBeFalse();
        (await Stores.Accounts.GetAccountAsync(account.Id, Ct)).ShouldNotBeNull().Name.ShouldBe("Acme Ltd");
        (await Stores.Accounts.DeleteAccountAsync(account.Id, Ct)).ShouldBeTrue();
        (await Stores.Accounts.DeleteAccountAsync(account.Id, Ct)).ShouldBeFalse();
        (await Stores.Accounts.GetAccountAsync(account.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ChannelsCanBeCreatedReadListedUpdatedAndDeleted()
    {
        var channel = await NewChannelAsync();
        var sibling = await NewChannelAsync(channel.AccountId);
        var stranger = await NewChannelAsync();

        (await Stores.Accounts.GetChannelAsync(channel.PhoneNumberId, Ct)).ShouldBe(channel);
        (await Stores.Accounts.ListChannelsAsync(channel.AccountId, Ct)).Select(c => c.PhoneNumberId).ShouldBe([channel.PhoneNumberId, sibling.PhoneNumberId], ignoreOrder: true);
        (await Stores.Accounts.ListChannelsAsync(null, Ct)).Count.ShouldBe(3);

        var updated = channel with { DisplayPhoneNumber = "15559998888", CountryCallingCode = "44", VerifiedName = "Acme UK", Upstream = Channel.MetaUpstream,
            UpstreamSettings = """{"base_url":"http://localhost"}""", AppSecret = "new-secret", MessagesPerSecond = 20 };
        (await Stores.Accounts.UpdateChannelAsync(updated, Ct)).ShouldBeTrue();
        (await Stores.Accounts.GetChannelAsync(channel.PhoneNumberId, Ct)).ShouldBe(updated);
        (await Stores.Accounts.UpdateChannelAsync(updated with { AccountId = stranger.AccountId }, Ct)).ShouldBeFalse();

        (await Stores.Accounts.DeleteChannelAsync(channel.PhoneNumberId, Ct)).ShouldBeTrue();
        (await Stores.Accounts.DeleteChannelAsync(channel.PhoneNumberId, Ct)).ShouldBeFalse();
        (await Stores.Accounts.GetChannelAsync(channel.PhoneNumberId, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task TokensAreFoundByHashListedByScopeAndRevokedOnce()
    {
        var channel = await NewChannelAsync();
        var accountToken = new TokenRecord("tok_a", "hash-a", channel.AccountId, null, "ops", T0, null);
        var channelToken = new TokenRecord("tok_c", "hash-c", null, channel.PhoneNumberId, "bot", T0.AddSeconds(1), null);
        await Stores.Accounts.CreateTokenAsync(accountToken, Ct);
        await Stores.Accounts.CreateTokenAsync(channelToken, Ct);

        (await Stores.Accounts.FindTokenByHashAsync("hash-c", Ct)).ShouldBe(channelToken);
        (await Stores.Accounts.FindTokenByHashAsync("hash-x", Ct)).ShouldBeNull();
        (await Stores.Accounts.ListTokensAsync(null, null, Ct)).ShouldBe([accountToken, channelToken]);
        (await Stores.Accounts.ListTokensAsync(channel.AccountId, null, Ct)).ShouldBe([accountToken]);
        (await Stores.Accounts.ListTokensAsync(null, channel.PhoneNumberId, Ct)).ShouldBe([channelToken]);

        (await Stores.Accounts.RevokeTokenAsync("tok_c", T0.AddMinutes(1), Ct)).ShouldBeTrue();
        (await Stores.Accounts.RevokeTokenAsync("tok_c", T0.AddMinutes(2), Ct)).ShouldBeFalse();
        (await Stores.Accounts.FindTokenByHashAsync("hash-c", Ct)).ShouldBe(channelToken with { RevokedAt = T0.AddMinutes(1) });
    }

    [Fact]
    public async Task SubscriptionsCanBeCreatedReadListedAndDeleted()
    {
        var channel = await NewChannelAsync();
        var first = await SubscribeAsync(channel, EventKinds.Statuses, batchSize: 25);
        var second = new WebhookSubscription("wh_2", channel.PhoneNumberId, "http://127.0.0.1:9/other", "onemsg", null, "*", 1, T0.AddSeconds(1));
        await Stores.Accounts.CreateSubscriptionAsync(second, Ct);

        (await Stores.Accounts.GetSubscriptionAsync(first.Id, Ct)).ShouldBe(first);
        (await Stores.Accounts.ListSubscriptionsAsync(channel.PhoneNumberId, Ct)).ShouldBe([first, second]);
        (await Stores.Accounts.DeleteSubscriptionAsync(first.Id, Ct)).ShouldBeTrue();
        (await Stores.Accounts.DeleteSubscriptionAsync(first.Id, Ct)).ShouldBeFalse();
        (await Stores.Accounts.ListSubscriptionsAsync(channel.PhoneNumberId, Ct)).ShouldBe([second]);
    }

    [Fact]
    public async Task SubscriptionKeepsItsGraphVersionAndDefaultsToTheNewest()
    {
        var channel = await NewChannelAsync();
        var older = new WebhookSubscription("wh_v24", channel.PhoneNumberId, "http://127.0.0.1:9/v24", "cloudapi", null, "*", 1, T0, "v24.0");
        var newest = new WebhookSubscription("wh_new", channel.PhoneNumberId, "http://127.0.0.1:9/new", "cloudapi", null, "*", 1, T0.AddSeconds(1));
        await Stores.Accounts.CreateSubscriptionAsync(older, Ct);
        await Stores.Accounts.CreateSubscriptionAsync(newest, Ct);

        (await Stores.Accounts.GetSubscriptionAsync("wh_v24", Ct))!.GraphVersion.ShouldBe("v24.0");
        (await Stores.Accounts.GetSubscriptionAsync("wh_new", Ct))!.GraphVersion.ShouldBe(Parley.Core.Versions.GraphVersions.NewestName);
        (await Stores.Accounts.ListSubscriptionsAsync(channel.PhoneNumberId, Ct)).Select(s => s.GraphVersion).ShouldBe(["v24.0", "v26.0"]);
    }

    [Fact]
    public async Task DeletingAnAccountDeletesItsChannelsTokensAndSubscriptions()
    {
        var channel = await NewChannelAsync();
        var kept = await NewChannelAsync();
        var subscription = await SubscribeAsync(channel);
        var keptSubscription = await SubscribeAsync(kept);
        await Stores.Accounts.CreateTokenAsync(new TokenRecord("tok_a", "hash-a", channel.AccountId, null, "ops", T0, null), Ct);
        await Stores.Accounts.CreateTokenAsync(new TokenRecord("tok_c", "hash-c", null, channel.PhoneNumberId, "bot", T0, null), Ct);
        await Stores.Accounts.CreateTokenAsync(new TokenRecord("tok_k", "hash-k", null, kept.PhoneNumberId, "bot", T0, null), Ct);

        (await Stores.Accounts.DeleteAccountAsync(channel.AccountId, Ct)).ShouldBeTrue();

        (await Stores.Accounts.GetChannelAsync(channel.PhoneNumberId, Ct)).ShouldBeNull();
        (await Stores.Accounts.GetSubscriptionAsync(subscription.Id, Ct)).ShouldBeNull();
        (await Stores.Accounts.FindTokenByHashAsync("hash-a", Ct)).ShouldBeNull();
        (await Stores.Accounts.FindTokenByHashAsync("hash-c", Ct)).ShouldBeNull();
        (await Stores.Accounts.GetChannelAsync(kept.PhoneNumberId, Ct)).ShouldBe(kept);
        (await Stores.Accounts.GetSubscriptionAsync(keptSubscription.Id, Ct)).ShouldBe(keptSubscription);
        (await Stores.Accounts.ListTokensAsync(null, null, Ct)).Select(t => t.Id).ShouldBe(["tok_k"]);
    }
}
