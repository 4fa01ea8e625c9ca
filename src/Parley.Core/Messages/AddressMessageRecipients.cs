using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Messages;

/// <summary>
/// Who can receive an address message (seed004 "Address Messages"): they are supported in India and Singapore only, and
/// only to a number of the message's <c>country</c> ("businesses will be unable to request an address message from a
/// recipient that has the country as Singapore but has a phone number with an area code of 91"). WhatsApp accepts the
/// message and then fails it with 1026 "Receiver Incapable", so the network (the sandbox) applies this after acceptance.
/// </summary>
public static class AddressMessageRecipients
{
    /// <summary>The countries address messages support and their calling codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> CallingCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IN"] = "91",
        ["SG"] = "65",
    };

    /// <summary>
    /// The error a canonical message (<paramref name="payload"/>, the Cloud API message object) fails with when it is an
    /// address message and <paramref name="waId"/> (the recipient's number, digits) is not a number of its country;
    /// null otherwise. A recipient known only by a business-scoped user id has no number to check.
    /// </summary>
    public static WhatsAppError? Check(string payload, string? waId)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (waId is not { Length: > 0 } || !waId.All(char.IsAsciiDigit))
        {
            return null;
        }
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (!root.TryGetProperty("interactive", out var interactive) || interactive.ValueKind != JsonValueKind.Object
            || !interactive.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "address_message")
        {
            return null;
        }
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
}
