using System.Text.Json.Nodes;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Commerce;

/// <summary>India order details messages as the payments tests send them, in both dialects, and a change at a path of them.</summary>
public static class OrderDetailsKit
{
    public const string TemplateName = "order_pay";

    /// <summary>
    /// An order that adds up (Meta's "Send Order Details Message" example): bread at 15.00, on sale at 10.00; tax 1.00,
    /// shipping 1.00, discount 1.00; total 11.00 — amounts in paise.
    /// </summary>
    public static JsonObject Order() => JsonNode.Parse("""
        {"status":"pending","items":[{"retailer_id":"1234567","name":"bread","amount":{"value":1500,"offset":100},"quantity":1,
          "sale_amount":{"value":1000,"offset":100}}],"subtotal":{"value":1000,"offset":100},
          "tax":{"value":100,"offset":100,"description":"GST"},"shipping":{"value":100,"offset":100},
          "discount":{"value":100,"offset":100,"discount_program_name":"Welcome"}}
        """)!.AsObject();

    /// <summary>The <c>review_and_pay</c> parameters around <see cref="Order"/>.</summary>
    public static JsonObject Parameters() => new()
    {
        ["reference_id"] = "order-42",
        ["type"] = "digital-goods",
        ["payment_settings"] = JsonNode.Parse("""[{"type":"payment_gateway","payment_gateway":{"type":"razorpay","configuration_name":"rzp-main"}}]"""),
        ["currency"] = "INR",
        ["total_amount"] = new JsonObject { ["value"] = 1100, ["offset"] = 100 },
        ["order"] = Order(),
    };

    /// <summary>A Cloud API interactive order details message.</summary>
    public static JsonObject Interactive(string to) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["to"] = to,
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "order_details",
            ["body"] = new JsonObject { ["text"] = "Your order is ready to pay" },
            ["action"] = new JsonObject { ["name"] = "review_and_pay", ["parameters"] = Parameters() },
        },
    };

    /// <summary>A Cloud API order status message for <c>order-42</c>.</summary>
    public static JsonObject Status(string to, string status) => JsonNode.Parse("""
        {"messaging_product":"whatsapp","to":"TO","type":"interactive","interactive":{"type":"order_status","body":{"text":"Your order moved on"},
         "action":{"name":"review_order","parameters":{"reference_id":"order-42","order":{"status":"STATUS","description":"On its way"}}}}}
        """.Replace("TO", to, StringComparison.Ordinal).Replace("STATUS", status, StringComparison.Ordinal))!.AsObject();

    /// <summary>A UTILITY template whose one button is ORDER_DETAILS.</summary>
    public static JsonObject Template() => JsonNode.Parse($$$"""
        {"name":"{{{TemplateName}}}","language":"en_US","category":"UTILITY","components":[
          {"type":"BODY","text":"Your order is ready. Tap below to review and pay."},
          {"type":"BUTTONS","buttons":[{"type":"ORDER_DETAILS","text":"Review and Pay"}]}]}
        """)!.AsObject();

    /// <summary>Creates <see cref="Template"/> and approves it.</summary>
    public static Task<string> CreateTemplateAsync(HttpClient client) => TemplateApi.CreateApprovedAsync(client, Template());

    /// <summary>A Cloud API message of <see cref="Template"/>: the order is the button's <c>order_details</c> action.</summary>
    public static JsonObject TemplateMessage(string to) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["to"] = to,
        ["type"] = "template",
        ["template"] = new JsonObject
        {
            ["name"] = TemplateName,
            ["language"] = new JsonObject { ["code"] = "en_US" },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["sub_type"] = "order_details",
                ["index"] = 0,
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "action", ["action"] = new JsonObject { ["order_details"] = Parameters() } }),
            }),
        },
    };

    /// <summary>1msg's <c>/sendOrderDetails</c> body for <see cref="Template"/> and <see cref="Order"/>.</summary>
    public static JsonObject OneMsg(string phone) => new()
    {
        ["phone"] = phone,
        ["template"] = TemplateName,
        ["namespace"] = "parley",
        ["language"] = new JsonObject { ["policy"] = "deterministic", ["code"] = "en_US" },
        ["referenceId"] = "order-42",
        ["currency"] = "INR",
        ["paymentSettings"] = JsonNode.Parse("""{"type":"payment_gateway","payment_gateway":{"type":"razorpay","configuration_name":"rzp-main"}}"""),
        ["order"] = Order(),
    };

    /// <summary>
    /// <paramref name="root"/> with the value at a dotted <paramref name="path"/> (<c>order.items[0].quantity</c>) set to
    /// <paramref name="json"/>, or removed when it is null.
    /// </summary>
    public static JsonObject With(this JsonObject root, string path, string? json)
    {
        JsonNode parent = root;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var (key, index) = Segment(segments[i]);
            var last = i == segments.Length - 1;
            if (last && index is null)
            {
                if (json is null)
                {
                    parent.AsObject().Remove(key);
                }
                else
                {
                    parent[key] = JsonNode.Parse(json);
                }
                return root;
            }
            parent = parent[key]!;
            if (index is { } at)
            {
                if (last)
                {
                    parent[at] = json is null ? null : JsonNode.Parse(json);
                    return root;
                }
                parent = parent[at]!;
            }
        }
        return root;
    }

    private static (string Key, int? Index) Segment(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? (segment, null) : (segment[..open], int.Parse(segment[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
