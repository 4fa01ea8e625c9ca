using System.Text.Json.Nodes;
using Parley.Core;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>/sendTemplate</c> (seed 000, "Send Template Message"; digest A.9) → a Cloud API template message:
/// <c>template</c> → <c>name</c>, <c>language{policy, code}</c> as it is, <c>params</c> → <c>components</c> (types lower-cased,
/// the <c>coupon_code</c> button sub-type → <c>copy_code</c>). <c>namespace</c> is 1msg's account namespace: required by
/// the seed, but the template is found by name and language, so it is checked for presence and not sent on.
/// </summary>
internal static class OneMsgTemplateMapper
{
    public static Outcome<JsonObject> Template(JsonObject body)
    {
        if (OneMsgFields.Text(body, "template") is not { Length: > 0 } name)
        {
            return OneMsgMapper.Missing("template");
        }
        if (!OneMsgFields.Has(body, "namespace"))
        {
            return OneMsgMapper.Missing("namespace");
        }
        JsonObject language;
        if (OneMsgFields.Object(body, "language") is { } given)
        {
            language = given.DeepClone().AsObject();
        }
        else if (OneMsgFields.Text(body, "language") is { Length: > 0 } code)
        {
            language = new JsonObject { ["policy"] = "deterministic", ["code"] = code };
        }
        else
        {
            return OneMsgMapper.Missing("language");
        }
        var template = new JsonObject { ["name"] = name, ["language"] = language };
        if (body["params"] is JsonArray parameters)
        {
            template["components"] = new JsonArray([.. parameters.Select(p => p is JsonObject component ? (JsonNode)Component(component) : p?.DeepClone())]);
        }
        else if (OneMsgFields.Has(body, "params"))
        {
            return OneMsgMapper.Invalid("The parameter params must be an array of template components.");
        }
        return new JsonObject { ["type"] = "template", ["template"] = template };
    }

    private static JsonObject Component(JsonObject component)
    {
        var result = component.DeepClone().AsObject();
        if (OneMsgFields.Text(result, "type") is { } type)
        {
            result["type"] = type.ToLowerInvariant();
        }
        if (OneMsgFields.Text(result, "sub_type") is { } subType)
        {
            result["sub_type"] = subType.Equals("coupon_code", StringComparison.OrdinalIgnoreCase) ? "copy_code" : subType.ToLowerInvariant();
        }
        if (result["cards"] is JsonArray cards)
        {
            foreach (var card in cards.OfType<JsonObject>())
            {
                if (card["components"] is JsonArray cardComponents)
                {
                    card["components"] = new JsonArray([.. cardComponents.Select(c => c is JsonObject o ? (JsonNode)Component(o) : c?.DeepClone())]);
                }
            }
        }
        return result;
    }
}
