using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// A simulated user plays a flow without endpoint (docs/flows.md, "Completing flows in the sandbox"): opens the flow
/// message, navigates by the Flow JSON, completes with the terminal screen's payload; the business receives the
/// <c>nfm_reply</c> in every webhook format. Wrong payloads, missing fields and flows that cannot be opened are refused.
/// </summary>
public sealed class SandboxFlowTests : SandboxFlowTest
{
    private const string ExpectedResponse = """{"flow_token":"signup-42","customer":"Ana","size":"m","source":"sandbox"}""";

    /// <summary>Opens the flow message and fills DETAILS; answers the CONFIRM screen.</summary>
    private async Task<JsonObject> ToConfirmAsync(string wamid)
    {
        var opened = await StepAsync("open", new { message_id = wamid });
        opened["state"]!.GetValue<string>().ShouldBe("open");
        opened["screen"]!["id"]!.GetValue<string>().ShouldBe("DETAILS");
        opened["screen"]!["fields"]![0]!["name"]!.GetValue<string>().ShouldBe("name");
        opened["screen"]!["actions"]![0]!["name"]!.GetValue<string>().ShouldBe("navigate");
        var confirm = await StepAsync("submit", new { session = opened["session"]!.GetValue<string>(), form = new { name = "Ana" } });
        confirm["screen"]!["id"]!.GetValue<string>().ShouldBe("CONFIRM");
        confirm["screen"]!["terminal"]!.GetValue<bool>().ShouldBeTrue();
        confirm["screen"]!["data"]!.ToJsonString().ShouldBe("""{"name":"Ana"}""");
        return confirm;
    }

    [Fact]
    public async Task AUserCompletesAFlowWithoutEndpointAndTheBusinessReceivesTheNfmReplyWithTheCompletePayloadAndFlowToken()
    {
        var flowId = await CreateFlowAsync(SignUpFlowJson);
        var wamid = await SendFlowAsync(flowId, "signup-42");

        var confirm = await ToConfirmAsync(wamid);
        var done = await StepAsync("submit", new { session = confirm["session"]!.GetValue<string>(), form = new { size = "m" } });

        done["state"]!.GetValue<string>().ShouldBe("completed");
        done["response_json"]!.GetValue<string>().ShouldBe(ExpectedResponse);
        done.ContainsKey("session").ShouldBeFalse();
        var replyId = done["message_id"]!.GetValue<string>();
        var reply = await NfmReplyAsync(wamid);
        reply["id"]!.GetValue<string>().ShouldBe(replyId);
        reply["from"]!.GetValue<string>().ShouldBe(User);
        reply["type"]!.GetValue<string>().ShouldBe("interactive");
        reply["context"]!.ToJsonString().ShouldBe($$"""{"from":"{{ParleyFactory.DisplayPhoneNumber}}","id":"{{wamid}}"}""");
        reply["interactive"]!.ToJsonString().ShouldBe(new JsonObject
        {
            ["type"] = "nfm_reply",
            ["nfm_reply"] = new JsonObject { ["name"] = "flow", ["body"] = "Sent", ["response_json"] = ExpectedResponse },
        }.ToJsonString());
    }

    [Fact]
    public async Task TheNfmReplyReachesOneMsgAndChannelsWebhooksWithTheResponseJson()
    {
        await using var onemsg = await WebhookReceiver.StartAsync();
        await using var channels = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = onemsg.Url, format = "onemsg" });
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = channels.Url, format = "channels", secret = "flows-channels-key-0123" });
        var flowId = await CreateFlowAsync(SignUpFlowJson);
        var wamid = await SendFlowAsync(flowId, "signup-42");
        var confirm = await ToConfirmAsync(wamid);

        var done = await StepAsync("submit", new { session = confirm["session"]!.GetValue<string>(), form = new { size = "m" }, response = new { customer = "Ana", size = "m", source = "sandbox" } });
        var replyId = done["message_id"]!.GetValue<string>();

        var oneMsgMessage = (await Eventually.Get(() => OneMsgMessages(onemsg, replyId), m => m.Count > 0)).ShouldHaveSingleItem();
        oneMsgMessage["type"]!.GetValue<string>().ShouldBe("interactive");
        oneMsgMessage["body"]!.GetValue<string>().ShouldBe(ExpectedResponse);
        oneMsgMessage["quotedMsgId"]!.GetValue<string>().ShouldBe(wamid);
        oneMsgMessage["fromMe"]!.GetValue<bool>().ShouldBeFalse();

        var inbound = (await Eventually.Get(() => ChannelsInbound(channels), m => m.Count > 0)).ShouldHaveSingleItem();
        inbound["body"]!["type"]!.GetValue<string>().ShouldBe("text");
        inbound["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe(ExpectedResponse);
    }

    [Fact]
    public async Task ACompletionPayloadThatIsNotTheFlowsIsRefusedAndNothingIsDelivered()
    {
        var flowId = await CreateFlowAsync(SignUpFlowJson);
        var wamid = await SendFlowAsync(flowId, "signup-42");
        var confirm = await ToConfirmAsync(wamid);
        var session = confirm["session"]!.GetValue<string>();

        var (status, refused) = await SimulateAsync("submit", new { session, form = new { size = "m" }, response = new { customer = "Bob", size = "m", source = "sandbox" } });
        status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(131009);
        refused.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("\"customer\":\"Ana\"");

        var (missingStatus, missing) = await SimulateAsync("submit", new { session, form = new { } });
        missingStatus.ShouldBe(HttpStatusCode.BadRequest);
        missing.Code().ShouldBe(131008);
        missing.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("'size'");

        // The session still works: the right answer completes the flow, once.
        var done = await StepAsync("submit", new { session, form = new { size = "m" } });
        done["response_json"]!.GetValue<string>().ShouldBe(ExpectedResponse);
        (await NfmReplyAsync(wamid))["id"]!.GetValue<string>().ShouldBe(done["message_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task BackReturnsToThePreviousScreenAndOnTheFirstScreenClosesTheFlow()
    {
        var flowId = await CreateFlowAsync(SignUpFlowJson);
        var wamid = await SendFlowAsync(flowId, "signup-42");
        var confirm = await ToConfirmAsync(wamid);

        var details = await StepAsync("back", new { session = confirm["session"]!.GetValue<string>() });
        details["state"]!.GetValue<string>().ShouldBe("open");
        details["screen"]!["id"]!.GetValue<string>().ShouldBe("DETAILS");
        var closed = await StepAsync("back", new { session = details["session"]!.GetValue<string>() });
        closed["state"]!.GetValue<string>().ShouldBe("closed");
    }

    [Fact]
    public async Task AUserCompletesTheFlowOfATemplatesFlowButtonWithTheSendsFlowToken()
    {
        var flowId = await CreateFlowAsync(SignUpFlowJson);
        await TemplateApi.CreateApprovedAsync(Client, FlowButtonTemplate("sign_up_flow", "en_US", flowId));
        var wamid = await CloudApi.SendOkAsync(Client, FlowButtonTemplateSend("sign_up_flow", "template-9"));

        var confirm = await ToConfirmAsync(wamid);
        confirm["flow_token"]!.GetValue<string>().ShouldBe("template-9");
        var done = await StepAsync("submit", new { session = confirm["session"]!.GetValue<string>(), form = new { size = "s" } });

        done["response_json"]!.GetValue<string>().ShouldBe("""{"flow_token":"template-9","customer":"Ana","size":"s","source":"sandbox"}""");
        (await NfmReplyAsync(wamid))["interactive"]!["nfm_reply"]!["response_json"]!.GetValue<string>().ShouldBe(done["response_json"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADraftFlowOpensOnlyFromADraftModeMessage()
    {
        var flowId = await CreateFlowAsync(SignUpFlowJson, publish: false);
        var draftMessage = await SendFlowAsync(flowId, "draft-1", mode: "draft");

        var opened = await StepAsync("open", new { message_id = draftMessage });
        opened["screen"]!["id"]!.GetValue<string>().ShouldBe("DETAILS");
        opened["flow_token"]!.GetValue<string>().ShouldBe("draft-1");
    }

    [Fact]
    public async Task WhatsAppBlocksAndRestoresAFlowWithStatusWebhooksAndABlockedOrDeprecatedFlowCannotBeOpened()
    {
        var flowId = await CreateFlowAsync(SignUpFlowJson);
        var wamid = await SendFlowAsync(flowId, "signup-42");
        var opened = await StepAsync("open", new { message_id = wamid });

        var (blockStatus, blocked) = await Tenants.PostAsync(Admin, $"/sandbox/flows/{flowId}/status", new { status = "BLOCKED" });
        blockStatus.ShouldBe(HttpStatusCode.OK, blocked.ToJsonString());
        blocked["status"]!.GetValue<string>().ShouldBe("BLOCKED");
        var (openStatus, refused) = await SimulateAsync("open", new { message_id = wamid });
        openStatus.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(132068);
        var (submitStatus, stopped) = await SimulateAsync("submit", new { session = opened["session"]!.GetValue<string>(), form = new { name = "Ana" } });
        submitStatus.ShouldBe(HttpStatusCode.BadRequest);
        stopped.Code().ShouldBe(132068);

        var (restoreStatus, restored) = await Tenants.PostAsync(Admin, $"/sandbox/flows/{flowId}/status", new { status = "PUBLISHED" });
        restoreStatus.ShouldBe(HttpStatusCode.OK, restored.ToJsonString());
        (await StepAsync("open", new { message_id = wamid }))["screen"]!["id"]!.GetValue<string>().ShouldBe("DETAILS");
        var changes = await Eventually.Get(() => FlowEvents(Receiver).Where(e => e["flow_id"]!.GetValue<string>() == flowId).ToList(), e => e.Count >= 3);
        changes.Select(e => $"{e["old_status"]}->{e["new_status"]}").ShouldBe(["DRAFT->PUBLISHED", "PUBLISHED->BLOCKED", "BLOCKED->PUBLISHED"]);
        changes.ShouldAllBe(e => e["event"]!.GetValue<string>() == "FLOW_STATUS_CHANGE");

        (await Flows.DeprecateAsync(ParleyFactory.WabaId, flowId, CancellationToken.None)).ShouldBeNull();
        var (deprecatedStatus, deprecated) = await SimulateAsync("open", new { message_id = wamid });
        deprecatedStatus.ShouldBe(HttpStatusCode.BadRequest);
        deprecated.Code().ShouldBe(131009);
        deprecated.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("DEPRECATED");
    }

    [Fact]
    public async Task OpeningAMessageThatIsNoFlowOrAForgedSessionIsRefused()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var text = await CloudApi.SendOkAsync(Client, CloudApi.Text(User));

        var (status, body) = await SimulateAsync("open", new { message_id = text });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131009);
        var (forgedStatus, forged) = await SimulateAsync("submit", new { session = "bm90IGEgc2Vzc2lvbg", form = new { } });
        forgedStatus.ShouldBe(HttpStatusCode.BadRequest);
        forged.Code().ShouldBe(131009);
        var (unknownStatus, unknown) = await Tenants.PostAsync(Admin, "/sandbox/flows/999999/status", new { status = "BLOCKED" });
        unknownStatus.ShouldBe(HttpStatusCode.NotFound, unknown.ToJsonString());
    }

    private static List<JsonObject> OneMsgMessages(WebhookReceiver receiver, string id) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!)
            .SelectMany(b => b["messages"]?.AsArray() ?? [])
            .Select(m => m!.AsObject())
            .Where(m => m["id"]?.GetValue<string>() == id)];

    private static List<JsonObject> ChannelsInbound(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!)
            .SelectMany(n => n is JsonArray a ? a.Select(e => e!.AsObject()) : [n.AsObject()])
            .Where(e => e["event"]!.GetValue<string>() == "whatsapp.inbound")
            .Select(e => e["payload"]!.AsObject())
            .Where(p => p["body"]?["type"] is not null && p["body"]!["text"]?["text"]?.GetValue<string>() is { } t && t.Contains("flow_token", StringComparison.Ordinal))];
}
