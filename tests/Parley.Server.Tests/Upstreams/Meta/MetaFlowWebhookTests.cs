using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Meta's <c>flows</c> webhooks move Parley's copy of the flow and reach the business as Meta sent them; a user's
/// completed flow (<c>nfm_reply</c>) reaches the business in each format, answering Parley's flow message.
/// </summary>
public sealed class MetaFlowWebhookTests : MetaFlowTestBase
{
    [Fact]
    public async Task MetasFlowsWebhooksMoveTheCopyAndReachTheBusinessOnce()
    {
        var ct = CancellationToken.None;
        var now = DateTimeOffset.UtcNow;
        var flow = new Flow("5551234567890123", ParleyFactory.WabaId, "Booking", ["APPOINTMENT_BOOKING"], FlowStatuses.Published, null, [], "7.3", "3.0",
            "https://example.com/flow", null, null, now, now);
        (await Flows.CreateAsync(flow, ct)).ShouldBe(FlowCreateOutcome.Created);
        var throttled = StatusChange(flow.Id, FlowStatuses.Published, FlowStatuses.Throttled);
        var alert = new JsonObject
        {
            ["event"] = "ENDPOINT_ERROR_RATE",
            ["message"] = "The endpoint error rate has reached the 10% threshold in the last 60 minutes.",
            ["flow_id"] = flow.Id, ["error_rate"] = 14.28, ["threshold"] = 10, ["alert_state"] = "ACTIVATED",
            ["errors"] = new JsonArray(new JsonObject { ["error_type"] = "timeout_error", ["error_rate"] = 66.66, ["error_count"] = 2 }),
        };
        var notCopied = StatusChange("5550000000000077", FlowStatuses.Draft, FlowStatuses.Published);

        await DeliverFlowsAsync(throttled);
        await DeliverFlowsAsync(throttled); // Meta's redelivery
        await DeliverFlowsAsync(alert, notCopied);

        var events = await FlowEventsAsync(3);
        JsonNode.DeepEquals(new JsonArray([.. events.Select(e => e.DeepClone())]), new JsonArray(throttled.DeepClone(), alert.DeepClone(), notCopied.DeepClone()))
            .ShouldBeTrue(string.Join('\n', events.Select(e => e.ToJsonString())));
        (await Flows.GetAsync(flow.Id, ct))!.Status.ShouldBe(FlowStatuses.Throttled);
        (await Flows.GetAsync("5550000000000077", ct)).ShouldBeNull();

        // A flows webhook not signed with the channel's app secret changes nothing.
        using var client = Parley.CreateClient();
        var forged = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = MetaWabaId,
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "flows", ["value"] = StatusChange(flow.Id, FlowStatuses.Throttled, FlowStatuses.Blocked) }),
            }),
        }.ToJsonString();
        (await MetaChannels.PostWebhookAsync(client, forged, "another-secret")).ShouldBe(HttpStatusCode.Forbidden);
        (await Flows.GetAsync(flow.Id, ct))!.Status.ShouldBe(FlowStatuses.Throttled);
        FlowEventsReceived().Count.ShouldBe(3);
    }

    [Fact]
    public async Task AnNfmReplyFromMetaReachesTheBusinessInCloudApiAndOneMsgAnsweringTheFlowMessage()
    {
        const string user = "16505550199";
        using var admin = Parley.CreateAdminClient();
        await using var cloudapi = await WebhookReceiver.StartAsync();
        await using var onemsg = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(admin, $"/admin/channels/{Channel.PhoneNumberId}/webhooks", new { url = cloudapi.Url });
        await Tenants.PostCreatedAsync(admin, $"/admin/channels/{Channel.PhoneNumberId}/webhooks", new { url = onemsg.Url, format = "onemsg" });
        using var webhookClient = Parley.CreateClient();
        (await MetaChannels.PostWebhookAsync(webhookClient, MetaChannels.InboundWebhook(Channel.UpstreamPhoneNumberId, "wamid.user-1", user, "Book me in")))
            .ShouldBe(HttpStatusCode.OK);
        await Eventually.Get(() => cloudapi.Messages(), m => m.Count >= 1, TimeSpan.FromSeconds(15));

        // The business sends a published flow of its copy; Meta gives the message its wamid.
        var now = DateTimeOffset.UtcNow;
        (await Flows.CreateAsync(new Flow("5551234567890123", ParleyFactory.WabaId, "Booking", ["APPOINTMENT_BOOKING"], FlowStatuses.Published,
            null, [], "7.3", null, null, null, null, now, now), CancellationToken.None)).ShouldBe(FlowCreateOutcome.Created);
        using var channelClient = Parley.CreateChannelClient(Channel.Token);
        var flowMessageId = await CloudApi.SendOkAsync(channelClient, new
        {
            messaging_product = "whatsapp", to = user, type = "interactive",
            interactive = new
            {
                type = "flow", body = new { text = "Book an appointment" },
                action = new { name = "flow", parameters = new { flow_message_version = "3", flow_id = "5551234567890123", flow_cta = "Book" } },
            },
        }, path: Channel.MessagesPath);
        var call = (await Eventually.Get(() => Graph.Calls, c => c.Count >= 1, TimeSpan.FromSeconds(15)))[0];
        call.Body["interactive"]!["type"]!.GetValue<string>().ShouldBe("flow");
        var upstreamIds = Parley.Services.GetRequiredService<IUpstreamMessageIds>();
        await Eventually.Get(() => upstreamIds.FindUpstreamAsync(Channel.PhoneNumberId, [flowMessageId], CancellationToken.None), ids => ids.Count == 1, TimeSpan.FromSeconds(15));

        // The user completes it: Meta's nfm_reply answers Meta's wamid of the flow message.
        const string responseJson = """{"screen_0_date_0":"2026-12-24","flow_token":"booking-42"}""";
        var message = new JsonObject
        {
            ["context"] = new JsonObject { ["from"] = "15550004444", ["id"] = GraphAnswer.Wamid(call) },
            ["from"] = user,
            ["id"] = "wamid.user-2",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "interactive",
            ["interactive"] = new JsonObject
            {
                ["type"] = "nfm_reply",
                ["nfm_reply"] = new JsonObject { ["name"] = "flow", ["body"] = "Sent", ["response_json"] = responseJson },
            },
        };
        var webhook = MetaChannels.Envelope(Channel.UpstreamPhoneNumberId, new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Meta User" }, ["wa_id"] = user }),
            ["messages"] = new JsonArray(message),
        });
        (await MetaChannels.PostWebhookAsync(webhookClient, webhook)).ShouldBe(HttpStatusCode.OK);

        var reply = (await Eventually.Get(() => cloudapi.Messages().Where(m => m["id"]!.GetValue<string>() == "wamid.user-2").ToList(), m => m.Count >= 1, TimeSpan.FromSeconds(15)))[0];
        reply["type"]!.GetValue<string>().ShouldBe("interactive");
        JsonNode.DeepEquals(reply["interactive"], message["interactive"]).ShouldBeTrue(reply.ToJsonString());
        reply["context"]!["id"]!.GetValue<string>().ShouldBe(flowMessageId);
        reply["context"]!["from"]!.GetValue<string>().ShouldBe("15550004444");

        var item = (await Eventually.Get(
            () => onemsg.Received.SelectMany(r => r.Json["messages"]?.AsArray() ?? []).Where(m => m!["id"]!.GetValue<string>() == "wamid.user-2").ToList(),
            m => m.Count >= 1, TimeSpan.FromSeconds(15)))[0]!;
        (item["type"]!.GetValue<string>(), item["body"]!.GetValue<string>(), item["quotedMsgId"]!.GetValue<string>())
            .ShouldBe(("interactive", responseJson, flowMessageId));

    }
}
