using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// Groups in the <c>channels</c> format, which has no WhatsApp groups: a participant's post is an incoming message from
/// them naming the group in <c>meta.extraInformation.whatsappgroupid</c>; a message sent to a group has the group as its
/// receiver contact (<c>identifierKey: "whatsappgroupid"</c>) and changes status once per status; group events are not
/// posted. The sandbox reports only <c>sent</c> here (its later statuses are an hour away), so the test reports each
/// participant's statuses itself, as the network would.
/// </summary>
public sealed class BirdGroupWebhookTests() : BirdTest(new Dictionary<string, string?> { ["Parley:Sandbox:StatusDelayMs"] = "3600000" })
{
    private const string Ana = "16505550301";
    private const string Ben = "16505550302";

    private async Task<WebhookReceiver> SubscribeAsync()
    {
        var receiver = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = receiver.Url, format = "channels", secret = "channels-signing-key-0123" });
        return receiver;
    }

    private static List<JsonObject> Events(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!).SelectMany(n => n is JsonArray a ? a.Select(e => e!.AsObject()) : [n.AsObject()])];

    private static List<JsonObject> Named(WebhookReceiver receiver, string name) => [.. Events(receiver).Where(e => e["event"]!.GetValue<string>() == name)];

    [Fact]
    public async Task GroupEventsAreNotPostedAndAParticipantsPostIsAnIncomingMessageFromThemNamingTheGroup()
    {
        await using var receiver = await SubscribeAsync();
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.RenameAsync(Client, group, "Watch Collectors");
        await GroupWebhookKit.SuspendAsync(Parley, group);

        var wamid = await GroupWebhookKit.PostAsync(Parley, group, Ana, "Is the meetup still on?");

        // A subscription's events go in order: the post came after the four group events were passed over.
        var received = await Eventually.Get(() => Events(receiver), e => e.Count >= 1);
        var inbound = received.ShouldHaveSingleItem();
        inbound["event"]!.GetValue<string>().ShouldBe("whatsapp.inbound");
        var payload = inbound["payload"]!;
        payload["direction"]!.GetValue<string>().ShouldBe("incoming");
        payload["sender"]!["contact"]!["identifierKey"]!.GetValue<string>().ShouldBe("phonenumber");
        payload["sender"]!["contact"]!["identifierValue"]!.GetValue<string>().ShouldBe("+" + Ana);
        payload["meta"]!["extraInformation"]!["whatsappgroupid"]!.GetValue<string>().ShouldBe(group.Id);
        payload["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Is the meetup still on?");
        payload["parts"]![0]!["platformReference"]!.GetValue<string>().ShouldBe(wamid);

        // The reads show it the same way.
        var (status, message) = await GetAsync(Channels, $"{MessagesPath}/{payload["id"]}");
        status.ShouldBe(HttpStatusCode.OK);
        JsonNode.DeepEquals(message["sender"], payload["sender"]).ShouldBeTrue(message.ToJsonString());
        message["meta"]!["extraInformation"]!["whatsappgroupid"]!.GetValue<string>().ShouldBe(group.Id);
    }

    [Fact]
    public async Task AMessageSentToAGroupHasTheGroupAsReceiverAndReportsEachStatusOnceWhateverItsParticipantsReport()
    {
        await using var receiver = await SubscribeAsync();
        var group = await GroupWebhookKit.CreateAsync(Parley, Client);
        await GroupWebhookKit.JoinAsync(Parley, group, Ana);
        await GroupWebhookKit.JoinAsync(Parley, group, Ben);

        var wamid = await GroupWebhookKit.SendAsync(Client, group);
        await Eventually.Get(() => Named(receiver, "whatsapp.outbound"), e => e.Count >= 1);
        await GroupWebhookKit.ReportAsync(Parley, wamid, MessageStatus.Delivered, Ana);
        await GroupWebhookKit.ReportAsync(Parley, wamid, MessageStatus.Delivered, Ben, TimeSpan.FromSeconds(2));
        await GroupWebhookKit.ReportAsync(Parley, wamid, MessageStatus.Read, Ben, TimeSpan.FromSeconds(4));
        await GroupWebhookKit.ReportAsync(Parley, wamid, MessageStatus.Read, Ana, TimeSpan.FromSeconds(6));
        // Events go in order: once this post is in, every status event that will come has come.
        await GroupWebhookKit.PostAsync(Parley, group, Ana, "marker");
        await Eventually.Get(() => Named(receiver, "whatsapp.inbound"), e => e.Count >= 1);

        var outbound = Named(receiver, "whatsapp.outbound");
        outbound.Select(e => e["payload"]!["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered"]);
        foreach (var payload in outbound.Select(e => e["payload"]!))
        {
            payload["parts"]![0]!["platformReference"]!.GetValue<string>().ShouldBe(wamid);
            var contact = payload["receiver"]!["contacts"]!.AsArray().ShouldHaveSingleItem()!;
            contact["identifierKey"]!.GetValue<string>().ShouldBe("whatsappgroupid");
            contact["identifierValue"]!.GetValue<string>().ShouldBe(group.Id);
        }
        var read = Named(receiver, "whatsapp.interaction").ShouldHaveSingleItem();
        read["payload"]!["type"]!.GetValue<string>().ShouldBe("read");
        read["payload"]!["receiver"]!["contacts"]![0]!["identifierValue"]!.GetValue<string>().ShouldBe(group.Id);
    }
}
