using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Flows.FlowJson;

namespace Parley.Core.Flows;

/// <summary>
/// A Flow JSON document read for playing it: its screens, what each asks for and what each action does. The sandbox
/// uses it to complete a flow as a user would; it does not validate (see <see cref="FlowJsonValidator"/>).
/// </summary>
public sealed class FlowDefinition
{
    private readonly Dictionary<string, FlowScreen> _byId;

    private FlowDefinition(string version, string? dataApiVersion, IReadOnlyList<FlowScreen> screens, FlowScreen first)
    {
        Version = version;
        DataApiVersion = dataApiVersion;
        Screens = screens;
        FirstScreen = first;
        _byId = screens.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The declared Flow JSON <c>version</c> ("" when it has none).</summary>
    public string Version { get; }

    /// <summary>The declared <c>data_api_version</c>, set for flows with an endpoint.</summary>
    public string? DataApiVersion { get; }

    /// <summary>The screens in document order.</summary>
    public IReadOnlyList<FlowScreen> Screens { get; }

    /// <summary>The routing model's entry (the first screen nothing routes to), or the first screen.</summary>
    public FlowScreen FirstScreen { get; }

    /// <summary>The screen with id <paramref name="id"/>, or null.</summary>
    public FlowScreen? Screen(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads <paramref name="flowJson"/>; null when it is not JSON or has no screens with ids.</summary>
    public static FlowDefinition? TryParse(string flowJson)
    {
        if (string.IsNullOrEmpty(flowJson)) return null;
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(flowJson);
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = FlowComponents.MaxJsonDepth });
            var report = new FlowJsonReport(bytes);
            var shape = FlowJsonSchema.Check(document.RootElement, report);
            if (shape.Screens.Count == 0) return null;

            var screens = shape.Screens.Select(s => new FlowScreen(
                s.Id, s.Title, s.Terminal, s.InputNames.ToList(),
                s.Actions.Select(a => new FlowAction(a.Name, a.NextScreen, Payload(a.Payload))).ToList())).ToList();
            var entries = FlowRouting.Of(shape).Entries();
            var first = entries.Count > 0 ? screens.First(s => s.Id == entries[0]) : screens[0];
            var version = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            return new FlowDefinition(version, shape.DataApiVersion, screens, first);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The payload as a node; a key given twice keeps its last value, as JavaScript's JSON.parse does.</summary>
    private static JsonObject? Payload(JsonElement? payload) => payload is { } element ? (JsonObject)ToNode(element)! : null;

    private static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new JsonObject(), (o, p) => { o[p.Name] = ToNode(p.Value); return o; }),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(ToNode).ToArray()),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element.Clone()),
    };
}

/// <summary>One screen of a flow.</summary>
/// <param name="Id">The screen id.</param>
/// <param name="Title">The screen's title.</param>
/// <param name="Terminal">Whether the flow may end on this screen.</param>
/// <param name="InputNames">Names of the screen's input components (the keys of <c>${form.…}</c>).</param>
/// <param name="Actions">The actions of the screen's components, in document order.</param>
public sealed record FlowScreen(string Id, string? Title, bool Terminal, IReadOnlyList<string> InputNames, IReadOnlyList<FlowAction> Actions);

/// <summary>One action of a component.</summary>
/// <param name="Name">navigate, complete, data_exchange, update_data or open_url.</param>
/// <param name="NextScreen">For navigate, the screen it goes to.</param>
/// <param name="Payload">The action's payload: literal values and <c>${form.x}</c> / <c>${data.x}</c> references.</param>
public sealed record FlowAction(string Name, string? NextScreen, JsonObject? Payload);
