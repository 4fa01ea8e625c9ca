using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.Flows;
using Parley.Server.Flows.Endpoint;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulated user's WhatsApp client playing a flow (docs/flows.md, "Completing flows in the sandbox"): the user
/// opens a flow message the business sent them (an interactive <c>flow</c> message or a template with a FLOW button),
/// fills each screen's form and taps its action; a flow without an endpoint navigates by its Flow JSON and completes
/// with the <c>complete</c> action's payload, a flow with an endpoint (<c>data_api_version</c>) exchanges each step
/// with it (<c>INIT</c>, <c>data_exchange</c>, <c>BACK</c>) until it answers the screen <c>SUCCESS</c>. Completing
/// delivers the <c>nfm_reply</c> inbound message. The whole state of an open flow travels in its session (an opaque,
/// self-contained token), so it survives restarts and works on every node; the flow is read again at every step, so
/// a flow blocked or deprecated meanwhile stops.
/// </summary>
internal sealed class SandboxFlows(
    IMessageStore messages, IFlowStore flows, ITemplateStore templates, FlowEndpointTargets targets, FlowEndpointClient endpoints,
    SandboxFlowAlerts alerts, SandboxUserMessages userMessages, SandboxClock clock)
{
    /// <summary>Meta's default <c>flow_token</c> when the message names none.</summary>
    public const string UnusedFlowToken = "unused";

    /// <summary>The reserved screen an endpoint answers to close the flow.</summary>
    public const string SuccessScreen = "SUCCESS";

    public async Task<Outcome<JsonObject>> OpenAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        if (Text(request["message_id"]) is not { } messageId)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter message_id (the wamid of the flow message the user received) is required.");
        }
        var message = await messages.GetAsync(channel.PhoneNumberId, messageId, cancellationToken);
        if (message is null || message.Direction != MessageDirection.Outbound)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Message '{messageId}' is not a message this channel sent.");
        }
        var invocation = await InvocationAsync(channel, message, cancellationToken);
        if (!invocation.Succeeded)
        {
            return invocation.Error;
        }
        var call = invocation.Value!;
        var flow = call.FlowId is not null ? await flows.GetAsync(call.FlowId, cancellationToken) : await flows.FindByNameAsync(channel.AccountId, call.FlowName!, cancellationToken);
        if (flow is null || flow.AccountId != channel.AccountId)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Flow '{call.FlowId ?? call.FlowName}' does not exist in this WhatsApp Business Account.");
        }
        var session = new Session(channel.PhoneNumberId, message.Id, message.Peer, flow.Id, call.FlowToken, call.Draft, [], []);
        if (CheckOpenable(flow, session) is { } closed)
        {
            return closed;
        }
        if (SandboxFlowScript.Read(flow.FlowJson) is not { } script)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Flow '{flow.Id}' has no Flow JSON with screens to open.");
        }
        if (UsesEndpoint(flow) && call.Action == "data_exchange")
        {
            return await ExchangeAsync(channel, flow, script, session, FlowActions.Init, null, null, cancellationToken);
        }
        var first = call.Screen ?? script.FirstScreen;
        if (!script.HasScreen(first))
        {
            return ErrorCatalog.ParameterValueNotValid.With($"The flow message opens screen '{first}', which flow '{flow.Id}' does not have.");
        }
        session.Stack.Add(new Step(first, call.Data ?? []));
        return View(session, script, "open");
    }

    /// <summary>
    /// The user taps the current screen's action (the Footer's, or the first one named <c>action</c>) with the form
    /// they filled: navigate, complete, or exchange data with the endpoint. <c>response</c>, when given, is what the
    /// user's client is expected to send on completing: it must be the action's payload filled from the form.
    /// </summary>
    public async Task<Outcome<JsonObject>> SubmitAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        var opened = await ResumeAsync(channel, request, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened.Error;
        }
        var (session, flow, script) = opened.Value!;
        var current = session.Stack[^1];
        var form = request["form"] as JsonObject ?? [];
        if (request["form"] is not (null or JsonObject))
        {
            return ErrorCatalog.InvalidParameter.With("Param form must be a JSON object of the screen's field values.");
        }
        var wanted = Text(request["action"]);
        var actions = script.Actions(current.Screen);
        if (actions.FirstOrDefault(a => wanted is null || a.Name == wanted) is not { } action)
        {
            return ErrorCatalog.ParameterValueNotValid.With(wanted is null
                ? $"Screen '{current.Screen}' has no action to tap."
                : $"Screen '{current.Screen}' has no {wanted} action; it has: {string.Join(", ", actions.Select(a => a.Name).Distinct())}.");
        }
        if (script.Fields(current.Screen).FirstOrDefault(f => f.Required && (form[f.Name] is null || IsBlank(form[f.Name]))) is { } missing)
        {
            return ErrorCatalog.RequiredParameterMissing.With($"Field '{missing.Name}' of screen '{current.Screen}' is required.");
        }
        session.Forms[current.Screen] = (JsonObject)form.DeepClone();
        var payload = FlowReference.Fill(action.Payload, reference => Resolve(reference, form, session));
        switch (action.Name)
        {
            case "navigate":
                if (action.Next is not { } next || !script.HasScreen(next))
                {
                    return ErrorCatalog.ParameterValueNotValid.With($"Screen '{current.Screen}' navigates to '{action.Next}', which the flow does not have.");
                }
                session.Stack.Add(new Step(next, payload));
                return View(session, script, "open");
            case "complete":
                if (request["response"] is { } expected && !JsonNode.DeepEquals(expected, payload))
                {
                    return ErrorCatalog.ParameterValueNotValid.With(
                        $"The completion payload does not match screen '{current.Screen}''s complete action: the flow sends {payload.ToJsonString()}, not {expected.ToJsonString()}.");
                }
                return await CompleteAsync(channel, session, script, payload, cancellationToken);
            case "data_exchange":
                if (!UsesEndpoint(flow))
                {
                    return ErrorCatalog.ParameterValueNotValid.With($"Screen '{current.Screen}' exchanges data, but flow '{flow.Id}' has no endpoint.");
                }
                return await ExchangeAsync(channel, flow, script, session, FlowActions.DataExchange, current.Screen, payload, cancellationToken);
            default:
                return ErrorCatalog.ParameterValueNotValid.With($"The simulated user does not play the {action.Name} action.");
        }
    }

    /// <summary>The user presses back: the previous screen (asked of the endpoint when the screen has <c>refresh_on_back</c>); on the first screen, the flow closes.</summary>
    public async Task<Outcome<JsonObject>> BackAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        var opened = await ResumeAsync(channel, request, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened.Error;
        }
        var (session, flow, script) = opened.Value!;
        var current = session.Stack[^1];
        if (session.Stack.Count == 1)
        {
            return View(session, script, "closed");
        }
        if (UsesEndpoint(flow) && script.RefreshesOnBack(current.Screen))
        {
            // The endpoint answers the screen the user goes back to, with fresh data.
            session.Stack.RemoveAt(session.Stack.Count - 1);
            return await ExchangeAsync(channel, flow, script, session, FlowActions.Back, current.Screen, null, cancellationToken, replaceTop: true);
        }
        session.Stack.RemoveAt(session.Stack.Count - 1);
        return View(session, script, "open");
    }

    /// <summary>One request to the flow's endpoint (re-sent once after a 421, as WhatsApp re-fetches the key), the answer applied to the session.</summary>
    private async Task<Outcome<JsonObject>> ExchangeAsync(
        Channel channel, Flow flow, SandboxFlowScript script, Session session, string action, string? screen, JsonObject? data, CancellationToken cancellationToken,
        bool replaceTop = false)
    {
        var version = flow.DataApiVersion ?? FlowActions.Version;
        FlowEndpointResult? result = null;
        FlowEndpointTarget? target = null;
        for (var attempt = 0; attempt < 2 && (result is null || result.Failure == FlowEndpointFailure.PublicKeyRefresh); attempt++)
        {
            target = await targets.ForChannelAsync(channel, flow.EndpointUri!, cancellationToken);
            if (target is null)
            {
                // WhatsApp's client finds no key for the number (CLIENT_ERROR_RATE: PUBLIC_KEY_MISSING).
                return Failed(session, script, "closed", null, "PUBLIC_KEY_MISSING", "The flow can't be opened: this business's phone number has no business public key.");
            }
            result = await endpoints.ExchangeAsync(target, action, screen, data, session.FlowToken, version, cancellationToken);
            await alerts.RecordAsync(flow, result, cancellationToken);
        }
        if (!result!.Succeeded)
        {
            return result.Failure switch
            {
                FlowEndpointFailure.PublicKeyRefresh => Failed(session, script, "closed", result, "endpoint_error",
                    "Something went wrong: the business could not decrypt the request (HTTP 421, also after fetching the key again). Going back to the chat."),
                FlowEndpointFailure.FlowTokenInvalid => Failed(session, script, "closed", result, "flow_token_invalid",
                    "This flow is no longer available (the business answered HTTP 427: flow token no longer valid). The flow's button is disabled."),
                _ => Failed(session, script, "error", result, "endpoint_error", $"Something went wrong. Please try again. ({result.Detail})"),
            };
        }
        var answer = result.Answer!;
        var next = Text(answer["screen"]);
        var answerData = answer["data"] as JsonObject ?? [];
        var problem = next == SuccessScreen
            ? answerData["extension_message_response"]?["params"] is JsonObject ? null : "the endpoint closed the flow without data.extension_message_response.params."
            : next is null || !script.HasScreen(next) ? $"the endpoint answered screen '{next}', which the flow does not have."
            : action == FlowActions.DataExchange && !script.Routes(screen!, next) ? $"the routing model has no route from '{screen}' to '{next}', which the endpoint answered."
            : null;
        if (problem is not null)
        {
            // WhatsApp's client tells the endpoint what it could not use (an error notification the endpoint acknowledges);
            // the notification's answer changes nothing for the user. The error keys are UNCONFIRMED at Meta.
            await endpoints.NotifyErrorAsync(target!, action, screen, session.FlowToken, version,
                next == SuccessScreen ? "INVALID_RESPONSE" : "INVALID_SCREEN_TRANSITION", problem, cancellationToken);
            return Failed(session, script, "error", result, "invalid_response", "Something went wrong: " + problem);
        }
        if (next == SuccessScreen)
        {
            return await DeliverAsync(channel, session, script, (JsonObject)answerData["extension_message_response"]!["params"]!.DeepClone(), cancellationToken);
        }
        if (replaceTop)
        {
            session.Stack.RemoveAt(session.Stack.Count - 1);
        }
        session.Stack.Add(new Step(next!, answerData));
        return View(session, script, "open", answerData["error_message"] is JsonValue snackbar ? snackbar.ToString() : null);
    }

    /// <summary>A flow without endpoint completes: the payload and the flow token are the reply's <c>response_json</c>.</summary>
    private Task<Outcome<JsonObject>> CompleteAsync(Channel channel, Session session, SandboxFlowScript script, JsonObject payload, CancellationToken cancellationToken)
    {
        var response = new JsonObject { ["flow_token"] = session.FlowToken };
        foreach (var (key, value) in payload)
        {
            response[key] = value?.DeepClone();
        }
        return DeliverAsync(channel, session, script, response, cancellationToken);
    }

    /// <summary>The user's client sends the <c>nfm_reply</c> in reply to the flow message.</summary>
    private async Task<Outcome<JsonObject>> DeliverAsync(Channel channel, Session session, SandboxFlowScript script, JsonObject response, CancellationToken cancellationToken)
    {
        var reply = new JsonObject
        {
            [Bsuid.IsValid(session.User) ? "from_user_id" : "from"] = session.User,
            ["type"] = "interactive",
            ["context"] = new JsonObject { ["id"] = session.MessageId },
            ["interactive"] = new JsonObject
            {
                ["type"] = "nfm_reply",
                ["nfm_reply"] = new JsonObject { ["name"] = "flow", ["body"] = "Sent", ["response_json"] = response.ToJsonString() },
            },
        };
        var built = SimulatedInbound.Build(channel, reply, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return built.Error;
        }
        var delivered = await userMessages.DeliverAsync(channel, built.Value!, cancellationToken);
        var view = View(session, script, "completed");
        view.Remove("session");
        view["message_id"] = built.Value!.MessageId;
        view["response_json"] = response.ToJsonString();
        if (!delivered)
        {
            view["delivered"] = false;
            view["reason"] = SandboxBlocklist.NotDeliveredReason;
        }
        return view;
    }

    private async Task<Outcome<(Session, Flow, SandboxFlowScript)>> ResumeAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        if (Text(request["session"]) is not { } token)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter session (from opening the flow) is required.");
        }
        if (Session.Decode(token) is not { } session || session.ChannelId != channel.PhoneNumberId || session.Stack.Count == 0)
        {
            return ErrorCatalog.ParameterValueNotValid.With("The session is not an open flow of this channel.");
        }
        var flow = await flows.GetAsync(session.FlowId, cancellationToken);
        if (flow is null || flow.AccountId != channel.AccountId)
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Flow '{session.FlowId}' no longer exists.");
        }
        if (CheckOpenable(flow, session) is { } closed)
        {
            return closed;
        }
        if (SandboxFlowScript.Read(flow.FlowJson) is not { } script || !script.HasScreen(session.Stack[^1].Screen))
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Flow '{flow.Id}' changed: the session's screen is gone.");
        }
        return (session, flow, script);
    }

    /// <summary>Who may open the flow: not a deprecated or blocked one (Meta: "Sending and opening of the Flow is blocked"); a draft only from a draft-mode message.</summary>
    private static WhatsAppError? CheckOpenable(Flow flow, Session session) => flow.Status switch
    {
        FlowStatuses.Blocked => ErrorCatalog.FlowBlocked.With($"Flow '{flow.Id}' is BLOCKED: it cannot be opened."),
        FlowStatuses.Deprecated => ErrorCatalog.ParameterValueNotValid.With($"Flow '{flow.Id}' is DEPRECATED: it cannot be opened."),
        FlowStatuses.Draft when !session.Draft => ErrorCatalog.ParameterValueNotValid.With($"Flow '{flow.Id}' is a DRAFT: only a message sent with mode draft opens it."),
        _ => null,
    };

    private static bool UsesEndpoint(Flow flow) => flow.DataApiVersion is not null && flow.EndpointUri is not null;

    /// <summary>What the flow message asks WhatsApp to open: the flow, the token, the mode, and the first screen and its data.</summary>
    private sealed record Invocation(string? FlowId, string? FlowName, string FlowToken, bool Draft, string Action, string? Screen, JsonObject? Data);

    private async Task<Outcome<Invocation>> InvocationAsync(Channel channel, StoredMessage message, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(message.Payload) as JsonObject;
        if (payload?["interactive"] is JsonObject interactive && Text(interactive["type"]) == "flow" && interactive["action"]?["parameters"] is JsonObject p)
        {
            var actionPayload = p["flow_action_payload"] as JsonObject;
            return new Invocation(Text(p["flow_id"]), Text(p["flow_name"]), Text(p["flow_token"]) ?? UnusedFlowToken, Text(p["mode"]) == "draft",
                Text(p["flow_action"]) ?? "navigate", Text(actionPayload?["screen"]), actionPayload?["data"]?.DeepClone() as JsonObject);
        }
        if (payload?["template"] is JsonObject template && await FlowButtonAsync(channel, template, cancellationToken) is { } button)
        {
            var action = template["components"]?.AsArray().OfType<JsonObject>()
                .FirstOrDefault(c => Text(c["type"]) == "button" && Text(c["sub_type"]) == "flow")?["parameters"]?.AsArray()
                .OfType<JsonObject>().FirstOrDefault(x => Text(x["type"]) == "action")?["action"] as JsonObject;
            return new Invocation(Text(button["flow_id"]), Text(button["flow_name"]), Text(action?["flow_token"]) ?? UnusedFlowToken, false,
                Text(button["flow_action"]) ?? "navigate", Text(button["navigate_screen"]), action?["flow_action_data"]?.DeepClone() as JsonObject);
        }
        return ErrorCatalog.ParameterValueNotValid.With($"Message '{message.Id}' is not a flow message (an interactive flow, or a template with a FLOW button).");
    }

    /// <summary>The FLOW button of the sent template's definition (its <c>flow_id</c> or <c>flow_name</c>), or null.</summary>
    private async Task<JsonObject?> FlowButtonAsync(Channel channel, JsonObject template, CancellationToken cancellationToken)
    {
        if (Text(template["name"]) is not { } name || Text(template["language"]?["code"]) is not { } language
            || await templates.FindAsync(channel.AccountId, name, language, cancellationToken) is not { } definition)
        {
            return null;
        }
        return (JsonNode.Parse(definition.Components) as JsonArray)?.OfType<JsonObject>()
            .Where(c => Text(c["type"]) == "BUTTONS").SelectMany(c => c["buttons"] as JsonArray ?? [])
            .OfType<JsonObject>().FirstOrDefault(b => Text(b["type"]) == "FLOW" && (b["flow_id"] is not null || b["flow_name"] is not null));
    }

    private static Outcome<JsonObject> Failed(Session session, SandboxFlowScript script, string state, FlowEndpointResult? result, string error, string shown)
    {
        var view = View(session, script, state);
        if (state == "closed")
        {
            view.Remove("session");
        }
        var failure = new JsonObject { ["error"] = error, ["message"] = shown };
        if (result?.StatusCode is { } status)
        {
            failure["http_status"] = status;
        }
        if (result?.Failure is { } kind)
        {
            failure["failure"] = kind.ToString();
        }
        view["error"] = failure;
        return view;
    }

    /// <summary>The user's phone: the session to continue with, and the current screen as the Flow JSON declares it, with its data.</summary>
    private static JsonObject View(Session session, SandboxFlowScript script, string state, string? snackbar = null)
    {
        var view = new JsonObject
        {
            ["state"] = state,
            ["session"] = session.Encode(),
            ["flow_id"] = session.FlowId,
            ["flow_token"] = session.FlowToken,
            ["flow_message_id"] = session.MessageId,
        };
        if (session.Stack.Count > 0)
        {
            var step = session.Stack[^1];
            var screen = new JsonObject
            {
                ["id"] = step.Screen,
                ["terminal"] = script.IsTerminal(step.Screen),
                ["data"] = step.Data.DeepClone(),
                ["fields"] = new JsonArray([.. script.Fields(step.Screen).Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["required"] = f.Required })]),
                ["actions"] = new JsonArray([.. script.Actions(step.Screen).Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["next"] = a.Next })]),
                ["definition"] = script.Screen(step.Screen),
            };
            if (snackbar is not null)
            {
                screen["error_message"] = snackbar;
            }
            view["screen"] = screen;
        }
        return view;
    }

    /// <summary>
    /// What a reference of a payload names, as WhatsApp's client reads it: <c>form</c> is the form just submitted (or
    /// an earlier screen's), <c>data</c> the current screen's data (or the data an earlier screen was opened with).
    /// </summary>
    private static JsonNode? Resolve(FlowReference reference, JsonObject form, Session session)
    {
        JsonNode? node = (reference.Source, reference.Screen) switch
        {
            ("form", null) => form,
            ("form", var screen) => session.Forms.GetValueOrDefault(screen),
            (_, null) => session.Stack[^1].Data,
            (_, var screen) => session.Stack.LastOrDefault(s => s.Screen == screen)?.Data,
        };
        foreach (var part in reference.Name.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }
        return node;
    }

    private static bool IsBlank(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>A screen the user is on (or came through), with the data it was opened with.</summary>
    private sealed record Step(string Screen, JsonObject Data);

    /// <summary>An open flow: the message, the user, the flow, its token, the screens so far (back pops them) and the forms filled on them.</summary>
    private sealed record Session(string ChannelId, string MessageId, string User, string FlowId, string FlowToken, bool Draft, List<Step> Stack, Dictionary<string, JsonObject> Forms)
    {
        public string Encode()
        {
            var json = new JsonObject
            {
                ["c"] = ChannelId, ["m"] = MessageId, ["u"] = User, ["f"] = FlowId, ["t"] = FlowToken, ["d"] = Draft,
                ["s"] = new JsonArray([.. Stack.Select(s => (JsonNode)new JsonObject { ["id"] = s.Screen, ["data"] = s.Data.DeepClone() })]),
                ["forms"] = new JsonObject(Forms.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.DeepClone()))),
            };
            return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
        }

        public static Session? Decode(string token)
        {
            try
            {
                if (JsonNode.Parse(Base64Url.DecodeFromChars(token)) is not JsonObject json
                    || Text(json["c"]) is not { } channel || Text(json["m"]) is not { } message || Text(json["u"]) is not { } user
                    || Text(json["f"]) is not { } flow || Text(json["t"]) is not { } flowToken || json["s"] is not JsonArray stack)
                {
                    return null;
                }
                var steps = stack.OfType<JsonObject>().Select(s => Text(s["id"]) is { } id ? new Step(id, s["data"]?.DeepClone() as JsonObject ?? []) : null).ToList();
                if (steps.Any(s => s is null))
                {
                    return null;
                }
                var forms = (json["forms"] as JsonObject ?? []).Where(f => f.Value is JsonObject)
                    .ToDictionary(f => f.Key, f => (JsonObject)f.Value!.DeepClone(), StringComparer.Ordinal);
                return new Session(channel, message, user, flow, flowToken, json["d"] is JsonValue d && d.TryGetValue<bool>(out var draft) && draft, steps!, forms);
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                return null;
            }
        }
    }
}
