using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.BusinessPhones;

/// <summary>Reading the JSON object bodies of phone-number calls.</summary>
internal static class PhoneNumberRequest
{
    /// <summary>A string property, or <c>null</c> when absent or not a string.</summary>
    public static string? String(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
