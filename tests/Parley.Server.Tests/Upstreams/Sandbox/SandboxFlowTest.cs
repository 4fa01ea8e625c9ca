using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Flows;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// A subscribed Parley with the helpers of the sandbox's flow tests: the business creates and publishes a flow (through
/// Parley's own flow manager), sends it in an interactive flow message, and a simulated user plays it through the
/// simulator (<c>/sandbox/channels/{id}/flows/…</c>); the Cloud API webhooks' messages and <c>flows</c> changes are read back.
/// </summary>
public abstract class SandboxFlowTest : SubscribedParleyTest
{
    protected const string User = "16505553301";
    protected const string SimulatorPath = $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/flows";

    /// <summary>
    /// A two-screen flow without endpoint: DETAILS asks the name and navigates to CONFIRM with it; CONFIRM asks a size
    /// and completes with the name, the size and a constant.
    /// </summary>
    protected const string SignUpFlowJson = """
        {
          "version": "7.3",
          "screens": [
            {
              "id": "DETAILS",
              "title": "Your details",
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextInput", "name": "name", "label": "Name", "required": true },
                  { "type": "Footer", "label": "Next",
                    "on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "CONFIRM" }, "payload": { "name": "${form.name}" } } }
                ]
              }
            },
            {
              "id": "CONFIRM",
              "title": "Confirm",
              "terminal": true,
              "data": { "name": { "type": "string", "__example__": "Ana" } },
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextBody", "text": "${data.name}" },
                  { "type": "RadioButtonsGroup", "name": "size", "label": "Size", "required": true,
                    "data-source": [ { "id": "s", "title": "Small" }, { "id": "m", "title": "Medium" } ] },
                  { "type": "Footer", "label": "Done",
                    "on-click-action": { "name": "complete", "payload": { "customer": "${data.name}", "size": "${form.size}", "source": "sandbox" } } }
                ]
              }
            }
          ]
        }
        """;

    private protected LocalFlowManager Flows => Parley.Services.GetRequiredService<LocalFlowManager>();

    /// <summary>Creates a flow of the demo account with <paramref name="flowJson"/>, published unless <paramref name="publish"/> is false; returns its id.</summary>
    protected async Task<string> CreateFlowAsync(string flowJson, string? endpointUri = null, bool publish = true, string? name = null)
    {
        var created = await Flows.CreateAsync(ParleyFactory.WabaId, new FlowDraft(name ?? "flow-" + Guid.NewGuid().ToString("N")[..8], ["SIGN_UP"], endpointUri, null, flowJson, publish), CancellationToken.None);
        created.Succeeded.ShouldBeTrue(created.Error?.Details);
        created.Value!.PublishError.ShouldBeNull(created.Value.PublishError?.Details);
        return created.Value.Flow.Id;
    }

    /// <summary>The user writes first (the 24-hour window), then the business sends the flow; returns the flow message's wamid.</summary>
    protected async Task<string> SendFlowAsync(string flowId, string flowToken, object? extra = null, string mode = "published")
    {
        await CloudApi.UserWritesAsync(Client, User);
        var parameters = new JsonObject
        {
            ["flow_message_version"] = "3", ["flow_id"] = flowId, ["flow_cta"] = "Sign up", ["flow_token"] = flowToken, ["mode"] = mode,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                parameters[key] = value?.DeepClone();
            }
        }
        return await CloudApi.SendOkAsync(Client, new
        {
            messaging_product = "whatsapp", to = User, type = "interactive",
            interactive = new { type = "flow", body = new { text = "Join us" }, action = new { name = "flow", parameters } },
        });
    }

    /// <summary>A MARKETING template whose FLOW button opens <paramref name="flowId"/> at its DETAILS screen.</summary>
    protected static JsonObject FlowButtonTemplate(string name, string language, string flowId) => new()
    {
        ["name"] = name, ["language"] = language, ["category"] = "MARKETING",
        ["components"] = new JsonArray(
            new JsonObject { ["type"] = "BODY", ["text"] = "Sign up in a minute" },
            new JsonObject
            {
                ["type"] = "BUTTONS",
                ["buttons"] = new JsonArray(new JsonObject
                {
                    ["type"] = "FLOW", ["text"] = "Sign up", ["flow_id"] = flowId, ["flow_action"] = "navigate", ["navigate_screen"] = "DETAILS",
                }),
            }),
    };

    /// <summary>A Cloud API send of the template <paramref name="name"/> (en_US) with the FLOW button's flow token.</summary>
    protected static object FlowButtonTemplateSend(string name, string flowToken) => new
    {
        messaging_product = "whatsapp", to = User, type = "template",
        template = new
        {
            name, language = new { code = "en_US" },
            components = new object[] { new { type = "button", sub_type = "flow", index = "0", parameters = new object[] { new { type = "action", action = new { flow_token = flowToken } } } } },
        },
    };

    /// <summary>A simulator call (<c>open</c>, <c>submit</c>, <c>back</c>): status and body.</summary>
    protected async Task<(HttpStatusCode Status, JsonObject Body)> SimulateAsync(string step, object body)
    {
        using var response = await Client.PostAsJsonAsync($"{SimulatorPath}/{step}", body);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>A simulator call that must answer 200.</summary>
    protected async Task<JsonObject> StepAsync(string step, object body)
    {
        var (status, answer) = await SimulateAsync(step, body);
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        return answer;
    }

    /// <summary>The <c>messages[]</c> items of the Cloud API webhooks received so far.</summary>
    protected static List<JsonObject> Messages(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!)
            .SelectMany(b => b["entry"]?.AsArray() ?? [])
            .SelectMany(e => e!["changes"]!.AsArray())
            .Where(c => c!["field"]!.GetValue<string>() == "messages")
            .SelectMany(c => c!["value"]!["messages"]?.AsArray() ?? [])
            .Select(m => m!.AsObject())];

    /// <summary>The <c>flows</c> change values of the Cloud API webhooks received so far.</summary>
    protected static List<JsonObject> FlowEvents(WebhookReceiver receiver) =>
        [.. receiver.Received.Select(r => JsonNode.Parse(r.Body)!)
            .SelectMany(b => b["entry"]?.AsArray() ?? [])
            .SelectMany(e => e!["changes"]!.AsArray())
            .Where(c => c!["field"]!.GetValue<string>() == "flows")
            .Select(c => c!["value"]!.AsObject())];

    /// <summary>Waits for the <c>nfm_reply</c> to the flow message <paramref name="flowMessageId"/> in the Cloud API webhooks.</summary>
    protected async Task<JsonObject> NfmReplyAsync(string flowMessageId)
    {
        var replies = await Eventually.Get(() => Messages(Receiver).Where(m => m["context"]?["id"]?.GetValue<string>() == flowMessageId).ToList(), r => r.Count > 0);
        return replies.ShouldHaveSingleItem();
    }
}
