using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;

namespace Parley.Server.BusinessPhones;

/// <summary>Reading the JSON object bodies of phone-number calls.</summary>
internal static class PhoneNumberRequest
{
    /// <summary>A string property, or <c>null</c> when absent or not a string.</summary>
    public static string? String(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The Graph error for a body whose <c>messaging_product</c> is missing or not <c>whatsapp</c>.</summary>
    public static WhatsAppError? CheckMessagingProduct(JsonObject body) => String(body, "messaging_product") switch
    {
        null => ErrorCatalog.InvalidParameter.With("The parameter messaging_product is required."),
        "whatsapp" => null,
        _ => ErrorCatalog.InvalidParameter.With("Param messaging_product must be \"whatsapp\"."),
    };
}
