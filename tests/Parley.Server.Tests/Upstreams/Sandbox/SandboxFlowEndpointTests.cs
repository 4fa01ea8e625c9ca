using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Flows;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// The sandbox plays WhatsApp's side of a flow with an endpoint (Meta, "Implementing Endpoint for Flows") against a
/// real business endpoint (<see cref="FlowEndpointKit"/>): the health check before publishing, INIT, data_exchange per
/// screen, BACK on a screen with <c>refresh_on_back</c>, SUCCESS → <c>nfm_reply</c>; a failing endpoint fails the
/// user's flow as Meta reports it and sends the <c>ENDPOINT_ERROR_RATE</c> alert.
/// </summary>
public sealed class SandboxFlowEndpointTests : SandboxFlowTest
{
    private const string EncryptionPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_encryption";

    /// <summary>PICK (slots from the endpoint) → DETAILS (refreshed on back) → SUMMARY (terminal), every step a data exchange.</summary>
    private const string BookingFlowJson = """
        {
          "version": "7.3",
          "data_api_version": "3.0",
          "routing_model": { "PICK": ["DETAILS"], "DETAILS": ["SUMMARY"], "SUMMARY": [] },
          "screens": [
            {
              "id": "PICK", "title": "Pick a slot",
              "data": { "slots": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "title": { "type": "string" } } },
                                   "__example__": [ { "id": "09", "title": "09:00" } ] } },
              "layout": { "type": "SingleColumnLayout", "children": [
                { "type": "Dropdown", "name": "slot", "label": "Slot", "data-source": "${data.slots}", "required": true },
                { "type": "Footer", "label": "Next", "on-click-action": { "name": "data_exchange", "payload": { "slot": "${form.slot}" } } }
              ] }
            },
            {
              "id": "DETAILS", "title": "Your name", "refresh_on_back": true,
              "data": { "slot": { "type": "string", "__example__": "09" } },
              "layout": { "type": "SingleColumnLayout", "children": [
                { "type": "TextInput", "name": "name", "label": "Name", "required": true },
                { "type": "Footer", "label": "Next", "on-click-action": { "name": "data_exchange", "payload": { "name": "${form.name}", "slot": "${data.slot}" } } }
              ] }
            },
            {
              "id": "SUMMARY", "title": "Summary", "terminal": true,
              "data": { "summary": { "type": "string", "__example__": "Ana at 09" } },
              "layout": { "type": "SingleColumnLayout", "children": [
                { "type": "TextBody", "text": "${data.summary}" },
                { "type": "Footer", "label": "Book", "on-click-action": { "name": "data_exchange", "payload": { "confirm": true } } }
              ] }
            }
          ]
        }
        """;

    private FlowEndpointKit _kit = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _kit = await FlowEndpointKit.StartAsync();
        _kit.AppSecret = ParleyFactory.AppSecret;
        _kit.Script = Booking;
    }

    public override async Task DisposeAsync()
    {
        await _kit.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>The business logic of the booking endpoint.</summary>
    private static object Booking(FlowEndpointRequest request) => (request.Action, request.Screen) switch
    {
        ("ping", _) => new JsonObject { ["data"] = new JsonObject { ["status"] = "active" } },
        ("INIT", _) => Screen("PICK", new JsonObject { ["slots"] = new JsonArray(Slot("09", "09:00"), Slot("10", "10:30")) }),
        ("BACK", "DETAILS") => Screen("PICK", new JsonObject { ["slots"] = new JsonArray(Slot("11", "11:00")) }),
        ("data_exchange", "PICK") => Screen("DETAILS", new JsonObject { ["slot"] = request.Data!["slot"]!.DeepClone() }),
        ("data_exchange", "DETAILS") => Screen("SUMMARY", new JsonObject { ["summary"] = $"{request.Data!["name"]} at {request.Data["slot"]}" }),
        ("data_exchange", "SUMMARY") => Screen("SUCCESS", new JsonObject
        {
            ["extension_message_response"] = new JsonObject
            {
                ["params"] = new JsonObject { ["flow_token"] = request.FlowToken, ["booking"] = "B-1" },
            },
        }),
        _ => new FlowEndpointStatus(400),
    };

    private static JsonObject Screen(string screen, JsonObject data) => new() { ["version"] = "3.0", ["screen"] = screen, ["data"] = data };

    private static JsonObject Slot(string id, string title) => new() { ["id"] = id, ["title"] = title };

    private async Task UploadKeyAsync()
    {
        using var response = await Client.PostAsync(EncryptionPath, new FormUrlEncodedContent([new("business_public_key", _kit.PublicKeyPem)]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The key uploaded, the booking flow published against the kit, sent with <c>flow_action: data_exchange</c>; the flow message's wamid.</summary>
    private async Task<(string FlowId, string Wamid)> SendBookingAsync()
    {
        await UploadKeyAsync();
        var flowId = await CreateFlowAsync(BookingFlowJson, _kit.Url);
        return (flowId, await SendFlowAsync(flowId, "booking-7", new { flow_action = "data_exchange" }));
    }

    [Fact]
    public async Task PublishingAnEndpointFlowPingsTheEndpointAndAnUnhealthyOneIsEndpointNotAvailable()
    {
        var noKey = await Flows.CreateAsync(ParleyFactory.WabaId, new FlowDraft("no-key", ["OTHER"], _kit.Url, null, BookingFlowJson, Publish: true), CancellationToken.None);
        noKey.Value!.PublishError!.Code.ShouldBe(139002);
        noKey.Value.PublishError.Details.ShouldContain("Missing Flows Signed Public Key");
        await UploadKeyAsync();

        await CreateFlowAsync(BookingFlowJson, _kit.Url);
        var ping = _kit.Requests.ShouldHaveSingleItem();
        ping.Payload.ToJsonString().ShouldBe("""{"version":"3.0","action":"ping"}""");
        ping.Signature.ShouldStartWith("sha256=");

        _kit.Fault = FlowEndpointFault.Status;
        var unhealthy = await Flows.CreateAsync(ParleyFactory.WabaId, new FlowDraft("unhealthy", ["OTHER"], _kit.Url, null, BookingFlowJson, Publish: true), CancellationToken.None);
        unhealthy.Value!.PublishError!.Code.ShouldBe(139002);
        unhealthy.Value.PublishError.Details.ShouldContain("Endpoint Not Available");
        unhealthy.Value.PublishError.Details.ShouldContain("HTTP 500");
        unhealthy.Value.Flow.Status.ShouldBe("DRAFT");
    }

    [Fact]
    public async Task InitThenTwoDataExchangesThenSuccessDeliversTheNfmReplyWithTheEndpointsParams()
    {
        var (_, wamid) = await SendBookingAsync();

        var pick = await StepAsync("open", new { message_id = wamid });
        pick["screen"]!["id"]!.GetValue<string>().ShouldBe("PICK");
        pick["screen"]!["data"]!["slots"]!.AsArray().Count.ShouldBe(2);
        var details = await StepAsync("submit", new { session = pick["session"]!.GetValue<string>(), form = new { slot = "10" } });
        details["screen"]!["id"]!.GetValue<string>().ShouldBe("DETAILS");
        details["screen"]!["data"]!.ToJsonString().ShouldBe("""{"slot":"10"}""");
        var summary = await StepAsync("submit", new { session = details["session"]!.GetValue<string>(), form = new { name = "Ana" } });
        summary["screen"]!["id"]!.GetValue<string>().ShouldBe("SUMMARY");
        summary["screen"]!["data"]!["summary"]!.GetValue<string>().ShouldBe("Ana at 10");
        var done = await StepAsync("submit", new { session = summary["session"]!.GetValue<string>() });

        done["state"]!.GetValue<string>().ShouldBe("completed");
        done["response_json"]!.GetValue<string>().ShouldBe("""{"flow_token":"booking-7","booking":"B-1"}""");
        var reply = await NfmReplyAsync(wamid);
        reply["interactive"]!["nfm_reply"]!["response_json"]!.GetValue<string>().ShouldBe("""{"flow_token":"booking-7","booking":"B-1"}""");
        reply["id"]!.GetValue<string>().ShouldBe(done["message_id"]!.GetValue<string>());
        _kit.Requests.Skip(1).Select(r => r.Payload.ToJsonString()).ShouldBe([
            """{"version":"3.0","action":"INIT","flow_token":"booking-7"}""",
            """{"version":"3.0","action":"data_exchange","screen":"PICK","data":{"slot":"10"},"flow_token":"booking-7"}""",
            """{"version":"3.0","action":"data_exchange","screen":"DETAILS","data":{"name":"Ana","slot":"10"},"flow_token":"booking-7"}""",
            """{"version":"3.0","action":"data_exchange","screen":"SUMMARY","data":{"confirm":true},"flow_token":"booking-7"}""",
        ]);
    }

    [Fact]
    public async Task BackFromAScreenThatRefreshesOnBackAsksTheEndpointForThePreviousScreen()
    {
        var (_, wamid) = await SendBookingAsync();
        var pick = await StepAsync("open", new { message_id = wamid });
        var details = await StepAsync("submit", new { session = pick["session"]!.GetValue<string>(), form = new { slot = "09" } });

        var back = await StepAsync("back", new { session = details["session"]!.GetValue<string>() });

        back["screen"]!["id"]!.GetValue<string>().ShouldBe("PICK");
        back["screen"]!["data"]!["slots"]!.ToJsonString().ShouldBe("""[{"id":"11","title":"11:00"}]""");
        _kit.Requests.Last().Payload.ToJsonString().ShouldBe("""{"version":"3.0","action":"BACK","screen":"DETAILS","flow_token":"booking-7"}""");
        // One screen deep again: back once more closes the flow.
        (await StepAsync("back", new { session = back["session"]!.GetValue<string>() }))["state"]!.GetValue<string>().ShouldBe("closed");
    }

    [Fact]
    public async Task AnEndpointThatCannotDecryptFailsTheFlowAfterARetryAndRaisesTheErrorRateAlertUntilItRecovers()
    {
        var (flowId, wamid) = await SendBookingAsync();
        _kit.Fault = FlowEndpointFault.WrongKey;

        var failed = await StepAsync("open", new { message_id = wamid });

        failed["state"]!.GetValue<string>().ShouldBe("closed");
        failed.ContainsKey("session").ShouldBeFalse();
        failed["error"]!["http_status"]!.GetValue<int>().ShouldBe(421);
        failed["error"]!["error"]!.GetValue<string>().ShouldBe("endpoint_error");
        var activated = (await Eventually.Get(() => Alerts(flowId), a => a.Count > 0)).ShouldHaveSingleItem();
        activated["alert_state"]!.GetValue<string>().ShouldBe("ACTIVATED");
        activated["threshold"]!.GetValue<int>().ShouldBe(50);
        activated["error_rate"]!.GetValue<double>().ShouldBe(100);
        activated["errors"]!.ToJsonString().ShouldBe("""[{"error_type":"unexpected_http_status_code","error_rate":100,"error_count":1}]""");

        // The alert went out with the first 421; the retry kept it at 50 %. The business fixes its key: 2 errors in 5 requests is 40 %, below the 50 % announced, above 10 %.
        _kit.Fault = FlowEndpointFault.None;
        var pick = await StepAsync("open", new { message_id = wamid });
        var details = await StepAsync("submit", new { session = pick["session"]!.GetValue<string>(), form = new { slot = "09" } });
        await StepAsync("submit", new { session = details["session"]!.GetValue<string>(), form = new { name = "Ana" } });
        var alerts = await Eventually.Get(() => Alerts(flowId), a => a.Count >= 3);
        alerts.Select(a => $"{a["alert_state"]} {a["threshold"]}").ShouldBe(["ACTIVATED 50", "DEACTIVATED 50", "ACTIVATED 10"]);
        alerts[1]["error_rate"]!.GetValue<double>().ShouldBe(40);
    }

    [Fact]
    public async Task AStaleFlowTokenClosesTheFlowAndAServerErrorLeavesTheUserOnTheScreen()
    {
        var (_, wamid) = await SendBookingAsync();
        var pick = await StepAsync("open", new { message_id = wamid });
        var session = pick["session"]!.GetValue<string>();

        _kit.Fault = FlowEndpointFault.Status;
        var error = await StepAsync("submit", new { session, form = new { slot = "09" } });
        error["state"]!.GetValue<string>().ShouldBe("error");
        error["screen"]!["id"]!.GetValue<string>().ShouldBe("PICK");
        error["error"]!["http_status"]!.GetValue<int>().ShouldBe(500);

        _kit.Fault = FlowEndpointFault.None;
        _kit.Script = _ => new FlowEndpointStatus(427);
        var closed = await StepAsync("submit", new { session = error["session"]!.GetValue<string>(), form = new { slot = "09" } });
        closed["state"]!.GetValue<string>().ShouldBe("closed");
        closed["error"]!["error"]!.GetValue<string>().ShouldBe("flow_token_invalid");
        closed["error"]!["http_status"]!.GetValue<int>().ShouldBe(427);
        Messages(Receiver).ShouldNotContain(m => m["type"]!.GetValue<string>() == "interactive");
    }

    [Fact]
    public async Task AnEndpointAnswerOffTheRoutingModelIsAnErrorAndTheUserStaysOnTheScreen()
    {
        var (_, wamid) = await SendBookingAsync();
        var pick = await StepAsync("open", new { message_id = wamid });
        _kit.Script = _ => Screen("SUMMARY", new JsonObject { ["summary"] = "skipped DETAILS" });

        var error = await StepAsync("submit", new { session = pick["session"]!.GetValue<string>(), form = new { slot = "09" } });

        error["state"]!.GetValue<string>().ShouldBe("error");
        error["error"]!["error"]!.GetValue<string>().ShouldBe("invalid_response");
        error["error"]!["message"]!.GetValue<string>().ShouldContain("no route from 'PICK' to 'SUMMARY'");
        error["screen"]!["id"]!.GetValue<string>().ShouldBe("PICK");
        // WhatsApp's client tells the endpoint what it could not use.
        var notification = _kit.Requests.Last();
        notification.Action.ShouldBe("data_exchange");
        notification.Screen.ShouldBe("PICK");
        notification.Data!["error"]!.GetValue<string>().ShouldBe("INVALID_SCREEN_TRANSITION");
        notification.Data["error_message"]!.GetValue<string>().ShouldContain("no route from 'PICK' to 'SUMMARY'");
    }

    private List<JsonObject> Alerts(string flowId) =>
        [.. FlowEvents(Receiver).Where(e => e["flow_id"]!.GetValue<string>() == flowId && e["event"]!.GetValue<string>() == "ENDPOINT_ERROR_RATE")];
}
