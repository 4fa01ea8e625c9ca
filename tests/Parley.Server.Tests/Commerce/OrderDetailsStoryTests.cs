using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Commerce;

/// <summary>
/// India order details (Meta, "Payments API India"): an order details message, an order status message and an order
/// details template (an ORDER_DETAILS button whose parameter is the order) reach a user in India, who reads them, and
/// every webhook format reports them; 1msg's <c>/sendOrderDetails</c> sends the template, outside the 24-hour window
/// too. A user outside India cannot receive them: accepted, then failed with 1026 "Receiver Incapable", in both dialects.
/// </summary>
public sealed class OrderDetailsStoryTests : SubscribedParleyTest
{
    private const string Indian = "919000000401";
    private const string IndianOutsideWindow = "919000000402";
    private const string American = "16505550413";

    private async Task<WebhookReceiver> SubscribeChannelsAsync()
    {
        var receiver = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = receiver.Url, format = "channels" });
        return receiver;
    }

    [Fact]
    public async Task OrderMessagesToAUserInIndiaAreReadAndReportedInEveryWebhookFormat()
    {
        await using var onemsg = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "settings", $$$"""{"webhookUrl":"{{{onemsg.Url}}}","ackNotificationsOn":true}""")).Status.ShouldBe(HttpStatusCode.OK);
        await using var channels = await SubscribeChannelsAsync();
        await OrderDetailsKit.CreateTemplateAsync(Client);
        await CloudApi.UserWritesAsync(Client, Indian);

        var details = await CloudApi.SendOkAsync(Client, OrderDetailsKit.Interactive("+" + Indian));
        var orderStatus = await CloudApi.SendOkAsync(Client, OrderDetailsKit.Status("+" + Indian, "shipped"));
        var template = await CloudApi.SendOkAsync(Client, OrderDetailsKit.TemplateMessage("+" + Indian));
        var viaOneMsg = await OneMsgClient.SentAsync(Client, "sendOrderDetails", OrderDetailsKit.OneMsg(Indian).ToJsonString());

        foreach (var id in new[] { details, orderStatus, template, viaOneMsg })
        {
            var stored = await CloudApi.WaitForStatusAsync(Client, id, "read");
            stored["status"]!.GetValue<string>().ShouldBe("read", stored.ToJsonString());
            await Eventually.Get(() => Receiver.Statuses(), all => all.Any(s => s["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() == "read"));
            await Eventually.Get(() => Acks(onemsg), all => all.Any(a => a["id"]!.GetValue<string>() == id && a["status"]!.GetValue<string>() == "viewed"));
            await Eventually.Get(() => ChannelEvents(channels), all => all.Any(e => e["event"]!.GetValue<string>() == "whatsapp.outbound"
                && e["payload"]!["status"]!.GetValue<string>() == "delivered" && e.ToJsonString().Contains(id, StringComparison.Ordinal)));
        }

        // The 1msg send is the order details template: the order is its button's parameter, as Meta's template takes it.
        var sent = await CloudApi.GetMessageAsync(Client, viaOneMsg);
        sent.ToJsonString().ShouldContain("order_details");
        // 1msg's echo of the interactive message is its body text.
        var echo = await Eventually.Get(
            () => onemsg.Received.Select(r => r.Json).Where(b => b["messages"] is not null).SelectMany(b => b["messages"]!.AsArray())
                .FirstOrDefault(m => m!["id"]!.GetValue<string>() == details),
            m => m is not null);
        echo!["body"]!.GetValue<string>().ShouldBe("Your order is ready to pay");
    }

    [Fact]
    public async Task SendOrderDetailsIsATemplateSoItReachesAUserOutsideTheWindow()
    {
        await OrderDetailsKit.CreateTemplateAsync(Client);

        var id = await OneMsgClient.SentAsync(Client, "sendOrderDetails", OrderDetailsKit.OneMsg(IndianOutsideWindow).ToJsonString());

        var stored = await CloudApi.WaitForStatusAsync(Client, id, "read");
        stored["status"]!.GetValue<string>().ShouldBe("read", stored.ToJsonString());
    }

    [Fact]
    public async Task OrderMessagesToAUserOutsideIndiaAreAcceptedThenFailWith1026InBothDialects()
    {
        await OrderDetailsKit.CreateTemplateAsync(Client);
        await CloudApi.UserWritesAsync(Client, American);

        var ids = new[]
        {
            await CloudApi.SendOkAsync(Client, OrderDetailsKit.Interactive("+" + American)),
            await CloudApi.SendOkAsync(Client, OrderDetailsKit.Status("+" + American, "processing")),
            await CloudApi.SendOkAsync(Client, OrderDetailsKit.TemplateMessage("+" + American)),
            await OneMsgClient.SentAsync(Client, "sendOrderDetails", OrderDetailsKit.OneMsg(American).ToJsonString()),
        };

        foreach (var id in ids)
        {
            var failed = await CloudApi.WaitForStatusAsync(Client, id, "delivered");
            failed["status"]!.GetValue<string>().ShouldBe("failed", failed.ToJsonString());
            failed["error"]!["code"]!.GetValue<int>().ShouldBe(1026);
            failed["error"]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("Indian (+91) phone number");
            var webhook = await Eventually.Get(() => Receiver.Statuses().FirstOrDefault(s => s["id"]!.GetValue<string>() == id), s => s is not null);
            webhook!["status"]!.GetValue<string>().ShouldBe("failed");
            webhook["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(1026);
        }
        var (status, hook) = await OneMsgClient.GetAsync(Client, "hookInfo", $"&messageId={Uri.EscapeDataString(ids[3])}");
        status.ShouldBe(HttpStatusCode.OK, hook.ToJsonString());
        hook.ToJsonString().ShouldContain("failed");
    }

    [Fact]
    public async Task AnOrderDetailsTemplateNeedsItsOrder()
    {
        var created = await TemplateApi.CreateAsync(Client, OrderDetailsKit.Template().With("name", "\"order_pay_twice\"")
            .With("components[1].buttons", """[{"type":"ORDER_DETAILS","text":"Pay"},{"type":"ORDER_DETAILS","text":"Pay again"}]"""));
        created.Status.ShouldBe(HttpStatusCode.BadRequest, created.Body.ToJsonString());
        created.Body.ToJsonString().ShouldContain("at most one ORDER_DETAILS button");
        await OrderDetailsKit.CreateTemplateAsync(Client);

        // Without the button's order: the template's ORDER_DETAILS button takes one parameter (132000).
        var (status, body) = await CloudApi.SendAsync(Client, OrderDetailsKit.TemplateMessage("+" + Indian).With("template.components", "[]"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(132000);
        // An action without order_details on an order_details button: required (131008).
        (status, body) = await CloudApi.SendAsync(Client, OrderDetailsKit.TemplateMessage("+" + Indian).With("template.components[0].parameters[0].action", "{}"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131008);
        // The order in a template follows the same rules: a total that does not add up is 131009.
        (status, body) = await CloudApi.SendAsync(Client, OrderDetailsKit.TemplateMessage("+" + Indian)
            .With("template.components[0].parameters[0].action.order_details.total_amount.value", "5"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131009);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("Invalid total amount");
    }

    private static List<JsonObject> Acks(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => r.Json).Where(b => b["ack"] is not null).SelectMany(b => b["ack"]!.AsArray()).Select(a => a!.AsObject())];

    private static List<JsonObject> ChannelEvents(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!).SelectMany(n => n is JsonArray a ? a.Select(e => e!.AsObject()) : [n.AsObject()])];
}
