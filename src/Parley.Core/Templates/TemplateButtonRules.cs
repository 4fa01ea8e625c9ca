using System.Text.Json;
using Parley.Core.Errors;
using Parley.Core.Versions;
using static Parley.Core.Templates.TemplateCreationRules;

namespace Parley.Core.Templates;

/// <summary>
/// The <c>buttons</c> of a BUTTONS component (digest §5.1): at most 10, at most 2 URL and 1 phone button, texts of at
/// most 25 characters, quick replies grouped together (not interleaved with other buttons), OTP buttons only in
/// AUTHENTICATION templates.
/// </summary>
internal static class TemplateButtonRules
{
    /// <summary>ORDER_DETAILS: the "Review and Pay" button of an India order details template (Meta, "Payments API India").</summary>
    private static readonly string[] Types = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "FLOW", "CATALOG", "MPM", "VOICE_CALL", "ORDER_DETAILS"];
    private static readonly string[] CarouselTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "SPM"];
    private static readonly string[] OtpTypes = ["COPY_CODE", "ONE_TAP", "ZERO_TAP"];
    /// <summary>Buttons whose label Meta fixes, so <c>text</c> is optional.</summary>
    private static readonly string[] FixedText = ["COPY_CODE", "OTP", "CATALOG", "MPM", "SPM", "ORDER_DETAILS"];
    private static readonly string[] OnlyOne = ["COPY_CODE", "FLOW", "CATALOG", "MPM", "VOICE_CALL", "SPM", "ORDER_DETAILS"];
    private static readonly string[] FlowReferences = ["flow_id", "flow_name", "flow_json"];

    public static WhatsAppError? Validate(IReadOnlyList<JsonElement> buttons, string category, int max, bool carousel)
    {
        if (buttons.Count == 0 || buttons.Count > max)
        {
            return Invalid($"A BUTTONS component has 1 to {max} buttons.");
        }
        var types = buttons.Select(b => b.Type()).ToList();
        foreach (var (button, type) in buttons.Zip(types))
        {
            if (!(carousel ? CarouselTypes : Types).Contains(type))
            {
                return Invalid($"Button type must be one of {{{string.Join(", ", carousel ? CarouselTypes : Types)}}}; got '{button.String("type")}'.");
            }
            if (ValidateButton(button, type, category) is { } error)
            {
                return error;
            }
        }
        if (types.Count(t => t == "URL") > TemplateLimits.UrlButtonsMax)
        {
            return Invalid($"A template can have at most {TemplateLimits.UrlButtonsMax} URL buttons.");
        }
        if (types.Count(t => t == "PHONE_NUMBER") > TemplateLimits.PhoneButtonsMax)
        {
            return Invalid($"A template can have at most {TemplateLimits.PhoneButtonsMax} PHONE_NUMBER button.");
        }
        if (OnlyOne.FirstOrDefault(t => types.Count(x => x == t) > 1) is { } repeated)
        {
            return Invalid($"A template can have at most one {repeated} button.");
        }
        var first = types.IndexOf("QUICK_REPLY");
        var last = types.LastIndexOf("QUICK_REPLY");
        if (first >= 0 && types.Skip(first).Take(last - first + 1).Any(t => t != "QUICK_REPLY"))
        {
            return Invalid("Quick reply buttons must be grouped together, not interleaved with other buttons.");
        }
        return null;
    }

    /// <summary>
    /// Before v24.0 a FLOW button names its flow by <c>flow_id</c> (or carries <c>flow_json</c>); <c>flow_name</c> is
    /// a v24.0 addition (<see cref="GraphVersions.AcceptsFlowName"/>).
    /// </summary>
    public static WhatsAppError? CheckFlowName(JsonElement components, GraphVersion version)
    {
        if (GraphVersions.AcceptsFlowName(version) || components.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var named = components.EnumerateArray()
            .Where(component => component.ValueKind == JsonValueKind.Object && component.Type() == "BUTTONS")
            .SelectMany(component => component.Array("buttons"))
            .Any(button => button.Type() == "FLOW" && button.String("flow_name") is not null);
        return named ? Invalid($"flow_name is available from v24.0; in {version} a FLOW button names its flow by flow_id.") : null;
    }

    private static WhatsAppError? ValidateButton(JsonElement button, string type, string category)
    {
        var text = button.String("text");
        if (string.IsNullOrEmpty(text) && !FixedText.Contains(type))
        {
            return Invalid($"A {type} button needs text.");
        }
        if (text is not null && TemplateJson.Length(text) > TemplateLimits.ButtonTextMaxLength)
        {
            return Invalid($"Button text must be at most {TemplateLimits.ButtonTextMaxLength} characters.", ErrorCatalog.TemplateCharacterLimitSubcode);
        }
        if (type == "OTP" && category != TemplateCategories.Authentication)
        {
            return Invalid("OTP buttons are for AUTHENTICATION templates.");
        }
        return type switch
        {
            "URL" => ValidateUrl(button),
            "PHONE_NUMBER" => ValidatePhone(button),
            "COPY_CODE" => button.String("example") is { Length: > 0 } example && TemplateJson.Length(example) <= TemplateLimits.CopyCodeExampleMaxLength
                ? null
                : Invalid($"A COPY_CODE button needs an example code of at most {TemplateLimits.CopyCodeExampleMaxLength} characters."),
            "OTP" => ValidateOtp(button),
            "FLOW" => FlowReferences.Count(key => button.String(key) is not null) == 1
                ? null
                : Invalid("A FLOW button needs exactly one of flow_id, flow_name or flow_json."),
            _ => null,
        };
    }

    /// <summary>URLs may end with one variable, <c>{{1}}</c>, which needs an example (digest §5.1).</summary>
    private static WhatsAppError? ValidateUrl(JsonElement button)
    {
        var url = button.String("url");
        if (string.IsNullOrEmpty(url) || TemplateJson.Length(url) > TemplateLimits.ButtonUrlMaxLength
            || !Uri.TryCreate(TemplateVariables.Substitute(url, _ => "x"), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return Invalid($"A URL button needs an http(s) url of at most {TemplateLimits.ButtonUrlMaxLength} characters.");
        }
        var variables = TemplateVariables.In(url);
        if (variables.Count == 0)
        {
            return null;
        }
        if (variables.Count > 1 || !url.TrimEnd().EndsWith("}}", StringComparison.Ordinal))
        {
            return Invalid("A URL button can have one variable, at the end of the url.");
        }
        return button.Array("example") is { Count: 1 } examples && examples[0].ValueKind == JsonValueKind.String
            ? null
            : Invalid("A URL button with a variable needs example: [\"<full sample url>\"].");
    }

    private static WhatsAppError? ValidatePhone(JsonElement button)
    {
        var phone = button.String("phone_number");
        var digits = phone?.TrimStart('+') ?? "";
        return digits.Length is > 0 and <= TemplateLimits.ButtonPhoneMaxLength && digits.All(char.IsAsciiDigit)
            ? null
            : Invalid($"A PHONE_NUMBER button needs phone_number: digits with the country code, at most {TemplateLimits.ButtonPhoneMaxLength} characters.");
    }

    /// <summary>One-tap and zero-tap autofill need the Android app's package name and signature hash.</summary>
    private static WhatsAppError? ValidateOtp(JsonElement button)
    {
        var otpType = button.Type("otp_type");
        if (!OtpTypes.Contains(otpType))
        {
            return Invalid($"An OTP button needs otp_type, one of {{{string.Join(", ", OtpTypes)}}}.");
        }
        if (otpType == "COPY_CODE")
        {
            return null;
        }
        var apps = button.Array("supported_apps");
        var hasApp = (button.String("package_name") is { Length: > 0 } && button.String("signature_hash") is { Length: > 0 })
            || (apps.Count > 0 && apps.All(a => a.String("package_name") is { Length: > 0 } && a.String("signature_hash") is { Length: > 0 }));
        return hasApp ? null : Invalid($"A {otpType} OTP button needs package_name and signature_hash.");
    }
}
