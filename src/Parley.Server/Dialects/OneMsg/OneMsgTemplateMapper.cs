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
            var components = Components(parameters, "params");
            if (!components.Succeeded)
            {
                return components.Error;
            }
            template["components"] = components.Value;
        }
        else if (OneMsgFields.Has(body, "params"))
        {
            return OneMsgMapper.Invalid("The parameter params must be an array of template components.");
        }
        return new JsonObject { ["type"] = "template", ["template"] = template };
    }

    private static Outcome<JsonArray> Components(JsonArray components, string path)
    {
        var mapped = new JsonArray();
        for (var i = 0; i < components.Count; i++)
        {
            if (components[i] is not JsonObject component)
            {
                mapped.Add(components[i]?.DeepClone());
                continue;
            }
            var result = Component(component, $"{path}[{i}]");
            if (!result.Succeeded)
            {
                return result.Error;
            }
            mapped.Add(result.Value);
        }
        return mapped;
    }

    /// <summary>One component: types lower-cased, its <c>currency</c> and <c>date_time</c> parameters mapped, its cards' components too.</summary>
    private static Outcome<JsonObject> Component(JsonObject component, string path)
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
        if (result["parameters"] is JsonArray parameters)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] is JsonObject parameter)
                {
                    var mapped = OneMsgTemplateParameters.Map(parameter, $"{path}.parameters[{i}]");
                    if (!mapped.Succeeded)
                    {
                        return mapped.Error;
                    }
                    parameters[i] = mapped.Value;
                }
            }
        }
        if (result["cards"] is JsonArray cards)
        {
            for (var c = 0; c < cards.Count; c++)
            {
                if (cards[c] is JsonObject card && card["components"] is JsonArray cardComponents)
                {
                    var mapped = Components(cardComponents, $"{path}.cards[{c}].components");
                    if (!mapped.Succeeded)
                    {
                        return mapped.Error;
                    }
                    card["components"] = mapped.Value;
                }
            }
        }
        return result;
    }
}
