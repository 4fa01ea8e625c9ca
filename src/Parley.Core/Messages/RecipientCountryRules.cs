using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Messages;

/// <summary>
/// Messages only users of some countries can receive. WhatsApp accepts them and then fails them with 1026 "Receiver
/// Incapable", so the network (the sandbox) applies these rules after acceptance:
/// <list type="bullet">
/// <item>address messages (seed004 "Address Messages") are supported in India and Singapore only, and only to a number of
/// the message's <c>country</c> ("businesses will be unable to request an address message from a recipient that has the
/// country as Singapore but has a phone number with an area code of 91");</item>
/// <item>order details and order status messages, and templates with an order details button, are India's payments
/// (Meta, "Payments API India"): only users with an Indian (+91) number can receive them.</item>
/// </list>
/// </summary>
public static class RecipientCountryRules
{
    /// <summary>The countries address messages support and their calling codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> CallingCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IN"] = "91",
        ["SG"] = "65",
    };

    /// <summary>India's calling code: payments messages reach only these numbers.</summary>
    public const string IndiaCallingCode = "91";

    /// <summary>
    /// The error a canonical message (<paramref name="payload"/>, the Cloud API message object) fails with when
    /// <paramref name="waId"/> (the recipient's number, digits) is not a number its kind may reach; null otherwise. A
    /// recipient known only by a business-scoped user id has no number to check.
    /// </summary>
    public static WhatsAppError? Check(string payload, string? waId)
    {
        ArgumentNullException.ThrowIfNull(payload);
        // Most messages are none of these kinds: skip parsing them.
        if (waId is not { Length: > 0 } || !waId.All(char.IsAsciiDigit)
            || (!payload.Contains("address_message", StringComparison.Ordinal) && !payload.Contains("order_", StringComparison.Ordinal)))
        {
            return null;
        }
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.TryGetProperty("template", out var template))
        {
            return HasOrderDetailsButton(template) ? IndiaOnly(waId, "Templates with an order details button") : null;
        }
        if (!root.TryGetProperty("interactive", out var interactive) || interactive.ValueKind != JsonValueKind.Object
            || !interactive.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        return type.GetString() switch
        {
            "address_message" => CheckAddress(interactive, waId),
            "order_details" => IndiaOnly(waId, "Order details messages"),
            "order_status" => IndiaOnly(waId, "Order status messages"),
            _ => null,
        };
    }

    private static WhatsAppError? CheckAddress(JsonElement interactive, string waId)
    {
        var country = interactive.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("country", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (country is not null && CallingCodes.TryGetValue(country, out var code) && waId.StartsWith(code, StringComparison.Ordinal))
        {
            return null;
        }
        return ErrorCatalog.ReceiverIncapable.With(
            $"Address messages are supported only for recipients in India (+91) and Singapore (+65) whose number is in the message's country ({country}).");
    }

    private static WhatsAppError? IndiaOnly(string waId, string what) =>
        waId.StartsWith(IndiaCallingCode, StringComparison.Ordinal)
            ? null
            : ErrorCatalog.ReceiverIncapable.With($"{what} (payments in India) are supported only for recipients with an Indian (+91) phone number.");

    private static bool HasOrderDetailsButton(JsonElement template) =>
        template.ValueKind == JsonValueKind.Object && template.TryGetProperty("components", out var components)
        && components.ValueKind == JsonValueKind.Array
        && components.EnumerateArray().Any(component => component.ValueKind == JsonValueKind.Object
            && component.TryGetProperty("sub_type", out var subType) && subType.ValueKind == JsonValueKind.String
            && string.Equals(subType.GetString(), "order_details", StringComparison.OrdinalIgnoreCase));
}
