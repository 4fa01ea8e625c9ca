using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// <c>/webhooks/meta</c>: the verification handshake, signatures checked before parsing, statuses found by Meta's wamid
/// and inbound messages fed to ingest, Meta's duplicate deliveries applied once.
/// </summary>
public sealed class MetaWebhookTests : MetaTestBase
{
    private const string User = "16505551234";

    [Fact]
    public async Task SendGoesToTheGraphMessagesEndpointAndItsStatusesComeBackUnderParleysId()
    {
        var channel = await CreateChannelAsync();

        var id = await SendAsync(channel, "+1 (650) 555-1234", "Relayed");

        var call = (await CallsAsync(1)).ShouldHaveSingleItem();
        call.Version.ShouldBe("v23.0");
        call.PhoneNumberId.ShouldBe(channel.UpstreamPhoneNumberId);
        call.Authorization.ShouldBe("Bearer " + MetaChannels.UpstreamAccessToken);
        call.Body["to"]!.GetValue<string>().ShouldBe(User);
        call.Body["text"]!["body"]!.GetValue<string>().ShouldBe("Relayed");
        var wamid = GraphAnswer.Wamid(call);
        wamid.ShouldNotBe(id, "Meta's id and Parley's are different ids");

        (await DeliverAsync(MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, wamid, "sent", User))).ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, wamid, "delivered", User))).ShouldBe(HttpStatusCode.OK);

        (await WaitForStatusAsync(channel, id, "delivered")).ShouldBe("delivered");
        var statuses = await Eventually.Get(() => Receiver.Statuses(), s => s.Count >= 2);
        statuses.Select(s => (s["id"]!.GetValue<string>(), s["status"]!.GetValue<string>())).ShouldBe([(id, "sent"), (id, "delivered")]);
        statuses.ShouldAllBe(s => s["recipient_id"]!.GetValue<string>() == User);
    }

    [Fact]
    public async Task FailedStatusCarriesMetasErrorToParleysWebhook()
    {
        var channel = await CreateChannelAsync();
        var id = await SendAsync(channel, User);
        var wamid = GraphAnswer.Wamid((await CallsAsync(1))[0]);
        var error = new JsonObject
        {
            ["code"] = 131049, ["title"] = "This message was not delivered to maintain healthy ecosystem engagement.",
            ["message"] = "This message was not delivered to maintain healthy ecosystem engagement.",
            ["error_data"] = new JsonObject { ["details"] = "In order to maintain a healthy ecosystem engagement, the message failed to be delivered." },
        };

        (await DeliverAsync(MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, wamid, "failed", User, error))).ShouldBe(HttpStatusCode.OK);

        (await WaitForStatusAsync(channel, id, "failed")).ShouldBe("failed");
        var failed = (await Eventually.Get(() => Receiver.Statuses(), s => s.Count >= 1)).ShouldHaveSingleItem();
        failed["id"]!.GetValue<string>().ShouldBe(id);
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131049);
        failed["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldStartWith("In order to maintain");
    }

    [Fact]
    public async Task DuplicateDeliveriesOfAStatusAndOfAnInboundMessageAreAppliedOnce()
    {
        var channel = await CreateChannelAsync();
        var id = await SendAsync(channel, User);
        var wamid = GraphAnswer.Wamid((await CallsAsync(1))[0]);
        var delivered = MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, wamid, "delivered", User);
        var inbound = MetaChannels.InboundWebhook(channel.UpstreamPhoneNumberId, "wamid.inbound-dup-1", User, "Thanks!", contextId: wamid);

        for (var i = 0; i < 3; i++)
        {
            (await DeliverAsync(delivered)).ShouldBe(HttpStatusCode.OK);
            (await DeliverAsync(inbound)).ShouldBe(HttpStatusCode.OK);
        }

        await Eventually.Get(() => Receiver.Received.Count, n => n >= 3); // the user's first message (opening the window), the status, the reply
        await Task.Delay(500); // room for any duplicate to arrive
        Receiver.Statuses().ShouldHaveSingleItem()["status"]!.GetValue<string>().ShouldBe("delivered");
        var message = Receiver.Messages().Where(m => !m["id"]!.GetValue<string>().StartsWith("wamid.hello-", StringComparison.Ordinal)).ShouldHaveSingleItem();
        message["id"]!.GetValue<string>().ShouldBe("wamid.inbound-dup-1");
        message["from"]!.GetValue<string>().ShouldBe(User);
        message["text"]!["body"]!.GetValue<string>().ShouldBe("Thanks!");
        message["context"]!["id"]!.GetValue<string>().ShouldBe(id, "a reply names Parley's id of the message it answers");
        Receiver.Received.Count.ShouldBe(3);
        (await StatusOfAsync(channel, id)).ShouldBe("delivered");
    }

    [Fact]
    public async Task SignatureIsCheckedBeforeTheBodyIsParsed()
    {
        var channel = await CreateChannelAsync();
        using var client = Parley.CreateClient();
        var body = MetaChannels.InboundWebhook(channel.UpstreamPhoneNumberId, "wamid.inbound-sig-1", User, "Hi");

        (await MetaChannels.PostWebhookAsync(client, body, secret: null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MetaChannels.PostWebhookAsync(client, body, secret: "some-other-app-secret-0123")).ShouldBe(HttpStatusCode.Forbidden);
        (await MetaChannels.PostWebhookAsync(client, body, signature: "sha256=not-hex")).ShouldBe(HttpStatusCode.Forbidden);
        (await MetaChannels.PostWebhookAsync(client, body, signature: MetaChannels.Sign(MetaChannels.UpstreamAppSecret, body + " "))).ShouldBe(HttpStatusCode.Forbidden);
        (await MetaChannels.PostWebhookAsync(client, "{not json", secret: "some-other-app-secret-0123")).ShouldBe(HttpStatusCode.Forbidden, "no parsing before the signature");
        (await MetaChannels.PostWebhookAsync(client, "{not json")).ShouldBe(HttpStatusCode.BadRequest);
        (await MetaChannels.PostWebhookAsync(client, "[1,2]")).ShouldBe(HttpStatusCode.BadRequest);

        await Task.Delay(300);
        Receiver.Received.ShouldBeEmpty("nothing refused reached ingest");
        (await MetaChannels.PostWebhookAsync(client, body)).ShouldBe(HttpStatusCode.OK);
        (await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1)).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe("wamid.inbound-sig-1");
    }

    [Fact]
    public async Task WebhookForAnUnknownPhoneNumberIdIsAnsweredOkAndIgnored()
    {
        await CreateChannelAsync();
        using var client = Parley.CreateClient();

        var status = await MetaChannels.PostWebhookAsync(client, MetaChannels.InboundWebhook("999999999999999", "wamid.inbound-unknown-1", User, "Hi"));

        status.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(300);
        Receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task StaleStatusOfAMessageParleyDidNotSendIsAnsweredOkAndIgnored()
    {
        var channel = await CreateChannelAsync();
        using var client = Parley.CreateClient();
        var body = MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, "wamid.never-sent", "delivered", User)
            .Replace(DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "1750000000", StringComparison.Ordinal);

        (await MetaChannels.PostWebhookAsync(client, body)).ShouldBe(HttpStatusCode.OK);
        (await MetaChannels.PostWebhookAsync(client, MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, "wamid.never-sent", "delivered", User)))
            .ShouldBe(HttpStatusCode.ServiceUnavailable, "a fresh unknown status may have overtaken its send's answer: Meta is asked to deliver it again");
    }

    [Fact]
    public async Task VerificationEchoesTheChallengeOnlyForAMetaChannelsVerifyToken()
    {
        var channel = await CreateChannelAsync();
        using var client = Parley.CreateClient();

        using var ok = await MetaChannels.GetAsync(client, $"?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={channel.VerifyToken}");
        using var wrongToken = await MetaChannels.GetAsync(client, "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        using var wrongMode = await MetaChannels.GetAsync(client, $"?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token={channel.VerifyToken}");
        using var none = await MetaChannels.GetAsync(client, "");

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await ok.Content.ReadAsStringAsync()).ShouldBe("1158201444");
        wrongToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        wrongMode.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        none.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
