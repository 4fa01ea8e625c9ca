using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Templates;

/// <summary>
/// A template's whole life through HTTP: created, reviewed by the sandbox (webhook), sent with parameters (status
/// webhooks), rendered for its recipient, and answered by a tap on its quick reply (inbound <c>button</c> webhook).
/// </summary>
public sealed class TemplateLifecycleTests() : SubscribedParleyTest(new Dictionary<string, string?> { ["Parley:Sandbox:TemplateReviewDelayMs"] = "300" })
{
    [Fact]
    public async Task CreatedTemplateIsApprovedSentAndItsQuickReplyTapComesBackAsAButtonMessage()
    {
        var (created, body) = await TemplateApi.CreateAsync(Client, TemplateApi.OrderConfirmation());
        created.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["status"]!.GetValue<string>().ShouldBe("PENDING");
        body["category"]!.GetValue<string>().ShouldBe("UTILITY");
        var templateId = body["id"]!.GetValue<string>();

        // The sandbox reviews it and says so with Meta's template webhook, entry id = the WABA.
        var updates = await Eventually.Get(() => Receiver.TemplateUpdates(), u => u.Count > 0);
        var approved = updates.ShouldHaveSingleItem();
        approved["event"]!.GetValue<string>().ShouldBe("APPROVED");
        approved["message_template_id"]!.GetValue<long>().ShouldBe(long.Parse(templateId));
        approved["message_template_name"]!.GetValue<string>().ShouldBe("order_confirmation");
        approved["message_template_language"]!.GetValue<string>().ShouldBe("en_US");
        approved["reason"]!.GetValue<string>().ShouldBe("NONE");
        var envelope = Receiver.Received.First(r => r.Json.ToJsonString().Contains("message_template_status_update"));
        envelope.Json["object"]!.GetValue<string>().ShouldBe("whatsapp_business_account");
        envelope.Json["entry"]![0]!["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        envelope.SignedWith(ParleyFactory.AppSecret).ShouldBeTrue();
        var (_, stored) = await TemplateApi.GetAsync(Client, $"/v23.0/{templateId}");
        stored["status"]!.GetValue<string>().ShouldBe("APPROVED");

        // Sent outside any customer service window: templates need none.
        const string To = "16505551234";
        var messageId = await CloudApi.SendOkAsync(Client, TemplateApi.OrderMessage(To));
        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == messageId).ToList(), s => s.Count >= 3);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "read"]);

        var (renderedStatus, rendered) = await TemplateApi.GetAsync(Client, $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/messages/{messageId}/rendered");
        renderedStatus.ShouldBe(HttpStatusCode.OK, rendered.ToJsonString());
        rendered["header"]!.GetValue<string>().ShouldBe("Order 42");
        rendered["body"]!.GetValue<string>().ShouldBe("Hi Ana, your order #42 is confirmed. Tap below to follow it.");
        rendered["footer"]!.GetValue<string>().ShouldBe("Thanks for shopping with us");
        rendered["buttons"]![2]!["url"]!.GetValue<string>().ShouldBe("https://shop.example.com/orders/42");

        // The recipient taps "Track order" (payload given at send) and "Talk to us" (no payload: its text comes back).
        using var tap = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/messages/{messageId}/tap", new { button_index = 0 });
        tap.StatusCode.ShouldBe(HttpStatusCode.OK, await tap.Content.ReadAsStringAsync());
        using var secondTap = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/messages/{messageId}/tap", new { button_index = 1 });
        secondTap.StatusCode.ShouldBe(HttpStatusCode.OK);

        var buttons = await Eventually.Get(() => Receiver.Messages().Where(m => m["type"]!.GetValue<string>() == "button").ToList(), m => m.Count >= 2);
        buttons.Count.ShouldBe(2);
        var first = buttons.Single(b => b["button"]!["text"]!.GetValue<string>() == "Track order");
        first["button"]!["payload"]!.GetValue<string>().ShouldBe("TRACK-42");
        first["from"]!.GetValue<string>().ShouldBe(To);
        first["context"]!["id"]!.GetValue<string>().ShouldBe(messageId);
        first["context"]!["from"]!.GetValue<string>().ShouldBe(ParleyFactory.DisplayPhoneNumber);
        buttons.Single(b => b["button"]!["text"]!.GetValue<string>() == "Talk to us")["button"]!["payload"]!.GetValue<string>().ShouldBe("Talk to us");
    }

    [Fact]
    public async Task TappingAButtonThatIsNoQuickReplyFailsWith131009()
    {
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        var messageId = await CloudApi.SendOkAsync(Client, TemplateApi.OrderMessage("16505551235"));

        using var tap = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/messages/{messageId}/tap", new { button_index = 2 });

        tap.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CloudApi.ReadAsync(tap)).Code().ShouldBe(131009);
    }

    [Theory]
    [InlineData("promotional_blast", "UTILITY", "Your order is ready.", "PROMOTIONAL")]
    [InlineData("weekly_news", "UTILITY", "Big sale this weekend: 20% discount on everything.", "INCORRECT_CATEGORY")]
    [InlineData("lucky_draw", "MARKETING", "You won the lottery! Send your bank details.", "SCAM")]
    [InlineData("rude_note", "UTILITY", "We hate late payers.", "ABUSIVE_CONTENT")]
    public async Task TheSandboxReviewRejectsByItsDocumentedRulesWithAReason(string name, string category, string text, string reason)
    {
        var template = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = name, ["language"] = "en", ["category"] = category,
            ["components"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["type"] = "BODY", ["text"] = text }),
        };
        var id = await TemplateApi.CreateOkAsync(Client, template);

        var update = (await Eventually.Get(() => Receiver.TemplateUpdates(), u => u.Count > 0)).ShouldHaveSingleItem();

        update["event"]!.GetValue<string>().ShouldBe("REJECTED");
        update["reason"]!.GetValue<string>().ShouldBe(reason);
        var (_, stored) = await TemplateApi.GetAsync(Client, $"/v23.0/{id}?fields=status,rejected_reason");
        stored["status"]!.GetValue<string>().ShouldBe("REJECTED");
        stored["rejected_reason"]!.GetValue<string>().ShouldBe(reason);
    }

    [Fact]
    public async Task SimulatorStatusChangesEachSendAWebhook()
    {
        var id = await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        await TemplateApi.SetStatusAsync(Client, id, "PAUSED");
        await TemplateApi.SetStatusAsync(Client, id, "DISABLED");

        var updates = await Eventually.Get(() => Receiver.TemplateUpdates(), u => u.Count >= 3);

        updates.Select(u => u["event"]!.GetValue<string>()).ShouldBe(["APPROVED", "PAUSED", "DISABLED"]);
        updates[1]["other_info"]!["title"]!.GetValue<string>().ShouldBe("FIRST_PAUSE");
        updates[2]["disable_info"]!["disable_date"].ShouldNotBeNull();
    }
}
