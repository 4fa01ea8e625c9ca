using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Flows;

/// <summary>
/// A dynamic reference in Flow JSON, as an action payload declares it: <c>${form.x}</c> (an answer on the current
/// screen), <c>${data.x}</c> (the current screen's data), or their global forms <c>${screen.S.form.x}</c> and
/// <c>${screen.S.data.x}</c>. <see cref="Name"/> may be a dotted path into data (<c>${data.user.name}</c>).
/// </summary>
/// <param name="Screen">The screen named by a global reference; null for the current screen.</param>
/// <param name="Source"><c>form</c> or <c>data</c>.</param>
/// <param name="Name">The form component's name, or the data path.</param>
public sealed partial record FlowReference(string? Screen, string Source, string Name)
{
    /// <summary>The reference <paramref name="value"/> is in whole, or null when it is a literal.</summary>
    public static FlowReference? TryParse(string? value)
    {
        if (value is null) return null;
        var match = Pattern().Match(value);
        return match.Success ? new FlowReference(match.Groups[1].Success ? match.Groups[1].Value : null, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    /// <summary>
    /// The payload a user's client sends for <paramref name="declared"/>: every string that is a reference, at any depth,
    /// becomes what <paramref name="resolve"/> answers for it; every other value is kept as declared.
    /// </summary>
    public static JsonObject Fill(JsonObject declared, Func<FlowReference, JsonNode?> resolve)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(resolve);
        return (JsonObject)Fill((JsonNode)declared, resolve)!;
    }

    private static JsonNode? Fill(JsonNode? node, Func<FlowReference, JsonNode?> resolve) => node switch
    {
        JsonObject o => o.Aggregate(new JsonObject(), (filled, p) => { filled[p.Key] = Fill(p.Value, resolve); return filled; }),
        JsonArray a => new JsonArray(a.Select(item => Fill(item, resolve)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var text) && TryParse(text) is { } reference => resolve(reference)?.DeepClone(),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"^\$\{(?:screen\.([A-Za-z_]+)\.)?(form|data)\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\}$")]
    private static partial Regex Pattern();
}
