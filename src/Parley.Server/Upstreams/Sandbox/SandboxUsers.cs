using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Parley.Core.Users;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Who the simulated users are, by documented rules (docs/sandbox.md, "Identities"): every simulated user has a
/// deterministic BSUID derived from the business account and their number (the country from the number's calling code),
/// so the same user has the same BSUID in every test and on every node; and a number ending in <c>0505</c> belongs to a
/// user with a username who has not shared their number with the business (their messages carry only the BSUID).
/// </summary>
internal static class SandboxUsers
{
    /// <summary>The last four digits of users who have a username and do not share their number.</summary>
    public const string UsernameOnlySuffix = "0505";

    private static readonly (string Code, string Country)[] Countries =
    [
        ("1", "US"), ("7", "RU"), ("20", "EG"), ("27", "ZA"), ("31", "NL"), ("32", "BE"), ("33", "FR"), ("34", "ES"),
        ("39", "IT"), ("41", "CH"), ("44", "GB"), ("49", "DE"), ("52", "MX"), ("54", "AR"), ("55", "BR"), ("57", "CO"),
        ("60", "MY"), ("61", "AU"), ("62", "ID"), ("63", "PH"), ("65", "SG"), ("81", "JP"), ("82", "KR"), ("86", "CN"),
        ("90", "TR"), ("91", "IN"), ("92", "PK"), ("234", "NG"), ("254", "KE"), ("351", "PT"), ("971", "AE"), ("972", "IL"),
    ];

    /// <summary>The BSUID of the simulated user with number <paramref name="waId"/> for <paramref name="accountId"/>'s business.</summary>
    public static string BsuidOf(string accountId, string waId) => CountryOf(waId) + "." + Digits(accountId + ":" + waId);

    /// <summary>The BSUID a simulated user gets when their BSUID changes: derived from the one they had.</summary>
    public static string NextBsuid(string previous) => previous[..2] + "." + Digits("changed:" + previous);

    /// <summary>Whether the user of <paramref name="waId"/> has a username and keeps their number from the business.</summary>
    public static bool HidesNumber(string waId) => waId.EndsWith(UsernameOnlySuffix, StringComparison.Ordinal);

    /// <summary>The username of a simulated user who has one.</summary>
    public static string UsernameOf(string waId) => "sandbox.user" + waId[^Math.Min(4, waId.Length)..];

    /// <summary>A simulated user as the network shows them to the business.</summary>
    public static WhatsAppUser User(string accountId, string waId, bool sharesNumber, string? username, string profileName) =>
        new(sharesNumber ? waId : null, BsuidOf(accountId, waId), null, username ?? (HidesNumber(waId) ? UsernameOf(waId) : null), profileName);

    /// <summary>The ISO country of the number's calling code (longest match); <c>ZZ</c> when the simulator does not know it.</summary>
    private static string CountryOf(string waId) =>
        Countries.Where(c => waId.StartsWith(c.Code, StringComparison.Ordinal)).OrderByDescending(c => c.Code.Length).Select(c => c.Country).FirstOrDefault() ?? "ZZ";

    /// <summary>20 decimal digits from a hash of <paramref name="seed"/> (Meta's examples are of that length).</summary>
    private static string Digits(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return BinaryPrimitives.ReadUInt64BigEndian(hash).ToString("D20", CultureInfo.InvariantCulture);
    }
}
