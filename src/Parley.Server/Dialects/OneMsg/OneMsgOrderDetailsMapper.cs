using System.Text.Json.Nodes;
using Parley.Core;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>/sendOrderDetails</c> (digest A.6, from 1msg's MCP server): an India order details template — a template with an
/// ORDER_DETAILS button, so it is sent like <c>/sendTemplate</c> (<c>template</c>, <c>namespace</c>, <c>language</c>,
/// <c>params</c>; it works outside the 24-hour window) with the order as the button's parameter: a button component
/// <c>{type: button, sub_type: order_details, index: 0, parameters: [{type: action, action: {order_details}}]}</c>
/// (Meta, "Payments API India": order details templates). <c>order</c> is Meta's order object as it is;
/// <c>referenceId</c> → <c>reference_id</c> (one is made up when it is left out), <c>currency</c> (default INR),
/// <c>paymentSettings</c> → <c>payment_settings</c> (one setting or a list), <c>type</c> (default <c>digital-goods</c>);
/// the total is computed from the order (subtotal + tax + shipping − discount), as 1msg takes none. Every rule is then
/// the Core's, as for the Cloud API.
/// </summary>
internal static class OneMsgOrderDetailsMapper
{
    private const string DefaultGoodsType = "digital-goods";
    private const string DefaultCurrency = "INR";
    /// <summary>Amounts are in paise (Meta: "offset … must be 100 for INR").</summary>
    private const int AmountOffset = 100;

    public static Outcome<JsonObject> OrderDetails(JsonObject body)
    {
        if (OneMsgFields.Object(body, "order") is not { } order)
        {
            return OneMsgFields.Has(body, "order")
                ? OneMsgMapper.Invalid("The parameter order must be an object: Meta's order (status, items, subtotal, tax, shipping, discount).")
                : OneMsgMapper.Missing("order");
        }
        var message = OneMsgTemplateMapper.Template(body);
        if (!message.Succeeded)
        {
            return message.Error;
        }
        var template = message.Value["template"]!.AsObject();
        if (template["components"] is not JsonArray components)
        {
            components = [];
            template["components"] = components;
        }
        if (!components.Any(c => c is JsonObject component && string.Equals(OneMsgFields.Text(component, "sub_type"), "order_details", StringComparison.Ordinal)))
        {
            components.Add(new JsonObject
            {
                ["type"] = "button",
                ["sub_type"] = "order_details",
                ["index"] = 0,
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "action", ["action"] = new JsonObject { ["order_details"] = Order(body, order) } }),
            });
        }
        return message.Value;
    }

    /// <summary>Meta's <c>order_details</c> parameter from 1msg's fields.</summary>
    private static JsonObject Order(JsonObject body, JsonObject order)
    {
        var details = new JsonObject
        {
            ["reference_id"] = OneMsgFields.Text(body, "referenceId") is { Length: > 0 } reference ? reference : Guid.NewGuid().ToString("N"),
            ["type"] = OneMsgFields.Text(body, "type") ?? DefaultGoodsType,
            ["currency"] = OneMsgFields.Copy(body["currency"]) ?? DefaultCurrency,
            ["total_amount"] = new JsonObject { ["value"] = Total(order), ["offset"] = AmountOffset },
            ["order"] = order.DeepClone(),
        };
        switch (body["paymentSettings"])
        {
            case JsonObject setting:
                details["payment_settings"] = new JsonArray(setting.DeepClone());
                break;
            case { } settings:
                details["payment_settings"] = settings.DeepClone();
                break;
        }
        return details;
    }

    /// <summary>subtotal + tax + shipping − discount, each part's <c>value</c> where it is a whole number (0 otherwise).</summary>
    private static long Total(JsonObject order)
    {
        static long Value(JsonObject order, string part) =>
            order[part] is JsonObject amount && amount["value"] is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;
        return Value(order, "subtotal") + Value(order, "tax") + Value(order, "shipping") - Value(order, "discount");
    }
}
