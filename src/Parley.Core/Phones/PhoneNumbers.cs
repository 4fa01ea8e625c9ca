using System.Text;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Phones;

/// <summary>
/// Turns the <c>to</c> of a send request into a WhatsApp id (digits only), following Meta's "Phone Number Formats"
/// (seed004):
/// <list type="bullet">
/// <item>Plus signs, spaces, hyphens, parentheses and dots are formatting and are dropped.</item>
/// <item>With a leading <c>+</c>, the digits are the full international number: <c>+1 (631) 555-1234</c> → <c>16315551234</c>.</item>
/// <item>Without <c>+</c>, the channel's country calling code is prepended: for India (91), <c>(631) 555-1234</c> →
/// <c>916315551234</c> and <c>1 (631) 555-1234</c> → <c>9116315551234</c>, exactly as in seed004's table.
/// One exception: digits that already start with that calling code and are at least
/// <see cref="FullNumberMinDigits"/> long are taken as a full number, so WhatsApp ids echoed from webhooks
/// (<c>16505551234</c> on a US channel) reach the same person instead of gaining a second country code.</item>
/// <item>An international <c>00</c> prefix is rejected with code 100, as Meta does (gabrieldwight/Whatsapp-Business-Cloud-Api-Net#31).</item>
/// <item>Anything else that is not a number of <see cref="Limits.PhoneNumberMinDigits"/>–<see cref="Limits.PhoneNumberMaxDigits"/>
/// digits (E.164) starting with a non-zero country code is code 131009, "Parameter value is not valid": the value is
/// present but not a phone number, which is what 131009 means in Meta's table.</item>
/// </list>
/// </summary>
public static class PhoneNumbers
{
    /// <summary>National numbers are at most 10 digits in most numbering plans, so 11+ digits that start with the code already carry it.</summary>
    private const int FullNumberMinDigits = 11;

    public static Outcome<string> Normalize(string input, string countryCallingCode)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(countryCallingCode);

        var text = input.Trim();
        var hasPlus = text.StartsWith('+');
        var written = hasPlus ? text.AsSpan(1) : text.AsSpan();
        // The common case, digits only, takes no builder.
        string number;
        if (!written.ContainsAnyExceptInRange('0', '9'))
        {
            number = hasPlus ? written.ToString() : text;
        }
        else
        {
            var digits = new StringBuilder(text.Length);
            foreach (var c in written)
            {
                if (char.IsAsciiDigit(c))
                {
                    digits.Append(c);
                }
                else if (!IsFormatting(c))
                {
                    return NotAPhoneNumber(input);
                }
            }
            number = digits.ToString();
        }
        if (!hasPlus)
        {
            if (number.StartsWith("00", StringComparison.Ordinal))
            {
                return ErrorCatalog.InvalidParameter.With(
                    $"Invalid phone number \"{ValidationState.Echo(input)}\": the 00 international prefix is not supported, use + followed by the country code.");
            }
            var callingCode = DigitsOf(countryCallingCode);
            var alreadyInternational = number.StartsWith(callingCode, StringComparison.Ordinal) && number.Length >= FullNumberMinDigits;
            if (!alreadyInternational)
            {
                number = callingCode + number;
            }
        }

        if (number.Length < Limits.PhoneNumberMinDigits || number.Length > Limits.PhoneNumberMaxDigits || number[0] == '0')
        {
            return NotAPhoneNumber(input);
        }
        return number;
    }

    /// <summary>The digits of a phone number or calling code, dropping every other character.</summary>
    public static string DigitsOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().ContainsAnyExceptInRange('0', '9') ? string.Concat(value.Where(char.IsAsciiDigit)) : value;
    }

    private static bool IsFormatting(char c) => c is ' ' or '-' or '(' or ')' or '.' || char.IsWhiteSpace(c);

    private static WhatsAppError NotAPhoneNumber(string input) =>
        ErrorCatalog.ParameterValueNotValid.With(
            $"Invalid phone number \"{ValidationState.Echo(input)}\": expected {Limits.PhoneNumberMinDigits} to {Limits.PhoneNumberMaxDigits} digits with the country code, e.g. +16505551234.");
}
