using System.Globalization;
using System.Text.Json;

namespace Parley.Core.Messages.Validation;

/// <summary>Leaf values: strings, labels, enums, URLs, booleans and numbers.</summary>
internal readonly partial struct ObjectReader
{
    /// <summary>A string of at most <paramref name="maxLength"/> characters (100 beyond); empty counts as missing unless allowed.</summary>
    public string? RequiredString(string key, int maxLength = int.MaxValue, bool allowEmpty = false) =>
        ReadString(key, required: true, maxLength, allowEmpty);

    public string? OptionalString(string key, int maxLength = int.MaxValue) =>
        ReadString(key, required: false, maxLength, allowEmpty: true);

    /// <summary>A user-visible label (button title, row title…): empty or too long is 131009, in Meta's words.</summary>
    public string? RequiredLabel(string key, string label, int maxLength) => ReadLabel(key, label, maxLength, required: true);

    public string? OptionalLabel(string key, string label, int maxLength) => ReadLabel(key, label, maxLength, required: false);

    /// <summary>One of <paramref name="allowed"/> (131009 otherwise); returns the allowed spelling.</summary>
    public string? RequiredEnum(string key, params ReadOnlySpan<string> allowed) =>
        ReadEnum(key, required: true, StringComparison.Ordinal, allowed);

    public string? OptionalEnum(string key, params ReadOnlySpan<string> allowed) =>
        ReadEnum(key, required: false, StringComparison.Ordinal, allowed);

    public string? RequiredEnumIgnoringCase(string key, params ReadOnlySpan<string> allowed) =>
        ReadEnum(key, required: true, StringComparison.OrdinalIgnoreCase, allowed);

    /// <summary>An absolute <c>http</c>/<c>https</c> URL (131009 otherwise).</summary>
    public string? RequiredUrl(string key)
    {
        var text = RequiredString(key);
        if (text is null || IsHttpUrl(text))
        {
            return text;
        }
        State.Invalid($"Param {ChildPath(key)} must be a valid http or https URL.");
        return null;
    }

    public bool? OptionalBool(string key)
    {
        if (!TryGet(key, required: false, out var value))
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        State.WrongType(ChildPath(key), "a boolean");
        return null;
    }

    /// <summary>A finite number within [min, max]; a numeric string is accepted (the spec types coordinates as strings).</summary>
    public double? RequiredNumber(string key, double min, double max)
    {
        if (!TryGet(key, required: true, out var value))
        {
            return null;
        }
        var number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var parsed) => parsed,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        if (!double.IsFinite(number))
        {
            State.WrongType(ChildPath(key), "a number");
            return null;
        }
        return InRange(key, number, min, max) ? number : null;
    }

    /// <summary>An integer within [min, max]; with <paramref name="allowString"/> a string of digits is accepted too.</summary>
    public long? RequiredInteger(string key, long min, long max, bool allowString = false)
    {
        if (!TryGet(key, required: true, out var value))
        {
            return null;
        }
        var number = 0L;
        var isInteger = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String when allowString => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        if (!isInteger)
        {
            State.WrongType(ChildPath(key), "an integer");
            return null;
        }
        return InRange(key, number, min, max) ? number : null;
    }

    private string? ReadString(string key, bool required, int maxLength, bool allowEmpty)
    {
        if (!TryGet(key, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            State.WrongType(ChildPath(key), "a string");
            return null;
        }
        var text = value.GetString()!;
        if (text.Length == 0 && required && !allowEmpty)
        {
            State.Missing(ChildPath(key));
            return null;
        }
        if (TextLength.Exceeds(text, maxLength))
        {
            State.TooLong(ChildPath(key), maxLength);
            return null;
        }
        return text;
    }

    private string? ReadLabel(string key, string label, int maxLength, bool required)
    {
        var text = ReadString(key, required, int.MaxValue, allowEmpty: true);
        if (text is not null && (text.Length == 0 || TextLength.Exceeds(text, maxLength)))
        {
            State.Invalid($"{label} length invalid. Min length: 1, Max length: {maxLength}");
            return null;
        }
        return text;
    }

    private string? ReadEnum(string key, bool required, StringComparison comparison, ReadOnlySpan<string> allowed)
    {
        var text = ReadString(key, required, int.MaxValue, allowEmpty: true);
        if (text is null)
        {
            return null;
        }
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, text, comparison))
            {
                return candidate;
            }
        }
        State.Invalid($"Invalid value \"{ValidationState.Echo(text)}\" for param {ChildPath(key)}. Allowed values: {string.Join(", ", allowed.ToArray())}.");
        return null;
    }

    private bool InRange(string key, double value, double min, double max)
    {
        if (value >= min && value <= max)
        {
            return true;
        }
        State.Invalid($"Param {ChildPath(key)} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        return false;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}
