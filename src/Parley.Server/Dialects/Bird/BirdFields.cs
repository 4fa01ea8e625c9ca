using System.Text.Json;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// Collects the Channels API's 422 details while a request is read: <c>{"&lt;field path&gt;": ["message", …]}</c>, the
/// <c>ValidationError.details</c> shape (dialects digest B.8).
/// </summary>
internal sealed class BirdFields
{
    private readonly Dictionary<string, List<string>> _details = new(StringComparer.Ordinal);

    public bool IsValid => _details.Count == 0;

    public IReadOnlyDictionary<string, List<string>> Details => _details;

    public void Add(string field, string message)
    {
        if (!_details.TryGetValue(field, out var messages))
        {
            _details[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>The object at <paramref name="name"/>, or null (with a detail when required or of the wrong kind).</summary>
    public JsonElement? Object(JsonElement parent, string path, string name, bool required)
    {
        var value = Get(parent, name);
        if (value is null)
        {
            if (required)
            {
                Add(Join(path, name), "is required");
            }
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            Add(Join(path, name), "must be an object");
            return null;
        }
        return value;
    }

    /// <summary>The array at <paramref name="name"/> (empty when absent and not required).</summary>
    public IReadOnlyList<JsonElement> Array(JsonElement parent, string path, string name, bool required)
    {
        var value = Get(parent, name);
        if (value is null)
        {
            if (required)
            {
                Add(Join(path, name), "is required");
            }
            return [];
        }
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            Add(Join(path, name), "must be an array");
            return [];
        }
        var items = value.Value.EnumerateArray().ToList();
        if (required && items.Count == 0)
        {
            Add(Join(path, name), "must not be empty");
        }
        return items;
    }

    /// <summary>The string at <paramref name="name"/>; empty strings count as absent.</summary>
    public string? String(JsonElement parent, string path, string name, bool required, int? maxLength = null)
    {
        var value = Get(parent, name);
        if (value is null)
        {
            if (required)
            {
                Add(Join(path, name), "is required");
            }
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.String)
        {
            Add(Join(path, name), "must be a string");
            return null;
        }
        var text = value.Value.GetString()!;
        if (text.Length == 0)
        {
            if (required)
            {
                Add(Join(path, name), "must not be empty");
            }
            return null;
        }
        if (maxLength is { } max && text.Length > max)
        {
            Add(Join(path, name), $"must be at most {max} characters long");
        }
        return text;
    }

    public double? Number(JsonElement parent, string path, string name, double min, double max)
    {
        var value = Get(parent, name);
        if (value is null)
        {
            Add(Join(path, name), "is required");
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetDouble(out var number))
        {
            Add(Join(path, name), "must be a number");
            return null;
        }
        if (number < min || number > max)
        {
            Add(Join(path, name), $"must be between {min} and {max}");
        }
        return number;
    }

    public static bool Bool(JsonElement parent, string name) => Get(parent, name) is { ValueKind: JsonValueKind.True };

    /// <summary>Reports every key of <paramref name="obj"/> not in <paramref name="allowed"/> (the schema's <c>additionalProperties: false</c>).</summary>
    public void AllowOnly(JsonElement obj, string path, params string[] allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Add(Join(path, property.Name), "is not a known field");
            }
        }
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    private static JsonElement? Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
