using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Core.Errors;
using Parley.Core.Versions;

namespace Parley.Core.Templates;

/// <summary>What a valid create request asks for.</summary>
public sealed record TemplateDraft(string Name, string Language, string Category, string? SubCategory, string ParameterFormat, string Components);

/// <summary>
/// The rules Meta applies when a template is created (<c>POST /{WABA-ID}/message_templates</c>; digest §5.1,
/// S MessageTemplate, seeds 003/004). Every failure is code 100 with the subcode Meta uses where it has one.
/// </summary>
public static partial class TemplateCreationRules
{
    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public static Outcome<TemplateDraft> Validate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The request body must be a JSON object.");
        }
        var name = body.String("name");
        if (string.IsNullOrEmpty(name))
        {
            return Invalid("The parameter name is required.");
        }
        if (TemplateJson.Length(name) > TemplateLimits.NameMaxLength)
        {
            return Invalid($"name: the template name must be at most {TemplateLimits.NameMaxLength} characters.", ErrorCatalog.TemplateCharacterLimitSubcode);
        }
        if (!NamePattern().IsMatch(name))
        {
            return Invalid("name: the template name can only contain lowercase alphanumeric characters and underscores ( _ ).");
        }
        var language = body.String("language");
        if (string.IsNullOrEmpty(language))
        {
            return Invalid("The parameter language is required.");
        }
        if (!TemplateLanguages.All.Contains(language))
        {
            return Invalid($"Param language must be one of the supported language codes, such as en_US; '{language}' is not supported.");
        }
        var category = body.String("category")?.ToUpperInvariant();
        if (string.IsNullOrEmpty(category))
        {
            return Invalid("The parameter category is required.");
        }
        if (!TemplateCategories.All.Contains(category))
        {
            return Invalid($"Param category must be one of {{{string.Join(", ", TemplateCategories.All)}}}.");
        }
        var format = body.String("parameter_format")?.ToUpperInvariant() ?? TemplateParameterFormats.Positional;
        if (!TemplateParameterFormats.All.Contains(format))
        {
            return Invalid($"Param parameter_format must be one of {{{string.Join(", ", TemplateParameterFormats.All)}}}.");
        }
        if (body.Property("components") is not { ValueKind: JsonValueKind.Array } components)
        {
            return Invalid("The parameter components is required and must be an array.");
        }
        if (TemplateComponentRules.Validate(components, category, format) is { } error)
        {
            return error;
        }
        return new TemplateDraft(name, language, category, body.String("sub_category"), format, components.GetRawText());
    }

    /// <summary>The rules of a create request that depend on the Graph version of the call (<see cref="GraphVersions"/>).</summary>
    public static WhatsAppError? CheckVersion(JsonElement body, GraphVersion version) =>
        body.ValueKind == JsonValueKind.Object && body.Property("components") is { } components ? TemplateButtonRules.CheckFlowName(components, version) : null;

    internal static WhatsAppError Invalid(string details, int? subcode = null) => ErrorCatalog.InvalidParameter.With(details, subcode);

    /// <summary>Same name and language in the account: code 100, subcode 2388024.</summary>
    public static WhatsAppError Duplicate(string name, string language) => ErrorCatalog.InvalidParameter.With(
        $"Content in This Language Already Exists: there is already {language} content for the template {name}.", ErrorCatalog.TemplateDuplicateSubcode);

    /// <summary>The account holds its maximum of templates: code 100, subcode 2388019.</summary>
    public static WhatsAppError LimitReached(int max) => ErrorCatalog.InvalidParameter.With(
        $"Message template limit exceeded: a business account can have at most {max} message templates.", ErrorCatalog.TemplateLimitExceededSubcode);
}
