using System.Security.Cryptography;
using System.Text;
using Parley.Core.Errors;

namespace Parley.Core.QrCodes;

/// <summary>
/// WhatsApp's rules for message QR codes and short links (Meta's OpenAPI file, <c>/{phone-number-id}/message_qrdls</c>;
/// Meta, "QR Codes and Short Links": limitations). Every error is from <see cref="ErrorCatalog"/>.
/// </summary>
public static class QrCodeRules
{
    /// <summary>A pre-filled message holds at most 140 characters (counted as Unicode code points: UNCONFIRMED).</summary>
    public const int PrefilledMessageMaxLength = 140;

    /// <summary>A phone number has at most 2,000 QR codes and short links.</summary>
    public const int MaxCodesPerNumber = 2000;

    /// <summary>A code is 14 characters.</summary>
    public const int CodeLength = 14;

    /// <summary>The characters of the codes Parley makes (Meta's pattern <c>^[A-Z2-7]{14}$</c>, base32).</summary>
    public const string CodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The image formats <c>generate_qr_image</c> and <c>qr_image_url.format(…)</c> take.</summary>
    public static readonly IReadOnlyList<string> ImageFormats = ["PNG", "SVG"];

    /// <summary>A new random code.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>
    /// Whether a code has the shape of one: 14 upper-case letters and digits. Meta's own examples hold digits outside its
    /// pattern (<c>5QBPAD2DC6L5A1</c>), so any digit is taken and an unknown code is then "not found".
    /// </summary>
    public static bool IsCodeShaped(string? code) =>
        code is { Length: CodeLength } && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));

    /// <summary>The error for a code that does not have the shape of one (Meta: code 100).</summary>
    public static WhatsAppError InvalidCode() =>
        ErrorCatalog.InvalidParameter.With("Invalid QR code ID format. Expected 14-character alphanumeric string");

    /// <summary>The error for a code the phone number does not have (Meta: code 803, "QR code not found").</summary>
    public static WhatsAppError NotFound(string code) =>
        ErrorCatalog.QrCodeNotFound.With($"The QR code '{code}' you're trying to access doesn't exist or has been deleted");

    /// <summary>An error when the pre-filled message is missing, blank or longer than <see cref="PrefilledMessageMaxLength"/>.</summary>
    public static WhatsAppError? CheckPrefilledMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter prefilled_message is required.");
        }
        var length = message.EnumerateRunes().Count();
        return length > PrefilledMessageMaxLength
            ? ErrorCatalog.InvalidParameter.With($"Invalid prefilled_message length. Maximum {PrefilledMessageMaxLength} characters allowed")
            : null;
    }

    /// <summary>The image format, upper-cased; an error when it is not PNG or SVG.</summary>
    public static Outcome<string> CheckImageFormat(string? format)
    {
        var upper = format?.Trim().ToUpperInvariant();
        return upper is not null && ImageFormats.Contains(upper)
            ? upper
            : ErrorCatalog.InvalidParameter.With($"Param generate_qr_image must be one of {{PNG, SVG}} - got \"{format}\".");
    }

    /// <summary>The error when the phone number has <see cref="MaxCodesPerNumber"/> codes already (the error code is UNCONFIRMED).</summary>
    public static WhatsAppError TooManyCodes() =>
        ErrorCatalog.InvalidParameter.With($"A phone number can have at most {MaxCodesPerNumber} QR codes and short links. Delete one to create another.");

    /// <summary>WhatsApp's click-to-chat link with the number and the text typed in: <c>https://wa.me/{digits}?text=…</c>.</summary>
    public static string ChatLink(string displayPhoneNumber, string prefilledMessage)
    {
        var digits = new StringBuilder();
        foreach (var c in displayPhoneNumber.Where(char.IsAsciiDigit))
        {
            digits.Append(c);
        }
        return $"https://wa.me/{digits}?text={Uri.EscapeDataString(prefilledMessage)}";
    }
}
