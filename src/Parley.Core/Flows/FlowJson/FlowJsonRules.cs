using System.Text.Json;

namespace Parley.Core.Flows.FlowJson;

/// <summary>
/// The flow-level checks that follow the schema pass: unique screen ids, terminal screens, where <c>complete</c> and
/// <c>data_exchange</c> may appear, navigate targets, and the routing rules of Meta's "Routing Model Errors" table.
/// </summary>
internal static class FlowJsonRules
{
    private const string Routing = "INVALID_ROUTING_MODEL";

    public static void Check(FlowShape shape, FlowJsonReport report)
    {
        CheckScreens(shape, report);
        CheckActions(shape, report);
        if (shape.DataApiVersion is not null && shape.RoutingModel is null)
            report.AtName("/data_api_version", "MISSING_REQUIRED_PROPERTY", FlowJsonReport.SchemaError, "The property 'routing_model' is required for property 'data_api_version'.");
        if (shape.Screens.Count > 0) CheckRouting(shape, report);
    }

    private static void CheckScreens(FlowShape shape, FlowJsonReport report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var screen in shape.Screens)
        {
            if (!seen.Add(screen.Id))
                report.AtValue(screen.Pointer + "/id", "DUPLICATE_SCREEN_IDS", FlowJsonReport.FlowError, $"Duplicate screen id found: {screen.Id}.");
            if (screen.RefreshOnBack && shape.DataApiVersion is null)
                report.AtValue(screen.Pointer + "/refresh_on_back", "INVALID_PROPERTY_VALUE", FlowJsonReport.SchemaError, "Property 'refresh_on_back' can be true only when property 'data_api_version' is set.");
            foreach (var (type, max, error) in FlowComponents.PerScreenLimits)
            {
                if (screen.ComponentCounts.GetValueOrDefault(type) is var found && found > max)
                    report.AtValue(screen.Pointer + "/layout", error, FlowJsonReport.FlowError, $"Maximum number of {type} allowed per screen is {max} but found {found}.");
            }
            if (screen.HasForm && screen.InputsOutsideForm.Count > 0)
            {
                var names = string.Join("', '", screen.InputsOutsideForm.Distinct());
                report.AtValue(screen.Pointer + "/layout", "COMPONENTS_OUTSIDE_FORM", FlowJsonReport.FlowError, screen.InputsOutsideForm.Distinct().Count() == 1
                    ? $"Component '{names}' is not allowed outside Form when Form component is present."
                    : $"Components '{names}' are not allowed outside Form when Form component is present.");
            }
            if (screen.Terminal && screen.Footers == 0)
                report.AtValue(screen.Pointer, "MISSING_FOOTER_ON_TERMINAL_SCREEN", FlowJsonReport.FlowError, $"Footer component is missing on terminal screens: {screen.Id}.");
        }
        if (shape.Screens.Count == 0) return;
        var terminals = shape.Screens.Where(s => s.Terminal).ToList();
        if (terminals.Count == 0)
            report.AtValue("/screens", "MISSING_TERMINAL_SCREEN", FlowJsonReport.FlowError, "Terminal screen is required but not provided.");
        else if (terminals.All(s => s.Success == false))
            report.AtValue(terminals[0].Pointer + "/success", "INVALID_PROPERTY_VALUE", FlowJsonReport.SchemaError, "At least one terminal screen must have property 'success' set as true.");
    }

    private static void CheckActions(FlowShape shape, FlowJsonReport report)
    {
        var ids = shape.Screens.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var screen in shape.Screens)
        {
            foreach (var action in screen.Actions)
            {
                if (action.Name == "complete" && !screen.Terminal)
                    report.AtValue(action.Pointer + "/name", "INVALID_COMPLETE_ACTION", FlowJsonReport.FlowError, "On-click-action 'complete' can only be configured on a terminal screen.");
                if (action.Name == "data_exchange" && shape.DataApiVersion is null)
                    report.AtValue(action.Pointer + "/name", "MISSING_REQUIRED_PROPERTY", FlowJsonReport.SchemaError, "The property 'data_api_version' is required for data_exchange action.");
                if (action.NextScreen is not { } next) continue;
                if (next == screen.Id)
                    report.AtValue(action.Pointer + "/next/name", "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME", FlowJsonReport.FlowError, $"Same screen navigation is not allowed. Loop detected at [{next}].");
                else if (!ids.Contains(next))
                    report.AtValue(action.Pointer + "/next/name", "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME", FlowJsonReport.FlowError, $"Unknown screen ids found: [{next}].");
            }
        }
    }

    private static void CheckRouting(FlowShape shape, FlowJsonReport report)
    {
        var graph = FlowRouting.Of(shape);
        if (shape.RoutingModel is { } model) CheckDeclared(model, shape, graph, report);
        else CheckDerived(shape, graph, report);
    }

    private static void CheckDeclared(JsonElement model, FlowShape shape, FlowRouting graph, FlowJsonReport report)
    {
        var ids = graph.Screens.ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var route in model.EnumerateObject())
        {
            if (!ids.Contains(route.Name)) unknown.Add(route.Name);
            if (!report.Expect("/routing_model/" + route.Name, route.Value, JsonValueKind.Array)) continue;
            var index = 0;
            foreach (var target in route.Value.EnumerateArray())
            {
                var at = $"/routing_model/{route.Name}/{index++}";
                if (report.Expect(at, target, JsonValueKind.String) && !ids.Contains(target.GetString()!)) unknown.Add(target.GetString()!);
            }
            if (route.Value.GetArrayLength() > FlowComponents.MaxBranches)
                report.AtValue("/routing_model/" + route.Name, Routing, FlowJsonReport.FlowError, $"Number of branches exceeds the max limit of {FlowComponents.MaxBranches} for screen: {route.Name}.");
        }
        if (unknown.Count > 0)
            report.AtValue("/routing_model", Routing, FlowJsonReport.FlowError, $"Invalid screens found in the routing model: {string.Join(", ", unknown.Distinct())}.");
        var missing = graph.Screens.Where(s => !model.TryGetProperty(s, out _)).ToList();
        if (missing.Count > 0)
            report.AtValue("/routing_model", Routing, FlowJsonReport.FlowError, $"Following screens are missing in the routing model: {string.Join(", ", missing)}.");

        var order = graph.Screens.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        foreach (var from in graph.Screens)
        {
            foreach (var to in graph.RoutesFrom(from))
            {
                if (order[from] < order[to] && graph.RoutesFrom(to).Contains(from))
                    report.AtValue("/routing_model/" + to, Routing, FlowJsonReport.FlowError,
                        $"Backward route [{to}->{from}] corresponding to forward route [{from}->{to}] is not allowed in the routing model. Only forward routes can be specified.");
            }
        }
        if (graph.Loop() is { } loop)
            report.AtValue("/routing_model", Routing, FlowJsonReport.FlowError, $"Loop detected in the routing model for screens: {string.Join(", ", loop)}.");

        var entries = graph.Entries();
        if (entries.Count == 0)
            report.AtValue("/routing_model", Routing, FlowJsonReport.FlowError, "No entry screen found in the routing model. Expected a screen with no inbound edges as the entry screen.");
        else if (graph.Disconnected(entries[0]) is { Count: > 0 } apart)
            report.AtValue("/routing_model", Routing, FlowJsonReport.FlowError, $"Following screens are not connected with the rest of the screens : {string.Join(", ", apart)}. All screens should be connected.");

        foreach (var screen in shape.Screens)
        {
            foreach (var action in screen.Actions)
            {
                if (action.NextScreen is { } next && next != screen.Id && ids.Contains(next) && !graph.RoutesFrom(screen.Id).Contains(next))
                    report.AtValue(action.Pointer + "/next/name", Routing, FlowJsonReport.FlowError,
                        $"Missing direct route from screen '{screen.Id}' to screen '{next}' in the routing model, while it exists in the navigate screen action of screen '{screen.Id}'.");
            }
        }
    }

    private static void CheckDerived(FlowShape shape, FlowRouting graph, FlowJsonReport report)
    {
        foreach (var screen in shape.Screens)
        {
            if (graph.RoutesFrom(screen.Id).Count > FlowComponents.MaxBranches)
                report.AtValue(screen.Pointer, Routing, FlowJsonReport.FlowError, $"Number of branches exceeds the max limit of {FlowComponents.MaxBranches} for screen: {screen.Id}. Reduce navigate actions for the screen.");
        }
        if (graph.Screens.Count < 2) return;
        var entries = graph.Entries();
        if (entries.Count == 0)
        {
            report.AtValue("/screens", Routing, FlowJsonReport.FlowError, "No entry screen found in the routing model. Add a screen that is not used as the next screen in any of the navigate actions.");
            return;
        }
        var isolated = graph.Isolated();
        if (isolated.Count > 0)
            report.AtValue("/screens", Routing, FlowJsonReport.FlowError, $"Following screens are not connected to any of the screens: {string.Join(", ", isolated)}. A connection is formed by the navigate screen action.");
        var start = entries.FirstOrDefault(e => !isolated.Contains(e));
        if (start is not null && graph.Disconnected(start).Where(s => !isolated.Contains(s)).ToList() is { Count: > 0 } apart)
            report.AtValue("/screens", Routing, FlowJsonReport.FlowError, $"Following screens are not connected with the rest of the screens via navigate screen action: {string.Join(", ", apart)}. All screens should be connected.");
    }
}
