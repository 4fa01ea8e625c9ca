using System.Security.Cryptography;

namespace Parley.Core.Ids;

/// <summary>Ids in WhatsApp's shapes.</summary>
public static class MessageIds
{
    public const string Prefix = "wamid.";

    /// <summary>A new <c>wamid.</c> id: 20 random bytes, base64url — 33 characters, well under WhatsApp's 128.</summary>
    public static string NewWamid() => Prefix + RandomToken(20);

    /// <summary>A random numeric id of the given length, like the Graph API's object ids.</summary>
    public static string NewNumericId(int length = 15)
    {
        Span<char> digits = stackalloc char[length];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
        return new string(digits);
    }

    /// <summary>Random bytes as base64url text without padding.</summary>
    public static string RandomToken(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
