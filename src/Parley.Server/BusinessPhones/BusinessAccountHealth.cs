using System.Text.Json.Nodes;
using Parley.Core.Model;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// The account's <c>health_status</c> (M "Health Status"): whether it can send, as a whole and per entity (the account
/// and each of its numbers). UNCONFIRMED how Meta words a number's reason: Parley answers a deregistered number
/// <c>BLOCKED</c> with the error a send would get (133010), a flagged or restricted one <c>LIMITED</c>.
/// </summary>
internal static class BusinessAccountHealth
{
    public const string Available = "AVAILABLE", Limited = "LIMITED", Blocked = "BLOCKED";

    public static JsonObject Render(BusinessAccount account, IReadOnlyList<PhoneNumberView> numbers)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(numbers);
        var entities = new JsonArray(new JsonObject { ["entity_type"] = "WABA", ["id"] = account.Id, ["can_send_message"] = Available });
        var worst = Available;
        foreach (var number in numbers)
        {
            var entity = new JsonObject { ["entity_type"] = "PHONE_NUMBER", ["id"] = number.Channel.PhoneNumberId };
            var (state, code, description, solution) = Of(number);
            entity["can_send_message"] = state;
            if (code is not null)
            {
                entity["errors"] = new JsonArray(new JsonObject
                {
                    ["error_code"] = code, ["error_description"] = description, ["possible_solution"] = solution,
                });
            }
            entities.Add(entity);
            worst = Rank(state) > Rank(worst) ? state : worst;
        }
        // The account can send while one of its numbers can; Meta rolls the entities up the same way (UNCONFIRMED).
        var overall = numbers.Count == 0 || numbers.Any(n => Of(n).State == Available) ? Available : worst;
        return new JsonObject { ["can_send_message"] = overall, ["entities"] = entities };
    }

    private static (string State, int? Code, string? Description, string? Solution) Of(PhoneNumberView number) =>
        !number.Phone.Registered
            ? (Blocked, 133010, "The phone number is not registered on WhatsApp Business Platform.", "Register the phone number with POST /{phone-number-id}/register.")
            : number.Phone.Status is "FLAGGED" or "RESTRICTED" or "RATE_LIMITED"
                ? (Limited, 131048, $"The phone number is {number.Phone.Status}.", "Improve the quality of the messages the number sends.")
                : (Available, null, null, null);

    private static int Rank(string state) => state switch { Blocked => 2, Limited => 1, _ => 0 };
}
