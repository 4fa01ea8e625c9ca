using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Errors;

namespace Parley.Core.Profiles;

/// <summary>
/// Registration and two-step verification of a phone number (digest §5.2; S <c>/register</c>, <c>/deregister</c>,
/// <c>TwoStepVerificationRequest</c>): the PIN is six digits; the first registration (or the two-step call) sets it,
/// later registrations must give the same PIN (133005); a deregistered number cannot send (133010).
/// </summary>
public static partial class Registration
{
    /// <summary>S <c>WhatsAppBusinessPhoneNumberRegistrationRequest.pin</c> and <c>TwoStepVerificationRequest.pin</c>: <c>^[0-9]{6}$</c>.</summary>
    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex PinPattern();

    /// <summary>Code 100 with the spec's wording when <paramref name="pin"/> is not six digits.</summary>
    public static WhatsAppError? CheckPin(string? pin) => pin is null
        ? ErrorCatalog.InvalidParameter.With("The parameter pin is required.")
        : PinPattern().IsMatch(pin) ? null : ErrorCatalog.InvalidParameter.With("Invalid PIN format. PIN must be exactly 6 digits");

    /// <summary>The state after <c>POST /register</c> with <paramref name="pin"/>, or Meta's error.</summary>
    public static Outcome<PhoneNumberState> Register(PhoneNumberState state, string? pin)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (CheckPin(pin) is { } invalid)
        {
            return invalid;
        }
        if (state.PinHash is not null && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state.PinHash), Encoding.ASCII.GetBytes(Hash(pin!))))
        {
            return ErrorCatalog.TwoStepPinMismatch.With("The two-step verification PIN does not match the PIN set for this phone number.");
        }
        return Registered(state, pin!);
    }

    /// <summary>
    /// The state once a registration with <paramref name="pin"/> was accepted (by Meta, for a number Parley relays, or by
    /// <see cref="Register"/>): registered, connected, with that PIN.
    /// </summary>
    public static PhoneNumberState Registered(PhoneNumberState state, string pin)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pin);
        return state with { Registered = true, PinHash = Hash(pin), Status = "CONNECTED" };
    }

    /// <summary>The state once a deregistration was accepted: not registered, disconnected.</summary>
    public static PhoneNumberState Deregistered(PhoneNumberState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { Registered = false, Status = "DISCONNECTED" };
    }

    /// <summary>The state once the verification code was accepted (<c>POST /verify_code</c>).</summary>
    public static PhoneNumberState Verified(PhoneNumberState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { CodeVerificationStatus = "VERIFIED" };
    }

    /// <summary>The state after <c>POST /deregister</c>; a number that is not registered is code 100 subcode 2207051 (S example).</summary>
    public static Outcome<PhoneNumberState> Deregister(PhoneNumberState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Registered
            ? Deregistered(state)
            : ErrorCatalog.InvalidParameter.With("Phone number not registered on the WhatsApp Business Platform.", NotRegisteredSubcode);
    }

    /// <summary>The state after setting the two-step verification PIN (<c>POST /{phone-number-id}</c> with <c>pin</c>).</summary>
    public static Outcome<PhoneNumberState> SetPin(PhoneNumberState state, string? pin)
    {
        ArgumentNullException.ThrowIfNull(state);
        return CheckPin(pin) is { } invalid ? invalid : state with { PinHash = Hash(pin!) };
    }

    /// <summary>Meta's 133010 when the number cannot send because it is not registered; otherwise <c>null</c>.</summary>
    public static WhatsAppError? CheckCanSend(PhoneNumberState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Registered ? null : NotRegistered();
    }

    /// <summary>Meta's 133010 "Phone number Not Registered".</summary>
    public static WhatsAppError NotRegistered() =>
        ErrorCatalog.PhoneNumberNotRegistered.With("The phone number is not registered on the WhatsApp Business Platform; register it with POST /{phone-number-id}/register.");

    /// <summary>S <c>/deregister</c> 400 example "Phone number not registered on the WhatsApp Business Platform."</summary>
    public const int NotRegisteredSubcode = 2207051;

    private static string Hash(string pin) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(pin)));
}
