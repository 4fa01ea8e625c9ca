using System.Text.Json;

namespace Parley.Core.Flows.FlowJson;

/// <summary>
/// A flow's screen graph: the declared <c>routing_model</c> when there is one (flows with an endpoint), else the graph
/// Meta derives from the <c>navigate</c> actions. Only edges between known screens are kept; self-loops are left out
/// (they are reported on their own).
/// </summary>
internal sealed class FlowRouting
{
    private readonly Dictionary<string, List<string>> _routes;
    private readonly Dictionary<string, List<string>> _inbound;

    private FlowRouting(IReadOnlyList<string> screens, bool declared)
    {
        Screens = screens;
        Declared = declared;
        _routes = screens.ToDictionary(s => s, _ => new List<string>(), StringComparer.Ordinal);
        _inbound = screens.ToDictionary(s => s, _ => new List<string>(), StringComparer.Ordinal);
    }

    /// <summary>Screen ids in document order.</summary>
    public IReadOnlyList<string> Screens { get; }

    /// <summary>Whether the graph is the declared routing model (else derived from navigate actions).</summary>
    public bool Declared { get; }

    /// <summary>Builds the graph of <paramref name="shape"/>.</summary>
    public static FlowRouting Of(FlowShape shape)
    {
        var ids = shape.Screens.Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var graph = new FlowRouting(ids, shape.RoutingModel is not null);
        if (shape.RoutingModel is { } model)
        {
            foreach (var route in model.EnumerateObject())
            {
                if (route.Value.ValueKind != JsonValueKind.Array) continue;
                foreach (var target in route.Value.EnumerateArray())
                {
                    if (target.ValueKind == JsonValueKind.String) graph.Add(route.Name, target.GetString()!);
                }
            }
        }
        else
        {
            foreach (var screen in shape.Screens)
            {
                foreach (var action in screen.Actions)
                {
                    if (action.NextScreen is { } next) graph.Add(screen.Id, next);
                }
            }
        }
        return graph;
    }

    /// <summary>The screens <paramref name="screen"/> may go to next.</summary>
    public IReadOnlyList<string> RoutesFrom(string screen) => _routes.TryGetValue(screen, out var to) ? to : [];

    /// <summary>Screens nothing routes to, in document order.</summary>
    public IReadOnlyList<string> Entries() =>
        Screens.Where(s => _inbound[s].Count == 0).ToList();

    /// <summary>Screens with neither inbound nor outbound routes.</summary>
    public IReadOnlyList<string> Isolated() =>
        Screens.Where(s => _routes[s].Count == 0 && _inbound[s].Count == 0).ToList();

    /// <summary>Screens not connected (ignoring direction) to <paramref name="start"/>.</summary>
    public IReadOnlyList<string> Disconnected(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var screen))
        {
            foreach (var next in _routes[screen].Concat(_inbound[screen]))
            {
                if (seen.Add(next)) queue.Enqueue(next);
            }
        }
        return Screens.Where(s => !seen.Contains(s)).ToList();
    }

    /// <summary>The screens of a cycle longer than two (two-screen cycles are backward routes), or null.</summary>
    public IReadOnlyList<string>? Loop()
    {
        var state = Screens.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var screen in Screens)
        {
            if (state[screen] == 0 && Visit(screen) is { } loop) return loop;
        }
        return null;

        IReadOnlyList<string>? Visit(string screen)
        {
            state[screen] = 1;
            path.Add(screen);
            foreach (var next in _routes[screen])
            {
                if (state[next] == 1)
                {
                    var cycle = path[path.IndexOf(next)..];
                    if (cycle.Count > 2) return cycle;
                }
                else if (state[next] == 0 && Visit(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[screen] = 2;
            return null;
        }
    }

    private void Add(string from, string to)
    {
        if (from == to || !_routes.TryGetValue(from, out var targets) || !_routes.ContainsKey(to) || targets.Contains(to)) return;
        targets.Add(to);
        _inbound[to].Add(from);
    }
}
