using System.Text.RegularExpressions;

namespace Parley.Core.Templates;

/// <summary>The <c>{{1}}</c> / <c>{{name}}</c> variables of template text.</summary>
public static partial class TemplateVariables
{
    [GeneratedRegex(@"\{\{\s*([^{}\s]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>The variable names in order of appearance (<c>"1"</c>, <c>"first_name"</c>), repeats included.</summary>
    public static IReadOnlyList<string> In(string? text) =>
        text is null ? [] : VariablePattern().Matches(text).Select(m => m.Groups[1].Value).ToList();

    public static bool IsPositional(string name) => name.Length is > 0 and <= 3 && name.All(char.IsAsciiDigit) && name[0] != '0';

    /// <summary>Named variables: lowercase letters, digits and underscores, starting with a letter.</summary>
    public static bool IsNamed(string name) => NamePattern().IsMatch(name) && char.IsAsciiLetterLower(name[0]);

    /// <summary>Whether the text starts or ends with a variable (Meta: 2388299, leading/trailing parameters).</summary>
    public static bool HasLeadingOrTrailing(string text)
    {
        var trimmed = text.Trim();
        var matches = VariablePattern().Matches(trimmed);
        return matches.Count > 0 && (matches[0].Index == 0 || matches[^1].Index + matches[^1].Length == trimmed.Length);
    }

    /// <summary>Replaces each variable with <paramref name="value"/>'s answer (the variable itself when it has none).</summary>
    public static string Substitute(string text, Func<string, string?> value) =>
        VariablePattern().Replace(text, m => value(m.Groups[1].Value) ?? m.Value);
}
