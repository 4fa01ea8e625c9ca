using System.Text.Json;
using Parley.Core.Errors;
using static Parley.Core.Templates.TemplateCreationRules;

namespace Parley.Core.Templates;

/// <summary>
/// Editing a template (<c>POST /{TEMPLATE_ID}</c>; digest §5.1): only APPROVED, REJECTED or PAUSED templates; the
/// components are replaced wholesale; an approved template keeps its category and can be edited at most once in
/// 24 hours and 10 times in 30 days (rejected and paused ones without limit). An edited template goes back to review.
/// </summary>
public static class TemplateEditRules
{
    public static Outcome<MessageTemplate> Apply(MessageTemplate current, JsonElement body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The request body must be a JSON object.");
        }
        if (!TemplateStatuses.Editable.Contains(current.Status))
        {
            return Invalid($"A template with status {current.Status} can't be edited: only APPROVED, REJECTED and PAUSED templates can.");
        }
        var category = body.String("category")?.ToUpperInvariant() ?? current.Category;
        if (!TemplateCategories.All.Contains(category))
        {
            return Invalid($"Param category must be one of {{{string.Join(", ", TemplateCategories.All)}}}.");
        }
        if (category != current.Category && current.Status == TemplateStatuses.Approved)
        {
            return Invalid("The category of an approved template can't be changed.");
        }
        var format = body.String("parameter_format")?.ToUpperInvariant() ?? current.ParameterFormat;
        if (!TemplateParameterFormats.All.Contains(format))
        {
            return Invalid($"Param parameter_format must be one of {{{string.Join(", ", TemplateParameterFormats.All)}}}.");
        }
        var components = body.Property("components");
        if (components is null && category == current.Category)
        {
            return Invalid("Nothing to edit: send components and/or category.");
        }
        if (components is { } given && given.ValueKind != JsonValueKind.Array)
        {
            return Invalid("Param components must be an array.");
        }
        var newComponents = components?.GetRawText() ?? current.Components;
        using (var parsed = JsonDocument.Parse(newComponents))
        {
            if (TemplateComponentRules.Validate(parsed.RootElement, category, format) is { } error)
            {
                return error;
            }
        }
        var edited = current with
        {
            Category = category,
            ParameterFormat = format,
            Components = newComponents,
            Status = TemplateStatuses.Pending,
            RejectedReason = TemplateRejectionReasons.None,
            UpdatedAt = now,
        };
        return current.Status == TemplateStatuses.Approved ? CountApprovedEdit(current, edited, now) : edited;
    }

    private static Outcome<MessageTemplate> CountApprovedEdit(MessageTemplate current, MessageTemplate edited, DateTimeOffset now)
    {
        if (current.LastEditedAt is { } last && now - last < TemplateLimits.ApprovedEditSpacing)
        {
            return ErrorCatalog.InvalidParameter.With("An approved template can be edited once in 24 hours.");
        }
        var windowOpen = current.EditWindowStart is { } start && now - start < TemplateLimits.ApprovedEditWindow;
        var count = windowOpen ? current.EditCount : 0;
        if (count >= TemplateLimits.ApprovedEditsPerWindow)
        {
            return ErrorCatalog.InvalidParameter.With($"An approved template can be edited {TemplateLimits.ApprovedEditsPerWindow} times in 30 days.");
        }
        return edited with { EditCount = count + 1, EditWindowStart = windowOpen ? current.EditWindowStart : now, LastEditedAt = now };
    }
}
