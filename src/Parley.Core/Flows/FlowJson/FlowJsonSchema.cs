using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parley.Core.Flows.FlowJson;

/// <summary>
/// The schema pass over a Flow JSON document: top-level properties, screens, the layout and every component against
/// <see cref="FlowComponents"/>. It reports what is malformed and gathers the <see cref="FlowShape"/> the flow-level
/// checks (<see cref="FlowJsonRules"/>) work on.
/// </summary>
internal static partial class FlowJsonSchema
{
    public static FlowShape Check(JsonElement root, FlowJsonReport report)
    {
        var shape = new FlowShape();
        if (!report.Expect("", root, JsonValueKind.Object)) return shape;

        foreach (var member in root.EnumerateObject())
        {
            if (member.Name == "data_channel_uri")
                report.AtName("/data_channel_uri", "INVALID_PROPERTY_KEY", FlowJsonReport.SchemaError,
                    "Property `data_channel_uri` is no longer supported in Flow JSON as of version '3.0'. Please configure your endpoint URI using Flows API or Builder.");
            else if (!FlowComponents.TopLevelProperties.Contains(member.Name))
                report.UnknownProperty("", member.Name);
        }

        CheckVersion(root, report, shape);
        if (root.TryGetProperty("data_api_version", out var dataApi))
        {
            if (dataApi.ValueKind != JsonValueKind.String || !FlowComponents.SupportedDataApiVersions.Contains(dataApi.GetString()!))
                report.AtValue("/data_api_version", "NO_SUPPORTED_DATA_API_VERSION", FlowJsonReport.SchemaError,
                    "No supported Data API version found for given Flow JSON version.");
            else shape.DataApiVersion = dataApi.GetString();
        }
        if (root.TryGetProperty("routing_model", out var routing) && report.Expect("/routing_model", routing, JsonValueKind.Object))
            shape.RoutingModel = routing;

        if (!root.TryGetProperty("screens", out var screens)) { report.MissingProperty("", "screens"); return shape; }
        if (!report.Expect("/screens", screens, JsonValueKind.Array)) return shape;
        var count = screens.GetArrayLength();
        if (count == 0)
            report.AtValue("/screens", "MIN_ITEMS_REQUIRED", FlowJsonReport.SchemaError, "Property 'screens' should have at least '1' item.");
        if (count > FlowComponents.MaxScreens)
            report.AtValue("/screens", "MAX_SCREENS_NUMBER", FlowJsonReport.SchemaError,
                $"Maximum number of screens allowed per Flow is {FlowComponents.MaxScreens} but found {count}.");

        var index = 0;
        foreach (var screen in screens.EnumerateArray())
        {
            var facts = CheckScreen(screen, "/screens/" + index++, report);
            if (facts is not null) shape.Screens.Add(facts);
        }
        return shape;
    }

    private static void CheckVersion(JsonElement root, FlowJsonReport report, FlowShape shape)
    {
        if (!root.TryGetProperty("version", out var version))
        {
            report.AtValue("", "MISSING_FLOW_JSON_VERSION", FlowJsonReport.SchemaError, "Flow JSON version is not specified.");
            return;
        }
        var text = version.ValueKind == JsonValueKind.String ? version.GetString()! : null;
        if (text is null || !VersionPattern().IsMatch(text))
            report.AtValue("/version", "INVALID_FLOW_JSON_VERSION", FlowJsonReport.SchemaError, "Invalid Flow JSON version.");
        else if (!FlowComponents.SupportedVersions.Contains(text))
            report.AtValue("/version", "UNSUPPORTED_FLOW_JSON_VERSION", FlowJsonReport.SchemaError, "Unsupported Flow JSON version.");
        else shape.Version = text;
    }

    private static ScreenFacts? CheckScreen(JsonElement screen, string at, FlowJsonReport report)
    {
        if (!report.Expect(at, screen, JsonValueKind.Object)) return null;
        foreach (var member in screen.EnumerateObject())
        {
            if (!FlowComponents.ScreenProperties.Contains(member.Name)) report.UnknownProperty(at, member.Name);
        }

        string? id = null;
        if (!screen.TryGetProperty("id", out var idValue)) report.MissingProperty(at, "id");
        else if (report.Expect(at + "/id", idValue, JsonValueKind.String)) id = CheckScreenId(idValue.GetString()!, at + "/id", report);

        var facts = new ScreenFacts(id ?? "", at);
        if (screen.TryGetProperty("title", out var title) && report.Expect(at + "/title", title, JsonValueKind.String)) facts.Title = title.GetString();
        if (screen.TryGetProperty("terminal", out var terminal) && report.ExpectBoolean(at + "/terminal", terminal)) facts.Terminal = terminal.GetBoolean();
        if (screen.TryGetProperty("success", out var success) && report.ExpectBoolean(at + "/success", success))
        {
            facts.Success = success.GetBoolean();
            if (!facts.Terminal)
                report.AtName(at + "/success", "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED", FlowJsonReport.SchemaError, "Property 'success' can only be specified on a terminal screen.");
        }
        if (screen.TryGetProperty("refresh_on_back", out var refresh) && report.ExpectBoolean(at + "/refresh_on_back", refresh)) facts.RefreshOnBack = refresh.GetBoolean();
        if (screen.TryGetProperty("data", out var data)) report.Expect(at + "/data", data, JsonValueKind.Object);
        if (screen.TryGetProperty("sensitive", out var sensitive)) report.Expect(at + "/sensitive", sensitive, JsonValueKind.Array);

        if (!screen.TryGetProperty("layout", out var layout)) report.MissingProperty(at, "layout");
        else CheckLayout(layout, at + "/layout", facts, report);
        return id is null ? null : facts;
    }

    private static string? CheckScreenId(string id, string at, FlowJsonReport report)
    {
        if (id.Length == 0)
        {
            report.AtValue(at, "MIN_CHARS_REQUIRED", FlowJsonReport.SchemaError, "Property 'id' should have at least '1' character.");
            return null;
        }
        if (!ScreenIdPattern().IsMatch(id))
        {
            report.AtValue(at, "PATTERN_MISMATCH", FlowJsonReport.SchemaError, "Property id should only consist of alphabets and underscores.");
            return null;
        }
        if (string.Equals(id, FlowComponents.ReservedScreenId, StringComparison.OrdinalIgnoreCase))
        {
            report.AtValue(at, "SCREEN_ID_IS_RESERVED_KEYWORD", FlowJsonReport.FlowError, "Screen id cannot be 'success' since it is a reserved keyword.");
            return null;
        }
        return id;
    }

    private static void CheckLayout(JsonElement layout, string at, ScreenFacts screen, FlowJsonReport report)
    {
        if (!report.Expect(at, layout, JsonValueKind.Object)) return;
        foreach (var member in layout.EnumerateObject())
        {
            if (member.Name is not ("type" or "children")) report.UnknownProperty(at, member.Name);
        }
        if (!layout.TryGetProperty("type", out var type)) report.MissingProperty(at, "type", "MISSING_REQUIRED_TYPE_PROPERTY");
        else if (type.ValueKind != JsonValueKind.String || type.GetString() != FlowComponents.SingleColumnLayout)
            report.AtValue(at + "/type", "INVALID_ENUM_VALUE", FlowJsonReport.SchemaError, $"Value should be one of: [{FlowComponents.SingleColumnLayout}].");
        if (!layout.TryGetProperty("children", out var children)) { report.MissingProperty(at, "children"); return; }
        screen.Footers = CheckChildren(children, at + "/children", screen, inForm: false, report);
        if (screen.Footers > FlowComponents.MaxFootersPerScreen)
            report.AtValue(at, "MORE_THAN_ONE_FOOTER", FlowJsonReport.FlowError,
                $"Maximum number of Footer component allowed per screen is {FlowComponents.MaxFootersPerScreen}.");
    }

    /// <summary>Checks a list of components; answers how many Footers one rendering of the list shows.</summary>
    private static int CheckChildren(JsonElement children, string at, ScreenFacts screen, bool inForm, FlowJsonReport report)
    {
        if (!report.Expect(at, children, JsonValueKind.Array)) return 0;
        var footers = 0;
        var index = 0;
        foreach (var child in children.EnumerateArray()) footers += CheckComponent(child, at + "/" + index++, screen, inForm, report);
        return footers;
    }

    private static int CheckComponent(JsonElement component, string at, ScreenFacts screen, bool inForm, FlowJsonReport report)
    {
        if (!report.Expect(at, component, JsonValueKind.Object)) return 0;
        if (!component.TryGetProperty("type", out var typeValue)) { report.MissingProperty(at, "type", "MISSING_REQUIRED_TYPE_PROPERTY"); return 0; }
        var spec = typeValue.ValueKind == JsonValueKind.String ? FlowComponents.Find(typeValue.GetString()!) : null;
        if (spec is null)
        {
            report.AtValue(at + "/type", "INVALID_PROPERTY_VALUE", FlowJsonReport.SchemaError, $"Invalid value found for property 'type' at \"{FlowJsonReport.Root(at)}\".");
            return 0;
        }

        foreach (var member in component.EnumerateObject())
        {
            if (!spec.Allows(member.Name)) report.UnknownProperty(at, member.Name);
        }
        foreach (var required in spec.Required)
        {
            if (!component.TryGetProperty(required, out _)) report.MissingProperty(at, required);
        }
        screen.ComponentCounts[spec.Type] = screen.ComponentCounts.GetValueOrDefault(spec.Type) + 1;
        screen.HasForm |= spec.Type == "Form";
        if (spec.IsInput && !inForm) screen.InputsOutsideForm.Add(spec.Type);
        if (spec.IsInput && component.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            screen.InputNames.Add(name.GetString()!);
        CheckBounds(component, at, spec, report);
        foreach (var property in FlowComponents.ActionPropertyNames)
        {
            if (spec.Allows(property) && component.TryGetProperty(property, out var action))
                CheckAction(action, at + "/" + property, FlowComponents.ActionsFor(spec.Type, property), screen, report);
        }

        return spec.Type switch
        {
            "Footer" => 1,
            "Form" when component.TryGetProperty("children", out var formChildren) => CheckChildren(formChildren, at + "/children", screen, inForm: true, report),
            "If" => Math.Max(
                component.TryGetProperty("then", out var then) ? CheckChildren(then, at + "/then", screen, inForm, report) : 0,
                component.TryGetProperty("else", out var otherwise) ? CheckChildren(otherwise, at + "/else", screen, inForm, report) : 0),
            "Switch" when component.TryGetProperty("cases", out var cases) && report.Expect(at + "/cases", cases, JsonValueKind.Object) =>
                cases.EnumerateObject().Select(c => CheckChildren(c.Value, at + "/cases/" + c.Name, screen, inForm, report)).DefaultIfEmpty(0).Max(),
            _ => 0,
        };
    }

    private static void CheckBounds(JsonElement component, string at, FlowComponent spec, FlowJsonReport report)
    {
        foreach (var (min, max) in FlowComponents.MinMaxPairs)
        {
            if (component.TryGetProperty(min, out var low) && low.ValueKind == JsonValueKind.Number
                && component.TryGetProperty(max, out var high) && high.ValueKind == JsonValueKind.Number
                && low.GetDouble() > high.GetDouble())
            {
                var name = component.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? " " + n.GetString() : "";
                report.AtValue(at + "/" + min, "MIN_VALUE_GREATER_THAN_MAX", FlowJsonReport.SchemaError, $"{min} cannot be greater than {max} for {spec.Type}{name}.");
            }
        }
    }

    private static void CheckAction(JsonElement action, string at, IReadOnlyList<string> allowed, ScreenFacts screen, FlowJsonReport report)
    {
        if (!report.Expect(at, action, JsonValueKind.Object)) return;
        foreach (var member in action.EnumerateObject())
        {
            if (!FlowComponents.ActionProperties.Contains(member.Name)) report.UnknownProperty(at, member.Name);
        }
        if (!action.TryGetProperty("name", out var nameValue)) { report.MissingProperty(at, "name"); return; }
        var name = nameValue.ValueKind == JsonValueKind.String ? nameValue.GetString()! : "";
        if (!allowed.Contains(name))
        {
            report.AtValue(at + "/name", "INVALID_ENUM_VALUE", FlowJsonReport.SchemaError, $"Value should be one of: [{string.Join(", ", allowed)}].");
            return;
        }

        JsonElement? payload = null;
        if (action.TryGetProperty("payload", out var payloadValue) && report.Expect(at + "/payload", payloadValue, JsonValueKind.Object)) payload = payloadValue;
        string? next = null;
        if (name == "navigate")
        {
            if (!action.TryGetProperty("next", out var nextValue)) report.MissingProperty(at, "next");
            else if (report.Expect(at + "/next", nextValue, JsonValueKind.Object))
            {
                if (!nextValue.TryGetProperty("name", out var target)) report.MissingProperty(at + "/next", "name");
                else if (report.Expect(at + "/next/name", target, JsonValueKind.String)) next = target.GetString();
            }
        }
        if (name == "open_url" && !action.TryGetProperty("url", out _)) report.MissingProperty(at, "url");
        screen.Actions.Add(new ActionFacts(name, at, next, payload));
    }

    /// <summary>Flow JSON versions are major.minor.</summary>
    [GeneratedRegex("^[0-9]+\\.[0-9]+$")]
    private static partial Regex VersionPattern();

    /// <summary>"Property id should only consist of alphabets and underscores."</summary>
    [GeneratedRegex("^[A-Za-z_]+$")]
    private static partial Regex ScreenIdPattern();
}
