using System.Globalization;
using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Messages.Validation;

/// <summary>
/// Reads one JSON object of a request, naming every parameter by its path and reporting the first problem to the
/// shared <see cref="ValidationState"/>. Reads on an absent object, or after an error, do nothing and return null:
/// validators stay declarative lists of checks.
/// </summary>
/// <remarks>JSON <c>null</c> counts as absent everywhere: required → 131008, optional → skipped.</remarks>
internal readonly struct ObjectReader(ValidationState state, JsonElement element, string path)
{
    public ValidationState State { get; } = state;
    public JsonElement Element { get; } = element;
    public string Path { get; } = path;

    /// <summary>Whether the object exists (it may still have failed a later check).</summary>
    public bool IsPresent => Element.ValueKind == JsonValueKind.Object;

    private bool Active => IsPresent && !State.Failed;

    public string ChildPath(string key) => ParamPath.Child(Path, key);

    /// <summary>Whether <paramref name="key"/> holds a non-null value.</summary>
    public bool Has(string key) => TryGet(key, out _);

    /// <summary>Whether <paramref name="key"/> is absent, null or an empty string.</summary>
    public bool IsBlank(string key) =>
        !TryGet(key, out var value) || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    /// <summary>Rejects any key not listed (100, "Unexpected key …").</summary>
    public ObjectReader AllowOnly(params ReadOnlySpan<string> keys)
    {
        if (!Active)
        {
            return this;
        }
        foreach (var property in Element.EnumerateObject())
        {
            if (!IsListed(property, keys))
            {
                State.UnexpectedKey(property.Name, Path);
                break;
            }
        }
        return this;
    }

    public string? RequiredString(string key, int maxLength = int.MaxValue, bool allowEmpty = false) =>
        ReadString(key, required: true, maxLength, allowEmpty);

    public string? OptionalString(string key, int maxLength = int.MaxValue) =>
        ReadString(key, required: false, maxLength, allowEmpty: true);

    /// <summary>A user-visible label (button title, row title…): empty or too long is 131009 in Meta's words.</summary>
    public string? RequiredLabel(string key, string label, int maxLength) => ReadLabel(key, label, maxLength, required: true);

    public string? OptionalLabel(string key, string label, int maxLength) => ReadLabel(key, label, maxLength, required: false);

    public string? RequiredEnum(string key, params ReadOnlySpan<string> allowed) =>
        ReadEnum(key, required: true, StringComparison.Ordinal, allowed);

    public string? OptionalEnum(string key, params ReadOnlySpan<string> allowed) =>
        ReadEnum(key, required: false, StringComparison.Ordinal, allowed);

    public string? RequiredEnumIgnoringCase(string key, params ReadOnlySpan<string> allowed) =>
        ReadEnum(key, required: true, StringComparison.OrdinalIgnoreCase, allowed);

    /// <summary>An absolute <c>http</c>/<c>https</c> URL (131009 otherwise).</summary>
    public string? RequiredUrl(string key) => CheckUrl(key, RequiredString(key));

    public bool? OptionalBool(string key)
    {
        if (!TryGet(key, out var value))
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
        if (!TryGet(key, out var value))
        {
            if (Active)
            {
                State.Missing(ChildPath(key));
            }
            return null;
        }
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) => number,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => double.NaN,
        };
        if (!double.IsFinite(parsed))
        {
            State.WrongType(ChildPath(key), "a number");
            return null;
        }
        return InRange(key, parsed, min, max) ? parsed : null;
    }

    /// <summary>An integer within [min, max]; with <paramref name="allowString"/> a string of digits is accepted too.</summary>
    public long? RequiredInteger(string key, long min, long max, bool allowString = false) =>
        ReadInteger(key, required: true, min, max, allowString);

    public long? OptionalInteger(string key, long min, long max) => ReadInteger(key, required: false, min, max, allowString: false);

    public ObjectReader RequiredObject(string key) => ReadObject(key, required: true);

    public ObjectReader OptionalObject(string key) => ReadObject(key, required: false);

    public ArrayReader RequiredArray(string key, int minItems, int maxItems) => ReadArray(key, required: true, minItems, maxItems);

    public ArrayReader OptionalArray(string key, int minItems = 0, int maxItems = int.MaxValue) =>
        ReadArray(key, required: false, minItems, maxItems);

    /// <summary>Exactly one of two alternatives (media <c>id</c>/<c>link</c>): both → 131009, neither → 131008.</summary>
    public string? ExactlyOneOf(string first, string second)
    {
        if (!Active)
        {
            return null;
        }
        var (hasFirst, hasSecond) = (Has(first), Has(second));
        if (hasFirst && hasSecond)
        {
            Invalid($"Param {Path} must have either {first} or {second}, not both.");
            return null;
        }
        if (!hasFirst && !hasSecond)
        {
            State.MissingEither(ChildPath(first), ChildPath(second));
            return null;
        }
        return hasFirst ? first : second;
    }

    /// <summary>131009 with the given details, unless the object is absent or an error was already found.</summary>
    public void Invalid(string details)
    {
        if (Active)
        {
            State.Invalid(details);
        }
    }

    /// <summary>131008 for <paramref name="key"/>, unless the object is absent or an error was already found.</summary>
    public void Missing(string key)
    {
        if (Active)
        {
            State.Missing(ChildPath(key));
        }
    }

    /// <summary>Records an error of any kind, unless the object is absent or an error was already found.</summary>
    public void Fail(ErrorDefinition definition, string details)
    {
        if (Active)
        {
            State.Fail(definition, details);
        }
    }

    /// <summary>131009 when <paramref name="value"/> was seen before in the same group.</summary>
    public void RequireUnique(ISet<string> seen, string? value, string description)
    {
        if (value is not null && !seen.Add(value))
        {
            Invalid($"{description} must be unique; \"{ValidationState.Echo(value)}\" is used more than once.");
        }
    }

    private bool TryGet(string key, out JsonElement value)
    {
        value = default;
        return Active && Element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private string? ReadString(string key, bool required, int maxLength, bool allowEmpty)
    {
        if (!TryGet(key, out var value))
        {
            if (required && Active)
            {
                State.Missing(ChildPath(key));
            }
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

    private string? CheckUrl(string key, string? text)
    {
        if (text is null || IsHttpUrl(text))
        {
            return text;
        }
        State.Invalid($"Param {ChildPath(key)} must be a valid http or https URL.");
        return null;
    }

    private long? ReadInteger(string key, bool required, long min, long max, bool allowString)
    {
        if (!TryGet(key, out var value))
        {
            if (required && Active)
            {
                State.Missing(ChildPath(key));
            }
            return null;
        }
        long number;
        var isInteger = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String when allowString => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number),
            _ => NotAnInteger(out number),
        };
        if (!isInteger)
        {
            State.WrongType(ChildPath(key), "an integer");
            return null;
        }
        return InRange(key, number, min, max) ? number : null;

        static bool NotAnInteger(out long number)
        {
            number = 0;
            return false;
        }
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

    private ObjectReader ReadObject(string key, bool required)
    {
        var path = ChildPath(key);
        if (!TryGet(key, out var value))
        {
            if (required && Active)
            {
                State.Missing(path);
            }
            return new ObjectReader(State, default, path);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            State.WrongType(path, "an object");
            return new ObjectReader(State, default, path);
        }
        return new ObjectReader(State, value, path);
    }

    private ArrayReader ReadArray(string key, bool required, int minItems, int maxItems)
    {
        var path = ChildPath(key);
        if (!TryGet(key, out var value))
        {
            if (required && Active)
            {
                State.Missing(path);
            }
            return new ArrayReader(State, default, path);
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            State.WrongType(path, "an array");
            return new ArrayReader(State, default, path);
        }
        var count = value.GetArrayLength();
        if (count < minItems || count > maxItems)
        {
            State.Invalid(maxItems == int.MaxValue
                ? $"Param {path} must contain at least {minItems} items."
                : $"Param {path} must contain between {minItems} and {maxItems} items.");
            return new ArrayReader(State, default, path);
        }
        return new ArrayReader(State, value, path);
    }

    private static bool IsListed(JsonProperty property, ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (property.NameEquals(key))
            {
                return true;
            }
        }
        return false;
    }

    internal static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}
