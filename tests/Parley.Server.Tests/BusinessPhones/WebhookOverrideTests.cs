using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary>
/// Graph's alternate callback URLs: a WABA's (<c>/{waba-id}/subscribed_apps</c>) and a phone number's
/// (<c>webhook_configuration</c>). Messages webhooks go to the number's, else the WABA's, else the app's callback URL
/// (the demo channel's own subscription, <see cref="SubscribedParleyTest.Receiver"/>); a URL is verified with Meta's
/// challenge first, and one that does not echo it is refused with 2200.
/// </summary>
public sealed class WebhookOverrideTests : SubscribedParleyTest
{
    private const string SubscribedAppsPath = $"/v23.0/{ParleyFactory.WabaId}/subscribed_apps";
    private const string PhoneNumberPath = $"/v23.0/{ParleyFactory.PhoneNumberId}";

    private static bool Has(WebhookReceiver receiver, string id) => receiver.Messages().Any(m => m["id"]!.GetValue<string>() == id);

    private Task<(HttpStatusCode Status, JsonObject Body)> SetWabaOverrideAsync(WebhookReceiver receiver, string verifyToken = "waba-token") =>
        Tenants.PostAsync(Client, SubscribedAppsPath, new { override_callback_uri = receiver.Url, verify_token = verifyToken });

    private Task<(HttpStatusCode Status, JsonObject Body)> SetPhoneOverrideAsync(string uri, string verifyToken = "phone-token") =>
        Tenants.PostAsync(Client, PhoneNumberPath, new { webhook_configuration = new { override_callback_uri = uri, verify_token = verifyToken } });

    [Fact]
    public async Task AWabaOverrideIsVerifiedThenTakesTheMessagesWebhooksFromTheAppsCallback()
    {
        await using var waba = await WebhookReceiver.StartAsync();

        var (status, body) = await SetWabaOverrideAsync(waba, "my voice is my passport");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var verification = waba.Verifications.ShouldHaveSingleItem();
        verification["hub.mode"].ShouldBe("subscribe");
        verification["hub.verify_token"].ShouldBe("my voice is my passport");
        verification["hub.challenge"].ShouldNotBeNullOrEmpty();
        var (_, apps) = await Tenants.GetAsync(Client, SubscribedAppsPath);
        var app = apps["data"]!.AsArray().ShouldHaveSingleItem()!;
        app["override_callback_uri"]!.GetValue<string>().ShouldBe(waba.Url);
        app["whatsapp_business_api_data"]!["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        var first = await CloudApi.UserWritesAsync(Client, "16505557001");
        await Eventually.Get(() => Has(waba, first), done => done);
        (await Tenants.PostAsync(Client, SubscribedAppsPath, new { })).Status.ShouldBe(HttpStatusCode.OK); // removes the override
        var second = await CloudApi.UserWritesAsync(Client, "16505557001");
        await Eventually.Get(() => Has(Receiver, second), done => done);

        Has(Receiver, first).ShouldBeFalse();
        Has(waba, second).ShouldBeFalse();
        waba.Received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret));
        (await Tenants.GetAsync(Client, SubscribedAppsPath)).Body["data"]![0]!.AsObject().ContainsKey("override_callback_uri").ShouldBeFalse();
    }

    [Fact]
    public async Task APhoneNumbersOverrideBeatsTheWabasAndRemovingItFallsBackToTheWabas()
    {
        await using var waba = await WebhookReceiver.StartAsync();
        await using var phone = await WebhookReceiver.StartAsync();
        (await SetWabaOverrideAsync(waba)).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await SetPhoneOverrideAsync(phone.Url);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        phone.Verifications.ShouldHaveSingleItem()["hub.verify_token"].ShouldBe("phone-token");
        var (_, number) = await Tenants.GetAsync(Client, PhoneNumberPath + "?fields=webhook_configuration");
        number["id"]!.GetValue<string>().ShouldBe(ParleyFactory.PhoneNumberId);
        var configuration = number["webhook_configuration"]!;
        configuration["phone_number"]!.GetValue<string>().ShouldBe(phone.Url);
        configuration["whatsapp_business_account"]!.GetValue<string>().ShouldBe(waba.Url);
        configuration["application"]!.GetValue<string>().ShouldBe(Receiver.Url);

        var first = await CloudApi.UserWritesAsync(Client, "16505557002");
        await Eventually.Get(() => Has(phone, first), done => done);
        (await SetPhoneOverrideAsync("")).Status.ShouldBe(HttpStatusCode.OK);
        var second = await CloudApi.UserWritesAsync(Client, "16505557002");
        await Eventually.Get(() => Has(waba, second), done => done);

        Has(waba, first).ShouldBeFalse();
        Has(Receiver, first).ShouldBeFalse();
        Has(phone, second).ShouldBeFalse();
        Has(Receiver, second).ShouldBeFalse();
        (await Tenants.GetAsync(Client, PhoneNumberPath + "?fields=webhook_configuration")).Body["webhook_configuration"]!.AsObject()
            .ContainsKey("phone_number").ShouldBeFalse();
    }

    [Fact]
    public async Task AnOverrideWhoseUrlDoesNotEchoTheChallengeFailsWith2200AndChangesNothing()
    {
        await using var silent = await WebhookReceiver.StartAsync();
        silent.EchoesChallenge = false;

        var (wabaStatus, wabaBody) = await SetWabaOverrideAsync(silent);
        var (phoneStatus, phoneBody) = await SetPhoneOverrideAsync(silent.Url);

        wabaStatus.ShouldBe(HttpStatusCode.BadRequest);
        wabaBody.Code().ShouldBe(2200);
        wabaBody.Error()["message"]!.GetValue<string>().ShouldBe("(#2200) Callback verification failed");
        wabaBody.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("received=\"not the challenge\"");
        phoneStatus.ShouldBe(HttpStatusCode.BadRequest);
        phoneBody.Code().ShouldBe(2200);
        silent.Verifications.Count.ShouldBe(2);
        (await Tenants.GetAsync(Client, SubscribedAppsPath)).Body["data"]!.AsArray().ShouldBeEmpty();
        var inbound = await CloudApi.UserWritesAsync(Client, "16505557003");
        await Eventually.Get(() => Has(Receiver, inbound), done => done);
        silent.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnOverrideNeedsAVerifyTokenAndAUrlParleyMayCall()
    {
        await using var waba = await WebhookReceiver.StartAsync();

        var (noToken, noTokenBody) = await Tenants.PostAsync(Client, SubscribedAppsPath, new { override_callback_uri = waba.Url });
        var (tooLong, tooLongBody) = await SetPhoneOverrideAsync("https://example.com/" + new string('a', 200));
        var (notUrl, notUrlBody) = await SetPhoneOverrideAsync("not a url");

        noToken.ShouldBe(HttpStatusCode.BadRequest);
        noTokenBody.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("The parameter verify_token is required.");
        tooLong.ShouldBe(HttpStatusCode.BadRequest);
        tooLongBody.Code().ShouldBe(100);
        notUrl.ShouldBe(HttpStatusCode.BadRequest);
        notUrlBody.Code().ShouldBe(100);
        waba.Verifications.ShouldBeEmpty();
    }

    [Fact]
    public async Task UnsubscribingRemovesTheWabasOverride()
    {
        await using var waba = await WebhookReceiver.StartAsync();
        (await SetWabaOverrideAsync(waba)).Status.ShouldBe(HttpStatusCode.OK);

        using var deleted = await Client.DeleteAsync(SubscribedAppsPath);

        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CloudApi.ReadAsync(deleted))["success"]!.GetValue<bool>().ShouldBeTrue();
        (await Tenants.GetAsync(Client, SubscribedAppsPath)).Body["data"]!.AsArray().ShouldBeEmpty();
        var inbound = await CloudApi.UserWritesAsync(Client, "16505557004");
        await Eventually.Get(() => Has(Receiver, inbound), done => done);
        waba.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task ANumberAddedToTheWabaLaterTakesTheWabasOverride()
    {
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        var (_, accountToken) = await Tenants.IssueTokenAsync(Admin, accountId: other.AccountId);
        using var otherClient = Parley.CreateChannelClient(accountToken);
        await using var waba = await WebhookReceiver.StartAsync();
        (await Tenants.PostAsync(otherClient, $"/v23.0/{other.AccountId}/subscribed_apps", new { override_callback_uri = waba.Url, verify_token = "t" }))
            .Status.ShouldBe(HttpStatusCode.OK);

        var (added, _) = await Tenants.CreateChannelAsync(Admin, other.AccountId);

        var inbound = await CloudApi.UserWritesAsync(otherClient, "16505557005", phoneNumberId: added);
        await Eventually.Get(() => Has(waba, inbound), done => done);
        waba.Verifications.Count.ShouldBe(1);
        Has(Receiver, inbound).ShouldBeFalse();
    }

    [Fact]
    public async Task SubscribingWithoutAnOverrideListsParleyAsTheSubscribedApp()
    {
        (await Tenants.GetAsync(Client, SubscribedAppsPath)).Body["data"]!.AsArray().ShouldBeEmpty();

        var (status, body) = await Tenants.PostAsync(Client, SubscribedAppsPath, new { });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var app = (await Tenants.GetAsync(Client, SubscribedAppsPath)).Body["data"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        app["whatsapp_business_api_data"]!["name"]!.GetValue<string>().ShouldBe("Parley");
        app.ContainsKey("override_callback_uri").ShouldBeFalse();
    }
}

/// <summary>An override URL goes through the SSRF guard before anything is sent to it: no verification GET to a private address.</summary>
public sealed class WebhookOverrideGuardTests() : ParleyTest(new Dictionary<string, string?> { ["Parley:Network:AllowPrivateNetworks"] = "false" })
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task AnOverrideToAPrivateAddressIsRefusedWithoutAVerificationRequest(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url.Replace("127.0.0.1", host, StringComparison.Ordinal);

        var (status, body) = await Tenants.PostAsync(Client, $"/v23.0/{ParleyFactory.WabaId}/subscribed_apps",
            new { override_callback_uri = url, verify_token = "t" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("private or loopback");
        receiver.Verifications.ShouldBeEmpty();
    }
}
