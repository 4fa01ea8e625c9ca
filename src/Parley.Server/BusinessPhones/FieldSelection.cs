using Parley.Core;
using Parley.Core.Errors;

namespace Parley.Server.BusinessPhones;

/// <summary>The Graph <c>fields</c> query parameter: a comma-separated list of the node's field names.</summary>
internal static class FieldSelection
{
    /// <summary>
    /// The names in <paramref name="fields"/> (blank entries skipped, duplicates once), or Graph's code 100 "Tried
    /// accessing nonexisting field" for a name <paramref name="known"/> does not hold. <c>null</c> when none was given.
    /// </summary>
    public static Outcome<IReadOnlyList<string>?> Parse(string? fields, IReadOnlyCollection<string> known, string nodeType)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return Outcome<IReadOnlyList<string>?>.Success(null);
        }
        var names = new List<string>();
        foreach (var raw in fields.Split(','))
        {
            var name = raw.Trim();
            if (name.Length == 0 || names.Contains(name))
            {
                continue;
            }
            if (!known.Contains(name))
            {
                return ErrorCatalog.InvalidParameter.With($"Tried accessing nonexisting field ({name}) on node type ({nodeType})");
            }
            names.Add(name);
        }
        return names;
    }
}
