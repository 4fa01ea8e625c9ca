using Parley.Core;
using Parley.Core.Analytics;
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

    /// <summary>
    /// The fields of <paramref name="fields"/> with the arguments of their expansions (Graph's field expansion:
    /// <c>name.modifier(argument).modifier(argument)</c>; commas inside parentheses, brackets or quotes belong to the
    /// argument). Code 100 for a field <paramref name="known"/> does not hold, or an expansion that does not parse.
    /// <c>null</c> when none was given.
    /// </summary>
    public static Outcome<IReadOnlyList<(string Name, FieldArguments Arguments)>?> ParseExpanded(string? fields, IReadOnlyCollection<string> known, string nodeType)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return Outcome<IReadOnlyList<(string, FieldArguments)>?>.Success(null);
        }
        var parsed = new List<(string Name, FieldArguments Arguments)>();
        foreach (var item in SplitTopLevel(fields))
        {
            var text = item.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var name = (dot < 0 ? text : text[..dot]).Trim();
            if (!known.Contains(name))
            {
                return ErrorCatalog.InvalidParameter.With($"Tried accessing nonexisting field ({name}) on node type ({nodeType})");
            }
            if (Modifiers(dot < 0 ? "" : text[dot..]) is not { } arguments)
            {
                return ErrorCatalog.InvalidParameter.With($"Syntax error in the expansion of field ({name}): write {name}.modifier(value).modifier(value).");
            }
            if (parsed.All(p => p.Name != name))
            {
                parsed.Add((name, new FieldArguments(arguments)));
            }
        }
        return parsed;
    }

    /// <summary>The items of a comma list, not splitting inside parentheses, brackets or quotes.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var items = new List<string>();
        var (depth, quote, from) = (0, '\0', 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                items.Add(text[from..i]);
                from = i + 1;
            }
        }
        items.Add(text[from..]);
        return items;
    }

    /// <summary><c>.name(value).name(value)</c> by name; null when it does not parse.</summary>
    private static Dictionary<string, string>? Modifiers(string text)
    {
        var modifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '.')
            {
                return null;
            }
            var open = text.IndexOf('(', i);
            if (open < 0)
            {
                return null;
            }
            var name = text[(i + 1)..open].Trim();
            var (depth, close) = (0, -1);
            for (var j = open; j < text.Length && close < 0; j++)
            {
                depth += text[j] switch { '(' => 1, ')' => -1, _ => 0 };
                close = depth == 0 ? j : -1;
            }
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || close < 0)
            {
                return null;
            }
            modifiers[name] = text[(open + 1)..close];
            i = close + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }
        return modifiers;
    }
}
