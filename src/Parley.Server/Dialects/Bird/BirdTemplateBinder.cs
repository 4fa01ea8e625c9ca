using System.Text.Json.Nodes;
using Parley.Core.Templates;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// Binds a Channels template send's <c>parameters</c> (key → value; mapped first as named body parameters by
/// <see cref="BirdTemplateMapper"/>) to the components of the stored template they name (dialects digest B.6:
/// body variables, an image header and URL button variables are all plain <c>string</c> parameters):
/// <list type="bullet">
/// <item>a media header (IMAGE, VIDEO, DOCUMENT) takes the parameter keyed <c>imageUrl</c> / <c>videoUrl</c> /
/// <c>documentUrl</c> (or <c>headerUrl</c>, <c>mediaUrl</c>; case, <c>_</c> and <c>-</c> ignored) as its link, and a
/// document <c>filename</c>;</item>
/// <item>the URL button at index <c>i</c> with a variable takes <c>url{i}</c> (or <c>buttonUrl{i}</c>), the first such
/// button also <c>url</c> (or <c>buttonUrl</c>);</item>
/// <item>a text header variable takes <c>header{variable}</c> (<c>header1</c>, <c>header_name</c>), <c>headerText</c> or
/// <c>header</c>; body variables take the parameter keyed by the variable (<c>name</c>, or <c>1</c>);</item>
/// <item>a POSITIONAL template fills the body variables no key named with the remaining parameters in their order,
/// then the header's.</item>
/// </list>
/// NAMED templates get <c>parameter_name</c>s, POSITIONAL ones none. Parameters left over are kept on the body, so the
/// template check answers WhatsApp's count mismatch (132000) instead of dropping them silently.
/// </summary>
internal static class BirdTemplateBinder
{
    private static readonly Dictionary<string, string[]> MediaKeys = new(StringComparer.Ordinal)
    {
        ["IMAGE"] = ["imageurl", "image"],
        ["VIDEO"] = ["videourl", "video"],
        ["DOCUMENT"] = ["documenturl", "document", "fileurl"],
    };

    private static readonly string[] AnyMediaKeys = ["headerurl", "header", "mediaurl", "media"];

    /// <summary>Rewrites <paramref name="message"/>'s template components for <paramref name="stored"/>.</summary>
    public static void Bind(JsonObject message, MessageTemplate stored)
    {
        if (message["template"] is not JsonObject template)
        {
            return;
        }
        var unused = Given(template);
        var shape = TemplateShape.Parse(stored);
        var named = stored.ParameterFormat == TemplateParameterFormats.Named;

        JsonObject? header = null;
        if (shape.Header is { } h && MediaKeys.TryGetValue(h.Format, out var keys))
        {
            var kind = h.Format.ToLowerInvariant();
            if (TakeNormalized(unused, [.. keys, .. AnyMediaKeys]) is { } link)
            {
                var media = new JsonObject { ["link"] = link };
                if (h.Format == "DOCUMENT" && TakeNormalized(unused, ["filename", "documentfilename"]) is { } filename)
                {
                    media["filename"] = filename;
                }
                header = Component("header", new JsonObject { ["type"] = kind, [kind] = media });
            }
        }

        var buttons = new List<JsonObject>();
        var firstUrl = true;
        foreach (var button in shape.Buttons.Where(b => b.Type == "URL" && b.UrlHasVariable))
        {
            var index = button.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string[] buttonKeys = firstUrl ? ["url" + index, "buttonurl" + index, "url", "buttonurl"] : ["url" + index, "buttonurl" + index];
            firstUrl = false;
            if (TakeNormalized(unused, buttonKeys) is { } suffix)
            {
                buttons.Add(new JsonObject
                {
                    ["type"] = "button",
                    ["sub_type"] = "url",
                    ["index"] = button.Index,
                    ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = suffix }),
                });
            }
        }

        var headerVariables = shape.Header is { Format: "TEXT" } textHeader ? textHeader.Variables : [];
        var bodyVariables = shape.Body?.Variables ?? [];
        var headerValues = headerVariables.Select(v => TakeNormalized(unused, ["header" + Normalize(v), "headertext", "header"])).ToList();
        var bodyValues = bodyVariables.Select(v => TakeExact(unused, v)).ToList();
        if (!named)
        {
            Fill(bodyValues, unused);
            Fill(headerValues, unused);
        }
        if (headerVariables.Count > 0 && headerValues.Any(v => v is not null))
        {
            header = Component("header", [.. Texts(headerVariables, headerValues, named)]);
        }
        var body = Texts(bodyVariables, bodyValues, named);
        body.AddRange(unused.Select(p => Text(p.Key, p.Value, named)));

        var components = new JsonArray();
        if (header is not null)
        {
            components.Add(header);
        }
        if (body.Count > 0)
        {
            components.Add(Component("body", [.. body]));
        }
        foreach (var button in buttons)
        {
            components.Add(button);
        }
        template.Remove("components");
        if (components.Count > 0)
        {
            template["components"] = components;
        }
    }

    /// <summary>The parameters as mapped: the named body parameters <see cref="BirdTemplateMapper"/> made, in order.</summary>
    private static List<(string Key, string Value)> Given(JsonObject template) =>
        template["components"] is JsonArray components
            ? [.. components.OfType<JsonObject>().SelectMany(c => c["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(p => (p["parameter_name"]?.GetValue<string>() ?? "", p["text"]?.GetValue<string>() ?? ""))]
            : [];

    private static string? TakeExact(List<(string Key, string Value)> unused, string variable)
    {
        var at = unused.FindIndex(p => p.Key == variable);
        if (at < 0)
        {
            at = unused.FindIndex(p => string.Equals(p.Key, variable, StringComparison.OrdinalIgnoreCase));
        }
        return Take(unused, at);
    }

    private static string? TakeNormalized(List<(string Key, string Value)> unused, string[] keys)
    {
        foreach (var key in keys)
        {
            var at = unused.FindIndex(p => Normalize(p.Key) == key);
            if (at >= 0)
            {
                return Take(unused, at);
            }
        }
        return null;
    }

    private static string? Take(List<(string Key, string Value)> unused, int at)
    {
        if (at < 0)
        {
            return null;
        }
        var value = unused[at].Value;
        unused.RemoveAt(at);
        return value;
    }

    /// <summary>POSITIONAL: variables no key named take the remaining parameters in their order.</summary>
    private static void Fill(List<string?> values, List<(string Key, string Value)> unused)
    {
        for (var i = 0; i < values.Count && unused.Count > 0; i++)
        {
            values[i] ??= Take(unused, 0);
        }
    }

    private static List<JsonNode> Texts(IReadOnlyList<string> variables, List<string?> values, bool named) =>
        [.. variables.Zip(values).Where(p => p.Second is not null).Select(p => (JsonNode)Text(p.First, p.Second!, named))];

    private static JsonObject Text(string name, string value, bool named)
    {
        var parameter = new JsonObject { ["type"] = "text" };
        if (named)
        {
            parameter["parameter_name"] = name;
        }
        parameter["text"] = value;
        return parameter;
    }

    private static JsonObject Component(string type, params JsonNode[] parameters) =>
        new() { ["type"] = type, ["parameters"] = new JsonArray(parameters) };

    private static string Normalize(string key) =>
        key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
