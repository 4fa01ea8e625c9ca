using System.Text.Json;

namespace Parley.Core.Flows.FlowJson;

/// <summary>What the schema pass learned of a Flow JSON document, for the flow-level checks and the parsed model.</summary>
internal sealed class FlowShape
{
    /// <summary>The declared <c>version</c>, when it is a string.</summary>
    public string? Version { get; set; }
    /// <summary>The declared <c>data_api_version</c>, when it is a string.</summary>
    public string? DataApiVersion { get; set; }
    /// <summary>The <c>routing_model</c> object, when present and an object.</summary>
    public JsonElement? RoutingModel { get; set; }
    /// <summary>The screens in document order (only those that are objects with a string id).</summary>
    public List<ScreenFacts> Screens { get; } = [];
}

/// <summary>One screen as the checks see it.</summary>
internal sealed class ScreenFacts(string id, string pointer)
{
    /// <summary>The screen id.</summary>
    public string Id { get; } = id;
    /// <summary>JSON pointer of the screen object.</summary>
    public string Pointer { get; } = pointer;
    /// <summary>The screen's <c>title</c>.</summary>
    public string? Title { get; set; }
    /// <summary>Whether the screen is <c>terminal</c>.</summary>
    public bool Terminal { get; set; }
    /// <summary>The screen's <c>success</c> flag; Meta's default is true.</summary>
    public bool? Success { get; set; }
    /// <summary>Whether the screen declares <c>refresh_on_back: true</c>.</summary>
    public bool RefreshOnBack { get; set; }
    /// <summary>The most Footers one rendering of the screen can show (If/Switch branches count once).</summary>
    public int Footers { get; set; }
    /// <summary>Names of the screen's input components (the keys of <c>${form.…}</c>).</summary>
    public List<string> InputNames { get; } = [];
    /// <summary>How many components of each type the screen has, in all branches.</summary>
    public Dictionary<string, int> ComponentCounts { get; } = new(StringComparer.Ordinal);
    /// <summary>Whether the screen has a Form component.</summary>
    public bool HasForm { get; set; }
    /// <summary>Input components that sit outside any Form, by type.</summary>
    public List<string> InputsOutsideForm { get; } = [];
    /// <summary>Every action the screen's components carry.</summary>
    public List<ActionFacts> Actions { get; } = [];
}

/// <summary>One action of a component.</summary>
/// <param name="Name">navigate, complete, data_exchange, update_data or open_url.</param>
/// <param name="Pointer">JSON pointer of the action object.</param>
/// <param name="NextScreen">For navigate, <c>next.name</c>.</param>
/// <param name="Payload">The action's <c>payload</c> object, if any.</param>
internal sealed record ActionFacts(string Name, string Pointer, string? NextScreen, JsonElement? Payload);
