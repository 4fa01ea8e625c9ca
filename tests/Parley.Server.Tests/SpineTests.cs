using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>The main path: accept → dispatch → sandbox → statuses → signed Cloud API webhooks.</summary>
public sealed class SpineTests : SubscribedParleyTest
{
    [Fact]
    public async Task TextToUserWhoWroteFirstIsSentDeliveredAndReadWithSignedWebhooks()
    {
        await CloudApi.UserWritesAsync(Client, "16505551234");

        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text("+1 (650) 555-1234"));

        status.ShouldBe(HttpStatusCode.OK);
        body["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        body["contacts"]![0]!["input"]!.GetValue<string>().ShouldBe("+1 (650) 555-1234");
        body["contacts"]![0]!["wa_id"]!.GetValue<string>().ShouldBe("16505551234");
        var id = body["messages"]![0]!["id"]!.GetValue<string>();
        id.ShouldStartWith("wamid.");
        id.Length.ShouldBeLessThanOrEqualTo(128);

        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 3);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "read"]);
        statuses[0]["recipient_id"]!.GetValue<string>().ShouldBe("16505551234");
        statuses[0]["conversation"].ShouldBeNull(); // per-message pricing: only free entry point conversations have one
        statuses[0]["pricing"]!["pricing_model"]!.GetValue<string>().ShouldBe("PMP");
        statuses[0]["pricing"]!["category"]!.GetValue<string>().ShouldBe("service");
        Receiver.Received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret));

        var envelope = Receiver.Received.Last().Json;
        envelope["object"]!.GetValue<string>().ShouldBe("whatsapp_business_account");
        envelope["entry"]![0]!["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        var value = envelope["entry"]![0]!["changes"]![0]!["value"]!;
        value["metadata"]!["phone_number_id"]!.GetValue<string>().ShouldBe(ParleyFactory.PhoneNumberId);
        value["metadata"]!["display_phone_number"]!.GetValue<string>().ShouldBe(ParleyFactory.DisplayPhoneNumber);

        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["status"]!.GetValue<string>().ShouldBe("read");
        stored["statuses"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()).ShouldBe(["accepted", "sent", "delivered", "read"]);
    }

    [Fact]
    public async Task InboundMessageReachesWebhookInCloudApiEnvelope()
    {
        var inboundId = await CloudApi.UserWritesAsync(Client, "447700900123", new { from = "447700900123", profile_name = "Alice", type = "text", text = new { body = "Where is my order?" } });

        var messages = await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1);

        var message = messages.ShouldHaveSingleItem();
        message["id"]!.GetValue<string>().ShouldBe(inboundId);
        message["from"]!.GetValue<string>().ShouldBe("447700900123");
        message["type"]!.GetValue<string>().ShouldBe("text");
        message["text"]!["body"]!.GetValue<string>().ShouldBe("Where is my order?");
        var value = Receiver.Received.Single().Json["entry"]![0]!["changes"]![0]!["value"]!;
        value["contacts"]![0]!["profile"]!["name"]!.GetValue<string>().ShouldBe("Alice");
        value["contacts"]![0]!["wa_id"]!.GetValue<string>().ShouldBe("447700900123");
    }

    [Fact]
    public async Task SendingTextOutsideWindowFailsWith131047()
    {
        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550001"));

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "failed");

        stored["status"]!.GetValue<string>().ShouldBe("failed");
        stored["error"]!["code"]!.GetValue<int>().ShouldBe(131047);
        var failed = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 1);
        failed.ShouldHaveSingleItem()["status"]!.GetValue<string>().ShouldBe("failed");
        failed[0]["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131047);
        failed[0]["errors"]![0]!["title"]!.GetValue<string>().ShouldBe("Re-engagement message");
    }

    [Fact]
    public async Task TemplateOutsideWindowIsDelivered()
    {
        var template = new { messaging_product = "whatsapp", to = "16505550002", type = "template", template = new { name = "hello_world", language = new { code = "en_US" } } };

        var id = await CloudApi.SendOkAsync(Client, template);

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "read");
        stored["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task WindowClosesWhenSandboxClockPasses24Hours()
    {
        await CloudApi.UserWritesAsync(Client, "16505550003");
        (await Admin.PostAsync("/sandbox/clock/advance", System.Net.Http.Json.JsonContent.Create(new { seconds = 24 * 3600 + 1 }))).EnsureSuccessStatusCode();

        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550003"));

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "read");
        stored["status"]!.GetValue<string>().ShouldBe("failed");
        stored["error"]!["code"]!.GetValue<int>().ShouldBe(131047);
        (await Admin.PostAsync("/sandbox/clock/reset", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task BizOpaqueCallbackDataIsEchoedInStatusWebhooks()
    {
        await CloudApi.UserWritesAsync(Client, "16505550004");
        var message = new { messaging_product = "whatsapp", to = "16505550004", type = "text", text = new { body = "tracked" }, biz_opaque_callback_data = "order-42" };

        var id = await CloudApi.SendOkAsync(Client, message);

        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 3);
        statuses.ShouldAllBe(s => s["biz_opaque_callback_data"]!.GetValue<string>() == "order-42");
    }

    [Fact]
    public async Task RetriedRequestWithSameIdempotencyKeyReturnsSameIdAndSendsOnce()
    {
        await CloudApi.UserWritesAsync(Client, "16505550005");

        var first = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550005"), idempotencyKey: "order-42-confirmation");
        var second = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550005"), idempotencyKey: "order-42-confirmation");

        second.ShouldBe(first);
        await CloudApi.WaitForStatusAsync(Client, first, "read");
        using var response = await Client.GetAsync($"/api/channels/{ParleyFactory.PhoneNumberId}/messages?peer=16505550005&direction=outbound");
        var page = await CloudApi.ReadAsync(response);
        page["data"]!.AsArray().Count.ShouldBe(1);
        var sent = await Eventually.Get(() => Receiver.Statuses().Count(s => s["id"]!.GetValue<string>() == first && s["status"]!.GetValue<string>() == "sent"), n => n >= 1);
        sent.ShouldBe(1);
    }

    [Fact]
    public async Task MessageToNumberNotOnWhatsAppFailsWith131026()
    {
        var template = new { messaging_product = "whatsapp", to = "16505550404", type = "template", template = new { name = "hello_world", language = new { code = "en_US" } } };

        var id = await CloudApi.SendOkAsync(Client, template);

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "failed");
        stored["error"]!["code"]!.GetValue<int>().ShouldBe(131026);
    }

    [Fact]
    public async Task UserWhoNeverReadsGetsDeliveredButNotRead()
    {
        await CloudApi.UserWritesAsync(Client, "16505550101");

        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550101"));

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "delivered");
        stored["status"]!.GetValue<string>().ShouldBe("delivered");
    }

    [Fact]
    public async Task AutoReplyingUserAnswersWithAQuotedText()
    {
        await CloudApi.UserWritesAsync(Client, "16505550202");

        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550202"));

        var reply = await Eventually.Get(() => Receiver.Messages().Where(m => m["context"]?["id"]?.GetValue<string>() == id).ToList(), m => m.Count >= 1);
        reply.ShouldHaveSingleItem()["from"]!.GetValue<string>().ShouldBe("16505550202");
    }

    [Fact]
    public async Task ReactionToUnknownMessageFailsWith131009()
    {
        await CloudApi.UserWritesAsync(Client, "16505550006");
        var reaction = new { messaging_product = "whatsapp", to = "16505550006", type = "reaction", reaction = new { message_id = "wamid.unknown", emoji = "👍" } };

        var id = await CloudApi.SendOkAsync(Client, reaction);

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "failed");
        stored["error"]!["code"]!.GetValue<int>().ShouldBe(131009);
    }

    [Fact]
    public async Task ReactionToUsersMessageGetsOnlySentStatus()
    {
        var inbound = await CloudApi.UserWritesAsync(Client, "16505550007");
        var reaction = new { messaging_product = "whatsapp", to = "16505550007", type = "reaction", reaction = new { message_id = inbound, emoji = "👍" } };

        var id = await CloudApi.SendOkAsync(Client, reaction);

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "sent");
        stored["status"]!.GetValue<string>().ShouldBe("sent");
        var reactionToReaction = new { messaging_product = "whatsapp", to = "16505550007", type = "reaction", reaction = new { message_id = id, emoji = "😀" } };
        var second = await CloudApi.SendOkAsync(Client, reactionToReaction);
        (await CloudApi.WaitForStatusAsync(Client, second, "failed"))["error"]!["code"]!.GetValue<int>().ShouldBe(131009);
    }

    [Fact]
    public async Task MarkingInboundMessageAsReadAnswersSuccess()
    {
        var inbound = await CloudApi.UserWritesAsync(Client, "16505550008");

        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", status = "read", message_id = inbound, typing_indicator = new { type = "text" } });

        status.ShouldBe(HttpStatusCode.OK);
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        (await CloudApi.GetMessageAsync(Client, inbound))["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task MarkingUnknownMessageAsReadFailsWithCode100()
    {
        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", status = "read", message_id = "wamid.nope" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
    }
}
