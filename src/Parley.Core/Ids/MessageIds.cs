using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace Parley.Core.Ids;

/// <summary>Ids in WhatsApp's shapes.</summary>
public static class MessageIds
{
    public const string Prefix = "wamid.";

    /// <summary>Random bytes at the end of a wamid: 16 base64url characters.</summary>
    private const int WamidRandomBytes = 12;

    private const int WamidRandomChars = WamidRandomBytes / 3 * 4;

    private static long _lastTick;

    /// <summary>
    /// A new <c>wamid.</c> id, 38 characters (WhatsApp allows 128): 16 hex digits of a per-process increasing
    /// millisecond-and-counter value, then 16 random base64url characters. Ids sort by creation, so stores append
    /// them to their indexes instead of writing all over them. A wamid is a name, not a secret (it is shown to whoever
    /// sends or receives the message), so its random part comes from the fast non-cryptographic <see cref="Random.Shared"/>;
    /// 96 random bits after a per-process unique prefix keep ids of several nodes apart. Built in one allocation.
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
        return string.Create(Prefix.Length + 16 + WamidRandomChars, tick, static (chars, tick) =>
        {
            Prefix.AsSpan().CopyTo(chars);
            tick.TryFormat(chars.Slice(Prefix.Length, 16), out _, "x16", CultureInfo.InvariantCulture);
            Span<byte> random = stackalloc byte[WamidRandomBytes];
            Random.Shared.NextBytes(random);
            Base64Url.EncodeToChars(random, chars[(Prefix.Length + 16)..]);
        });
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
