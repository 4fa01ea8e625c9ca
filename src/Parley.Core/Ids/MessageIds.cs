using System.Security.Cryptography;

namespace Parley.Core.Ids;

/// <summary>Ids in WhatsApp's shapes.</summary>
public static class MessageIds
{
    public const string Prefix = "wamid.";

    private static long _lastTick;

    /// <summary>
    /// A new <c>wamid.</c> id, 38 characters (WhatsApp allows 128): 16 hex digits of a per-process increasing
    /// millisecond-and-counter value, then 16 random base64url characters. Ids sort by creation, so stores append
    /// them to their indexes instead of writing all over them.
    /// </summary>
    public static string NewWamid()
    {
        long tick, last;
        do
        {
            last = Interlocked.Read(ref _lastTick);
            tick = Math.Max(last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 12);
        }
        while (Interlocked.CompareExchange(ref _lastTick, tick, last) != last);
        return Prefix + tick.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + RandomToken(12);
    }

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
