using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>
/// The admin API verifies a webhook URL the way Meta does when given a <c>verify_token</c>: a <c>GET</c> with
/// <c>hub.challenge</c> that must be echoed. Without one it takes the URL as given.
/// </summary>
public sealed class WebhookVerificationTests : ParleyTest
{
    private const string WebhooksPath = $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks";

    [Fact]
    public async Task ASubscriptionWithAVerifyTokenIsMadeOnceTheUrlEchoesTheChallengeAndThenReceivesEvents()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var created = await Tenants.PostCreatedAsync(Admin, WebhooksPath, new { url = receiver.Url, verify_token = "s3cret-token" });

        var verification = receiver.Verifications.ShouldHaveSingleItem();
        verification["hub.mode"].ShouldBe("subscribe");
        verification["hub.verify_token"].ShouldBe("s3cret-token");
        created["url"]!.GetValue<string>().ShouldBe(receiver.Url);
        var inbound = await CloudApi.UserWritesAsync(Client, "16505557101");
        await Eventually.Get(() => receiver.Messages().Any(m => m["id"]!.GetValue<string>() == inbound), done => done);
    }

    [Fact]
    public async Task ASubscriptionWhoseUrlDoesNotEchoTheChallengeIsRefusedAndNotMade()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.EchoesChallenge = false;

        var (status, body) = await Tenants.PostAsync(Admin, WebhooksPath, new { url = receiver.Url, verify_token = "s3cret-token" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["url"]![0]!.GetValue<string>().ShouldStartWith("(#2200) Callback verification failed");
        body["errors"]!["url"]![0]!.GetValue<string>().ShouldContain("not the challenge");
        (await Tenants.ListAsync(Admin, WebhooksPath)).ShouldBeEmpty();
        await CloudApi.UserWritesAsync(Client, "16505557102");
        receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task ASubscriptionToAUrlThatIsDownIsRefusedWith2200()
    {
        var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url;
        await receiver.DisposeAsync();

        var (status, body) = await Tenants.PostAsync(Admin, WebhooksPath, new { url, verify_token = "s3cret-token" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["url"]![0]!.GetValue<string>().ShouldStartWith("(#2200) Callback verification failed");
        (await Tenants.ListAsync(Admin, WebhooksPath)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ASubscriptionWithoutAVerifyTokenIsNotVerified()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.EchoesChallenge = false;

        await Tenants.PostCreatedAsync(Admin, WebhooksPath, new { url = receiver.Url });

        receiver.Verifications.ShouldBeEmpty();
        (await Tenants.ListAsync(Admin, WebhooksPath)).Count.ShouldBe(1);
    }
}
