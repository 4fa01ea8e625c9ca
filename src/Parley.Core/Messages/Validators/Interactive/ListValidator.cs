using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary><c>interactive.type: list</c> — S ActionObject, SectionObject; M:interactive-list-messages; seed003.</summary>
internal static class ListValidator
{
    public static void Validate(ObjectReader action)
    {
        action.AllowOnly("button", "sections");
        action.RequiredLabel("button", "Button text", Limits.ListButtonTextMaxLength);
        var sections = action.RequiredArray("sections", Limits.ListSectionsMin, Limits.ListSectionsMax);
        var rowIds = new HashSet<string>(StringComparer.Ordinal);
        var totalRows = 0;
        foreach (var section in sections.Objects())
        {
            section.AllowOnly("title", "rows");
            ValidateSectionTitle(section, sections.Count);
            var rows = section.RequiredArray("rows", Limits.ListRowsPerSectionMin, Limits.ListRowsTotalMax);
            totalRows += rows.Count;
            if (totalRows > Limits.ListRowsTotalMax)
            {
                section.Invalid($"Total row count exceed max allowed count: {Limits.ListRowsTotalMax}");
            }
            foreach (var row in rows.Objects())
            {
                row.AllowOnly("id", "title", "description");
                row.RequireUnique(rowIds, row.RequiredString("id", Limits.RowIdMaxLength), "Row id");
                row.RequiredLabel("title", "Row title", Limits.RowTitleMaxLength);
                row.OptionalString("description", Limits.RowDescriptionMaxLength);
            }
        }
    }

    /// <summary>A section title is "required if the message has more than one section" (S SectionObject).</summary>
    public static void ValidateSectionTitle(ObjectReader section, int sectionCount)
    {
        if (sectionCount > 1)
        {
            section.RequiredLabel("title", "Section title", Limits.SectionTitleMaxLength);
        }
        else
        {
            section.OptionalLabel("title", "Section title", Limits.SectionTitleMaxLength);
        }
    }
}
