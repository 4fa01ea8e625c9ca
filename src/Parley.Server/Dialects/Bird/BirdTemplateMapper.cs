using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// Maps a Channels <c>template</c> (dialects digest B.6) to a Cloud API template message. Parley knows templates by
/// name and language, so <c>name</c> is required (a Bird Studio <c>projectId</c> alone names nothing here) and
/// <c>locale</c> (BCP 47, <c>en-US</c>) becomes the language code (<c>en_US</c>). Each parameter (or variable) becomes
/// a named body parameter (<c>parameter_name</c> = its key), which <see cref="BirdTemplateBinder"/> then binds to
/// the stored template's header, body and buttons; whether the template exists, is approved and takes these
/// parameters is the accept path's business, not the mapping's.
/// </summary>
internal static class BirdTemplateMapper
{
    private static readonly string[] ScalarTypes = ["string", "number", "boolean"];

    public static JsonObject Map(BirdFields fields, JsonElement template)
    {
        const string path = "template";
        fields.AllowOnly(template, path, "projectId", "version", "locale", "name", "parameters", "variables", "attachments", "utmParameters", "shortLinks", "settings");
        var name = fields.String(template, path, "name", required: true);
        var locale = fields.String(template, path, "locale", required: true);
        fields.String(template, path, "projectId", required: false);
        var parameters = new JsonArray();
        var items = fields.Array(template, path, "parameters", required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var at = BirdFields.Index(path + ".parameters", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            var type = fields.String(items[i], at, "type", required: true);
            var key = fields.String(items[i], at, "key", required: true);
            if (type is not null && !ScalarTypes.Contains(type, StringComparer.Ordinal))
            {
                fields.Add(at + ".type", $"only {string.Join(", ", ScalarTypes)} parameters are supported");
                continue;
            }
            var value = items[i].TryGetProperty("value", out var v) ? Scalar(v) : null;
            if (value is null)
            {
                fields.Add(at + ".value", "is required: a string, number or boolean");
                continue;
            }
            if (key is not null)
            {
                parameters.Add(Parameter(key, value));
            }
        }
        if (template.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in variables.EnumerateObject())
            {
                if (Scalar(variable.Value) is { } value)
                {
                    parameters.Add(Parameter(variable.Name, value));
                }
                else
                {
                    fields.Add($"{path}.variables.{variable.Name}", "must be a string");
                }
            }
        }
        if (fields.Array(template, path, "attachments", required: false).Count > 0)
        {
            fields.Add(path + ".attachments", "template attachments are not supported; pass a media URL as a parameter");
        }
        var canonical = new JsonObject
        {
            ["name"] = name ?? "",
            ["language"] = new JsonObject { ["code"] = (locale ?? "").Replace('-', '_') },
        };
        if (parameters.Count > 0)
        {
            canonical["components"] = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = parameters });
        }
        return new JsonObject { ["type"] = "template", ["template"] = canonical };
    }

    private static JsonObject Parameter(string key, string value) =>
        new() { ["type"] = "text", ["parameter_name"] = key, ["text"] = value };

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
