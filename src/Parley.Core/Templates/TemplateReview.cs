using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parley.Core.Templates;

/// <summary>The sandbox's verdict on a pending template.</summary>
public sealed record ReviewDecision(string Status, string Reason);

/// <summary>
/// The sandbox's template review: deterministic rules over the template's name and texts (documented in
/// docs/templates.md), checked in this order, whole words, ignoring case:
/// <list type="number">
/// <item>a word of <see cref="AbusiveWords"/> → REJECTED, ABUSIVE_CONTENT;</item>
/// <item>a word of <see cref="ScamWords"/> → REJECTED, SCAM;</item>
/// <item>the name contains <c>promotional</c> → REJECTED, PROMOTIONAL;</item>
/// <item>the name contains <c>invalid_format</c>, or a text has <c>{{</c>/<c>}}</c> left unpaired → REJECTED, INVALID_FORMAT;</item>
/// <item>a UTILITY or AUTHENTICATION template with a word of <see cref="MarketingWords"/> → REJECTED, INCORRECT_CATEGORY;</item>
/// <item>otherwise APPROVED.</item>
/// </list>
/// </summary>
public static class TemplateReview
{
    public static readonly string[] AbusiveWords = ["abuse", "hate", "violence", "idiot"];
    public static readonly string[] ScamWords = ["lottery", "jackpot", "scam", "wire transfer"];
    public static readonly string[] MarketingWords = ["sale", "discount", "promo", "offer", "buy now", "% off"];


    public static ReviewDecision Decide(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var texts = Texts(template.Components);
        var all = template.Name.Replace('_', ' ') + "\n" + string.Join("\n", texts);
        if (ContainsAny(all, AbusiveWords))
        {
            return new ReviewDecision(TemplateStatuses.Rejected, TemplateRejectionReasons.AbusiveContent);
        }
        if (ContainsAny(all, ScamWords))
        {
            return new ReviewDecision(TemplateStatuses.Rejected, TemplateRejectionReasons.Scam);
        }
        if (template.Name.Contains("promotional", StringComparison.Ordinal))
        {
            return new ReviewDecision(TemplateStatuses.Rejected, TemplateRejectionReasons.Promotional);
        }
        if (template.Name.Contains("invalid_format", StringComparison.Ordinal)
            || texts.Any(t => CountOf(t, "{{") != CountOf(t, "}}")))
        {
            return new ReviewDecision(TemplateStatuses.Rejected, TemplateRejectionReasons.InvalidFormat);
        }
        if (template.Category != TemplateCategories.Marketing && ContainsAny(string.Join("\n", texts), MarketingWords))
        {
            return new ReviewDecision(TemplateStatuses.Rejected, TemplateRejectionReasons.IncorrectCategory);
        }
        return new ReviewDecision(TemplateStatuses.Approved, TemplateRejectionReasons.None);
    }

    private static List<string> Texts(string components)
    {
        using var document = JsonDocument.Parse(components);
        var texts = new List<string>();
        Collect(document.RootElement, texts);
        return texts;
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "text" && property.Value.ValueKind == JsonValueKind.String)
                {
                    texts.Add(property.Value.GetString()!);
                }
                Collect(property.Value, texts);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, texts);
            }
        }
    }

    private static bool ContainsAny(string text, string[] words) =>
        words.Any(w => Regex.IsMatch(text, (char.IsLetterOrDigit(w[0]) ? @"\b" : "") + Regex.Escape(w) + (char.IsLetterOrDigit(w[^1]) ? @"\b" : ""),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    private static int CountOf(string text, string token)
    {
        var count = 0;
        for (var i = text.IndexOf(token, StringComparison.Ordinal); i >= 0; i = text.IndexOf(token, i + token.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
