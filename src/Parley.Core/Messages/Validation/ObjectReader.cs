using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Core.Messages.Validation;

/// <summary>
/// Reads one JSON object of a request, naming every parameter by its path and reporting the first problem to the
/// shared <see cref="ValidationState"/>. Reads on an absent object, or after an error, do nothing and return null,
/// so validators stay declarative lists of checks. This part walks the structure; ObjectReader.Values.cs reads leaves.
/// </summary>
/// <remarks>JSON <c>null</c> counts as absent everywhere: required → 131008, optional → skipped.</remarks>
internal readonly partial struct ObjectReader(ValidationState state, JsonElement element, string path)
{
    public ValidationState State { get; } = state;
    public JsonElement Element { get; } = element;
    public string Path { get; } = path;

    /// <summary>Whether the object exists (it may still have failed a later check).</summary>
    public bool IsPresent => Element.ValueKind == JsonValueKind.Object;

    private bool Active => IsPresent && !State.Failed;

    public string ChildPath(string key) => ParamPath.Child(Path, key);

    /// <summary>Whether <paramref name="key"/> holds a non-null value.</summary>
    public bool Has(string key) => TryGet(key, required: false, out _);

    /// <summary>Whether <paramref name="key"/> is absent, null or an empty string.</summary>
    public bool IsBlank(string key) =>
        !TryGet(key, required: false, out var value) || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

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

    public ObjectReader RequiredObject(string key) => ReadObject(key, required: true);

    public ObjectReader OptionalObject(string key) => ReadObject(key, required: false);

    /// <summary>An array whose length must be within [<paramref name="minItems"/>, <paramref name="maxItems"/>] (131009 otherwise).</summary>
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
            State.Invalid($"Param {Path} must have either {first} or {second}, not both.");
            return null;
        }
        if (!hasFirst && !hasSecond)
        {
            State.MissingEither(ChildPath(first), ChildPath(second));
            return null;
        }
        return hasFirst ? first : second;
    }

    /// <summary>131008 for <paramref name="key"/>, unless the object is absent or an error was already found.</summary>
    public void Missing(string key) => Fail(ErrorCatalog.RequiredParameterMissing, $"The parameter {ChildPath(key)} is required.");

    /// <summary>131009 with the given details, unless the object is absent or an error was already found.</summary>
    public void Invalid(string details) => Fail(ErrorCatalog.ParameterValueNotValid, details);

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

    /// <summary>The non-null value of <paramref name="key"/>; when it has none and is <paramref name="required"/>, reports 131008.</summary>
    private bool TryGet(string key, bool required, out JsonElement value)
    {
        value = default;
        if (!Active)
        {
            return false;
        }
        if (Element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        if (required)
        {
            State.Missing(ChildPath(key));
        }
        return false;
    }

    private ObjectReader ReadObject(string key, bool required)
    {
        var childPath = ChildPath(key);
        if (!TryGet(key, required, out var value))
        {
            return new ObjectReader(State, default, childPath);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            State.WrongType(childPath, "an object");
            return new ObjectReader(State, default, childPath);
        }
        return new ObjectReader(State, value, childPath);
    }

    private ArrayReader ReadArray(string key, bool required, int minItems, int maxItems)
    {
        var childPath = ChildPath(key);
        if (!TryGet(key, required, out var value))
        {
            return new ArrayReader(State, default, childPath);
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            State.WrongType(childPath, "an array");
            return new ArrayReader(State, default, childPath);
        }
        var count = value.GetArrayLength();
        if (count < minItems || count > maxItems)
        {
            State.Invalid(maxItems == int.MaxValue
                ? $"Param {childPath} must contain at least {minItems} items."
                : $"Param {childPath} must contain between {minItems} and {maxItems} items.");
            return new ArrayReader(State, default, childPath);
        }
        return new ArrayReader(State, value, childPath);
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
}
