using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// What the simulated WhatsApp client reads from a Flow JSON to play it (Meta, "Flow JSON"): the screens, the first
/// one (the entry of <c>routing_model</c>, else the first listed), each screen's input fields and its actions
/// (<c>on-click-action</c> of Footers, EmbeddedLinks, OptIns…), whether a field is required, whether going back
/// refreshes the screen, and the screen as declared (for the phone simulator to draw). Payloads are filled by
/// <see cref="Core.Flows.FlowReference"/>.
/// A published flow's JSON passed validation; a draft's is read leniently (what cannot be read is not offered).
/// </summary>
internal sealed class SandboxFlowScript
{
    private static readonly string[] ActionKeys = ["on-click-action", "on-select-action"];

    private readonly Dictionary<string, JsonObject> _screens;

    private readonly JsonObject? _routing;

    private SandboxFlowScript(Dictionary<string, JsonObject> screens, string firstScreen, JsonObject? routing)
    {
        _screens = screens;
        FirstScreen = firstScreen;
        _routing = routing;
    }

    public string FirstScreen { get; }

    /// <summary>An action a screen offers: its name (<c>navigate</c>, <c>complete</c>, <c>data_exchange</c>…), the next screen of a navigate, its payload.</summary>
    public sealed record ScreenAction(string Name, string? Next, JsonObject Payload);

    /// <summary>An input of a screen: its name and whether the user must fill it.</summary>
    public sealed record Field(string Name, bool Required);

    /// <summary>The script of <paramref name="flowJson"/>, or null when it has no screens to play.</summary>
    public static SandboxFlowScript? Read(string? flowJson)
    {
        if (flowJson is null)
        {
            return null;
        }
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(flowJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        if (root?["screens"] is not JsonArray list)
        {
            return null;
        }
        var screens = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var screen in list.OfType<JsonObject>())
        {
            if (Text(screen["id"]) is { } id)
            {
                screens.TryAdd(id, screen);
            }
        }
        if (screens.Count == 0)
        {
            return null;
        }
        var first = Text(list.OfType<JsonObject>().First(s => Text(s["id"]) is not null)["id"])!;
        if (root["routing_model"] is JsonObject routing)
        {
            var targets = routing.SelectMany(r => r.Value is JsonArray next ? next.Select(Text) : []).ToHashSet(StringComparer.Ordinal);
            first = routing.Select(r => r.Key).FirstOrDefault(id => screens.ContainsKey(id) && !targets.Contains(id)) ?? first;
        }
        return new SandboxFlowScript(screens, first, root["routing_model"] as JsonObject);
    }

    public bool HasScreen(string id) => _screens.ContainsKey(id);

    /// <summary>
    /// Whether the routing model lets an endpoint send the user from <paramref name="from"/> to <paramref name="to"/>
    /// (Meta: routes are checked "during server / client side payload validations"); any move without a routing model.
    /// </summary>
    public bool Routes(string from, string to) =>
        _routing is null || (_routing[from] is JsonArray next && next.Any(n => Text(n) == to));

    /// <summary>The screen as its Flow JSON declares it (a copy), for the phone simulator to draw.</summary>
    public JsonObject Screen(string id) => (JsonObject)_screens[id].DeepClone();

    public bool IsTerminal(string id) => _screens[id]["terminal"] is JsonValue terminal && terminal.TryGetValue<bool>(out var value) && value;

    /// <summary>Whether going back from the screen asks the endpoint (<c>refresh_on_back</c>).</summary>
    public bool RefreshesOnBack(string id) => _screens[id]["refresh_on_back"] is JsonValue refresh && refresh.TryGetValue<bool>(out var value) && value;

    /// <summary>The screen's actions in layout order (the Footer's is the one a screen normally ends with).</summary>
    public IReadOnlyList<ScreenAction> Actions(string id)
    {
        var actions = new List<(bool Footer, ScreenAction Action)>();
        Walk(_screens[id]["layout"], node =>
        {
            foreach (var key in ActionKeys)
            {
                if (node[key] is JsonObject action && Text(action["name"]) is { } name)
                {
                    actions.Add((Text(node["type"]) == "Footer", new ScreenAction(name, Text(action["next"]?["name"]), action["payload"] as JsonObject ?? [])));
                }
            }
        });
        return [.. actions.Where(a => a.Footer).Concat(actions.Where(a => !a.Footer)).Select(a => a.Action)];
    }

    /// <summary>The screen's inputs: every component with a <c>name</c> but a Form (which only groups them).</summary>
    public IReadOnlyList<Field> Fields(string id)
    {
        var fields = new List<Field>();
        Walk(_screens[id]["layout"], node =>
        {
            if (Text(node["type"]) is { } type && type is not "Form" && Text(node["name"]) is { } name)
            {
                fields.Add(new Field(name, node["required"] is JsonValue required && required.TryGetValue<bool>(out var value) && value));
            }
        });
        return fields;
    }

    private static void Walk(JsonNode? node, Action<JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                visit(obj);
                foreach (var (key, child) in obj)
                {
                    // An action's payload is data, not components.
                    if (key is not ("on-click-action" or "on-select-action" or "data-source" or "init-values"))
                    {
                        Walk(child, visit);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, visit);
                }
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
