using System.Globalization;

namespace Parley.Core.Analytics;

/// <summary>
/// The arguments of a Graph field expansion (<c>pricing_analytics.start(1750143600).granularity(DAILY).dimensions(["PHONE"])</c>),
/// by modifier name, as the caller wrote them: read as text, a Unix time, or a list.
/// </summary>
public sealed class FieldArguments(IReadOnlyDictionary<string, string> values)
{
    public static readonly FieldArguments None = new(new Dictionary<string, string>());

    /// <summary>The names given, for refusing the ones a field does not take.</summary>
    public IEnumerable<string> Names => values.Keys;

    /// <summary>The argument as written, trimmed of blanks and quotes; null when absent or blank.</summary>
    public string? Text(string name) =>
        values.TryGetValue(name, out var value) && value.Trim().Trim('"', '\'').Trim() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// A list argument as callers write it: a JSON array (<c>["A","B"]</c>, Meta's form), a bare comma list (<c>A,B</c>)
    /// or one value. Empty when absent.
    /// </summary>
    public IReadOnlyList<string> List(string name) => values.TryGetValue(name, out var value) ? ListOf(value) : [];

    /// <summary>The items of one list value (see <see cref="List(string)"/>).</summary>
    public static IReadOnlyList<string> ListOf(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(i => i.Trim('"', '\'')).Where(i => i.Length > 0)];
    }

    /// <summary>A Unix time in seconds; null when absent, or not a whole number of seconds.</summary>
    public DateTimeOffset? UnixTime(string name, out bool malformed)
    {
        malformed = false;
        if (Text(name) is not { } text)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        malformed = true;
        return null;
    }
}
