using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Messages;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>The interactive send methods of seed 000 (and digest A.6) → a Cloud API <c>interactive</c> message.</summary>
internal static class OneMsgInteractiveMapper
{
    public static Outcome<JsonObject> Interactive(string method, JsonObject body)
    {
        var interactive = method switch
        {
            "sendButton" => Buttons(body),
            "sendList" => List(body),
            "sendLocationRequest" => Required(body, "body") is { } missing ? missing : new JsonObject
            {
                ["type"] = "location_request_message",
                ["action"] = new JsonObject { ["name"] = "send_location" },
            },
            "sendFlow" => Flow(body),
            "sendCarousel" => OneMsgCarouselMapper.Carousel(body),
            "sendProduct" => Product(body),
            "sendCtaUrl" => CtaUrl(body),
            "sendAddressMessage" => Address(body),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
        if (!interactive.Succeeded)
        {
            return interactive.Error;
        }
        var value = interactive.Value;
        if (method != "sendCarousel")
        {
            AddText(value, "body", OneMsgFields.Text(body, "body"));
            AddText(value, "footer", OneMsgFields.Text(body, "footer"));
        }
        return new JsonObject { ["type"] = "interactive", ["interactive"] = value };
    }

    private static void AddText(JsonObject interactive, string name, string? text)
    {
        if (text is { Length: > 0 })
        {
            interactive[name] = new JsonObject { ["text"] = text };
        }
    }

    private static Parley.Core.Errors.WhatsAppError? Required(JsonObject body, string field) =>
        OneMsgFields.Text(body, field) is { Length: > 0 } ? null : OneMsgMapper.Missing(field);

    /// <summary>A header given as text becomes a text header; an object is a Cloud API header as it is.</summary>
    private static JsonNode? Header(JsonObject body) => body["header"] switch
    {
        JsonObject header => header.DeepClone(),
        JsonValue => OneMsgFields.Text(body, "header") is { Length: > 0 } text ? new JsonObject { ["type"] = "text", ["text"] = text } : null,
        _ => null,
    };

    private static void AddHeader(JsonObject interactive, JsonObject body)
    {
        if (Header(body) is { } header)
        {
            interactive["header"] = header;
        }
    }

    /// <summary><c>sections</c>: up to 3 <c>{type: "reply", reply: {id, title}}</c>; the legacy <c>buttons: [{id, title}]</c> too.</summary>
    private static Outcome<JsonObject> Buttons(JsonObject body)
    {
        if (Required(body, "body") is { } missing)
        {
            return missing;
        }
        JsonArray buttons;
        if (OneMsgFields.Array(body, "sections") is { } sections)
        {
            buttons = (JsonArray)sections.DeepClone();
        }
        else if (OneMsgFields.Array(body, "buttons") is { } legacy)
        {
            buttons = [.. legacy.Select(b => (JsonNode)new JsonObject { ["type"] = "reply", ["reply"] = b?.DeepClone() })];
        }
        else
        {
            return OneMsgMapper.Missing("sections");
        }
        var interactive = new JsonObject { ["type"] = "button", ["action"] = new JsonObject { ["buttons"] = buttons } };
        AddHeader(interactive, body);
        return interactive;
    }

    /// <summary><c>action</c> is the text of the button that opens the list (<c>buttonText</c> is its alias, digest A.6).</summary>
    private static Outcome<JsonObject> List(JsonObject body)
    {
        if (Required(body, "body") is { } missing)
        {
            return missing;
        }
        var button = OneMsgFields.Text(body, "action") ?? OneMsgFields.Text(body, "buttonText");
        if (button is not { Length: > 0 })
        {
            return OneMsgMapper.Missing("action");
        }
        if (OneMsgFields.Array(body, "sections") is not { } sections)
        {
            return OneMsgMapper.Missing("sections");
        }
        var interactive = new JsonObject
        {
            ["type"] = "list",
            ["action"] = new JsonObject { ["button"] = button, ["sections"] = sections.DeepClone() },
        };
        AddHeader(interactive, body);
        return interactive;
    }

    private static Outcome<JsonObject> Flow(JsonObject body)
    {
        foreach (var field in new[] { "body", "flowId", "flowToken", "flowCta" })
        {
            if (Required(body, field) is { } missing)
            {
                return missing;
            }
        }
        var parameters = new JsonObject
        {
            ["flow_message_version"] = OneMsgFields.Text(body, "flowMessageVersion") ?? Limits.FlowMessageVersion,
            ["flow_id"] = OneMsgFields.Text(body, "flowId"),
            ["flow_token"] = OneMsgFields.Text(body, "flowToken"),
            ["flow_cta"] = OneMsgFields.Text(body, "flowCta"),
        };
        if (OneMsgFields.Text(body, "mode") is { } mode)
        {
            parameters["mode"] = mode;
        }
        var flowAction = OneMsgFields.Text(body, "flowAction");
        if (flowAction is not null)
        {
            parameters["flow_action"] = flowAction;
        }
        if (flowAction is null or "navigate")
        {
            // flowActionScreen / flowActionData are shortcuts for flowActionPayload.screen / .data (digest A.6).
            var payload = OneMsgFields.Object(body, "flowActionPayload")?.DeepClone().AsObject() ?? [];
            if (OneMsgFields.Text(body, "flowActionScreen") is { } screen)
            {
                payload["screen"] = screen;
            }
            if (OneMsgFields.Object(body, "flowActionData") is { } data)
            {
                payload["data"] = data.DeepClone();
            }
            if (payload.Count > 0)
            {
                parameters["flow_action_payload"] = payload;
            }
        }
        var interactive = new JsonObject { ["type"] = "flow", ["action"] = new JsonObject { ["name"] = "flow", ["parameters"] = parameters } };
        AddHeader(interactive, body);
        return interactive;
    }

    /// <summary>A single product (<c>product_retailer_id</c>) or a product list (<c>sections</c>, with a text <c>header</c>).</summary>
    private static Outcome<JsonObject> Product(JsonObject body)
    {
        if (OneMsgFields.Object(body, "action") is not { } action)
        {
            return OneMsgMapper.Missing("action");
        }
        var isList = action.ContainsKey("sections");
        var interactive = new JsonObject { ["type"] = isList ? "product_list" : "product", ["action"] = action.DeepClone() };
        if (isList)
        {
            AddHeader(interactive, body);
        }
        return interactive;
    }

    private static Outcome<JsonObject> CtaUrl(JsonObject body)
    {
        foreach (var field in new[] { "body", "displayText", "url" })
        {
            if (Required(body, field) is { } missing)
            {
                return missing;
            }
        }
        var interactive = new JsonObject
        {
            ["type"] = "cta_url",
            ["action"] = new JsonObject
            {
                ["name"] = "cta_url",
                ["parameters"] = new JsonObject { ["display_text"] = OneMsgFields.Text(body, "displayText"), ["url"] = OneMsgFields.Text(body, "url") },
            },
        };
        AddHeader(interactive, body);
        return interactive;
    }

    /// <summary><c>country</c> defaults to <c>IN</c> (digest A.6).</summary>
    private static Outcome<JsonObject> Address(JsonObject body)
    {
        if (Required(body, "body") is { } missing)
        {
            return missing;
        }
        var parameters = new JsonObject { ["country"] = OneMsgFields.Text(body, "country") ?? "IN" };
        foreach (var field in new[] { "values", "saved_addresses", "validation_errors" })
        {
            if (OneMsgFields.Has(body, field))
            {
                parameters[field] = body[field]!.DeepClone();
            }
        }
        var interactive = new JsonObject
        {
            ["type"] = "address_message",
            ["action"] = new JsonObject { ["name"] = "address_message", ["parameters"] = parameters },
        };
        AddHeader(interactive, body);
        return interactive;
    }
}
