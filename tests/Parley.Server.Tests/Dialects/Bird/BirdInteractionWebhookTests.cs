using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// Taps delivered in the <c>channels</c> webhook format (dialects digest B.10/B.11): an inbound tap on a reply button,
/// a list row or a template quick reply is a <c>whatsapp.inbound</c> event and a <c>whatsapp.interaction</c>
/// <c>clicked</c> event for the outgoing message it answers, the same interaction its interactions endpoint lists.
/// </summary>
public sealed class BirdInteractionWebhookTests : BirdTest
{
    private const string User = "16505554570";

    private async Task<WebhookReceiver> SubscribeAsync()
    {
        var receiver = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = receiver.Url, format = "channels", secret = "interaction-key-0123" });
        return receiver;
    }

    private static List<JsonObject> Events(WebhookReceiver receiver, string name) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!)
            .SelectMany(n => n is JsonArray a ? a.Select(e => e!.AsObject()) : [n.AsObject()])
            .Where(e => e["event"]!.GetValue<string>() == name)];

    private static List<JsonObject> Clicks(WebhookReceiver receiver, string messageId) =>
        [.. Events(receiver, "whatsapp.interaction").Select(e => e["payload"]!.AsObject())
            .Where(p => p["type"]!.GetValue<string>() == "clicked" && p["messageId"]!.GetValue<string>() == messageId)];

    [Fact]
    public async Task TapsOnReplyButtonsAndListRowsArriveAsClickedInteractionsOfTheTappedMessage()
    {
        await using var receiver = await SubscribeAsync();
        await CloudApi.UserWritesAsync(Client, User);
        var buttons = await SendAcceptedAsync(To(User, new
        {
            type = "text",
            text = new { text = "Confirm?", actions = new object[] { new { type = "postback", postback = new { text = "Yes", payload = "confirm-42" } }, new { type = "reply", reply = new { text = "No" } } } },
        }));
        var list = await SendAcceptedAsync(To(User, new
        {
            type = "list",
            list = new { text = "Pick a size", items = new[] { new { title = "Sizes", actions = new[] { new { type = "postback", postback = new { text = "Large", payload = "size-l" } } } } } },
        }));
        var buttonsWamid = Wamids(buttons).Single();
        var listWamid = Wamids(list).Single();
        await AtUpstreamAsync(buttonsWamid);
        await AtUpstreamAsync(listWamid);

        await CloudApi.UserWritesAsync(Client, User, new
        {
            from = User, type = "interactive", context = new { id = buttonsWamid },
            interactive = new { type = "button_reply", button_reply = new { id = "confirm-42", title = "Yes" } },
        });
        await CloudApi.UserWritesAsync(Client, User, new
        {
            from = User, type = "interactive", context = new { id = listWamid },
            interactive = new { type = "list_reply", list_reply = new { id = "size-l", title = "Large" } },
        });

        var buttonId = buttons["id"]!.GetValue<string>();
        var listId = list["id"]!.GetValue<string>();
        var click = (await Eventually.Get(() => Clicks(receiver, buttonId), c => c.Count >= 1)).ShouldHaveSingleItem();
        click["details"]!.GetValue<string>().ShouldBe("item_clicked");
        click["metadata"]!["button"]!["payload"]!.GetValue<string>().ShouldBe("confirm-42");
        click["channelId"]!.GetValue<string>().ShouldBe(ChannelId);
        click["receiver"]!["contacts"]![0]!["identifierValue"]!.GetValue<string>().ShouldBe("+" + User);
        var row = (await Eventually.Get(() => Clicks(receiver, listId), c => c.Count >= 1)).ShouldHaveSingleItem();
        row["metadata"]!["button"]!["payload"]!.GetValue<string>().ShouldBe("size-l");

        // The taps are inbound messages too, and the interactions endpoint lists the same click.
        Events(receiver, "whatsapp.inbound").Count.ShouldBe(3);
        var (status, interactions) = await GetAsync(Channels, $"{MessagesPath}/{buttonId}/interactions");
        status.ShouldBe(HttpStatusCode.OK);
        var listed = interactions["results"]!.AsArray().Single(i => i!["type"]!.GetValue<string>() == "clicked")!;
        listed["metadata"]!["button"]!["payload"]!.GetValue<string>().ShouldBe("confirm-42");
        listed["createdAt"]!.GetValue<string>().ShouldBe(click["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task TapOnATemplateQuickReplyArrivesAsAClickedInteractionWithItsPayload()
    {
        await using var receiver = await SubscribeAsync();
        await TemplateApi.CreateApprovedAsync(Client, TemplateApi.OrderConfirmation());
        var accepted = await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierValue = "+" + User } } },
            template = new
            {
                name = "order_confirmation", locale = "en_US",
                parameters = new object[]
                {
                    new { type = "string", key = "header1", value = "42" }, new { type = "string", key = "1", value = "Ana" },
                    new { type = "string", key = "2", value = "#42" }, new { type = "string", key = "url", value = "42" },
                },
            },
        });
        var wamid = Wamids(accepted).Single();
        await AtUpstreamAsync(wamid);

        using var tap = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/messages/{wamid}/tap", new { button_index = 0 });
        tap.StatusCode.ShouldBe(HttpStatusCode.OK, await tap.Content.ReadAsStringAsync());

        var id = accepted["id"]!.GetValue<string>();
        var click = (await Eventually.Get(() => Clicks(receiver, id), c => c.Count >= 1)).ShouldHaveSingleItem();
        click["metadata"]!["button"]!["payload"]!.GetValue<string>().ShouldBe("Track order"); // no payload given: the button's text
        var inbound = Events(receiver, "whatsapp.inbound").ShouldHaveSingleItem();
        inbound["payload"]!["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Track order");
    }
}
