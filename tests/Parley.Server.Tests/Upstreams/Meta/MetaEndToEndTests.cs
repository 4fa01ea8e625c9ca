using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>Messages, statuses and inbound messages between A's meta channel and B playing Meta; A refuses forged webhooks.</summary>
public sealed class MetaEndToEndTests() : MetaPairTest("meta-e2e")
{
    private const string User = "16505557001";

    [Fact]
    public async Task MessagesAndStatusesTravelBetweenParleyAndAParleyPlayingMeta()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();

        // A user writes to the number on B's simulated network: the message reaches A's own webhook.
        var inboundId = await CloudApi.UserWritesAsync(clientB, User);
        var inbound = (await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1, TimeSpan.FromSeconds(30))).ShouldHaveSingleItem();
        inbound["id"]!.GetValue<string>().ShouldBe(inboundId);
        inbound["from"]!.GetValue<string>().ShouldBe(User);

        // A replies through its meta channel; B delivers it; sent, delivered and read come back to A under A's id.
        var id = await CloudApi.SendOkAsync(clientA, CloudApi.Text(User, "Hello from A via B"), path: channel.MessagesPath);
        // B posts its three statuses concurrently, as Meta may: a late "delivered" after "read" is not progress and is dropped.
        var statuses = await Eventually.Get(() => Receiver.Statuses(), s => s.Any(x => x["status"]!.GetValue<string>() == "read"), TimeSpan.FromSeconds(30));
        statuses.ShouldAllBe(s => s["id"]!.GetValue<string>() == id);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBeSubsetOf(["sent", "delivered", "read"]);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBeUnique();
        Receiver.Received.ShouldAllBe(r => r.SignedWith(ReceiverSecret));
        (await MetaChannels.StatusOfAsync(clientA, channel.PhoneNumberId, id)).ShouldBe("read");

        // B knows the message under its own id, to the same user, with the same text.
        var onB = await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound");
        var relayed = onB.Body["data"]!.AsArray().ShouldHaveSingleItem()!;
        relayed["id"]!.GetValue<string>().ShouldNotBe(id);
        relayed["peer"]!.GetValue<string>().ShouldBe(User);
        relayed["status"]!.GetValue<string>().ShouldBe("read");
        relayed["message"]!["text"]!["body"]!.GetValue<string>().ShouldBe("Hello from A via B");
    }

    [Fact]
    public async Task WebhookSignedWithAnotherSecretIsRefusedByA()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var client = A.CreateClient(token: null);
        var body = MetaChannels.InboundWebhook(channel.UpstreamPhoneNumberId, "wamid.forged-1", User, "forged");

        (await MetaChannels.PostWebhookAsync(client, body, secret: "not-the-app-secret-0123")).ShouldBe(HttpStatusCode.Forbidden);
        (await MetaChannels.PostWebhookAsync(client, body, secret: null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MetaChannels.PostWebhookAsync(client, body, secret: ParleyFactory.AppSecret)).ShouldBe(HttpStatusCode.OK);
    }
}
