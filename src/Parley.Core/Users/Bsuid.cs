namespace Parley.Core.Users;

/// <summary>
/// A business-scoped user ID (BSUID): WhatsApp's identifier of a user within one business portfolio, sent as
/// <c>user_id</c> in webhooks and accepted as <c>recipient</c> in sends. Its shape (Meta, "Business-scoped user IDs"):
/// a two-letter ISO 3166 country code, a dot, and 1–128 letters and digits — <c>US.13491208655302741918</c>. A parent
/// BSUID, shared by linked business portfolios, has <c>ENT.</c> after the country: <c>US.ENT.11815799212886844830</c>.
/// A phone number never has this shape (no letters, no dot before the digits), so a stored identity tells which it is.
/// </summary>
public static class Bsuid
{
    /// <summary>The longest alphanumeric part Meta allows after the country (and <c>ENT.</c>).</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest BSUID: country, dot, <c>ENT.</c> and the id.</summary>
    public const int MaxLength = 2 + 1 + 4 + MaxIdLength;

    private const string ParentMarker = "ENT.";

    /// <summary>Whether <paramref name="value"/> is a BSUID or a parent BSUID.</summary>
    public static bool IsValid(string? value) => value is not null && IdPart(value) is { } id && IsAlphanumeric(id);

    /// <summary>Whether <paramref name="value"/> is a parent BSUID (<c>CC.ENT.…</c>).</summary>
    public static bool IsParent(string? value) => IsValid(value) && value![3..].StartsWith(ParentMarker, StringComparison.Ordinal);

    /// <summary>The country of a valid BSUID (<c>US</c>), or null.</summary>
    public static string? CountryOf(string? value) => IsValid(value) ? value![..2] : null;

    private static string? IdPart(string value)
    {
        if (value.Length < 4 || value.Length > MaxLength || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]) || value[2] != '.')
        {
            return null;
        }
        var rest = value[3..];
        if (rest.StartsWith(ParentMarker, StringComparison.Ordinal) && rest.Length > ParentMarker.Length)
        {
            rest = rest[ParentMarker.Length..];
        }
        return rest.Length is > 0 and <= MaxIdLength ? rest : null;
    }

    private static bool IsAlphanumeric(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
