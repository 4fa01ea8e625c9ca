namespace Parley.Core.Analytics;

/// <summary>A template analytics is computed for: its id, category and the texts of its URL buttons by button index.</summary>
public sealed record AnalyzedTemplate(string Id, string Category, IReadOnlyDictionary<int, string> UrlButtons);

/// <summary>One sent template message: when it was sent, delivered and read, its price, and the URL buttons clicked (index, time).</summary>
public sealed record AnalyzedSend(
    string TemplateId,
    DateTimeOffset SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    decimal Price,
    IReadOnlyList<(int Button, DateTimeOffset At)> Clicks);

/// <summary>The clicks of one button on one day.</summary>
public sealed record ButtonClicks(string Type, string ButtonContent, long Count);

/// <summary>One template's numbers on one day (the day of the send).</summary>
public sealed record TemplateDataPoint(
    string TemplateId,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Sent,
    long Delivered,
    long Read,
    IReadOnlyList<ButtonClicks>? Clicked,
    decimal AmountSpent)
{
    /// <summary>What a delivered message cost on average; null without deliveries.</summary>
    public decimal? CostPerDelivered => Delivered == 0 ? null : decimal.Round(AmountSpent / Delivered, 6);

    /// <summary>What a URL button click cost on average; null without clicks.</summary>
    public decimal? CostPerUrlButtonClick => Clicked?.Sum(c => c.Count) is > 0 and var clicks ? decimal.Round(AmountSpent / clicks, 6) : null;
}

/// <summary>
/// Adds up a template's sends per day of the send (in the query's zone): sent, delivered, read (within 7 days of the
/// send), URL button clicks (within 7 days; MARKETING and UTILITY only) and the amount spent (the recorded prices).
/// </summary>
public static class TemplateAnalyticsReport
{
    public const string UrlButton = "url_button";

    public static IReadOnlyList<TemplateDataPoint> Compute(TemplateAnalyticsQuery query, IReadOnlyList<AnalyzedTemplate> templates, IEnumerable<AnalyzedSend> sends)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(templates);
        var byDay = sends.Where(s => s.SentAt >= query.Start && s.SentAt < query.End)
            .ToLookup(s => (s.TemplateId, Day: TemplateAnalyticsQuery.DayOf(s.SentAt, query.Zone)));
        var points = new List<TemplateDataPoint>();
        foreach (var template in templates)
        {
            foreach (var day in query.Days())
            {
                var of = byDay[(template.Id, day)].ToList();
                points.Add(new TemplateDataPoint(
                    template.Id,
                    day,
                    TemplateAnalyticsQuery.NextDay(day, query.Zone),
                    Sent: of.Count,
                    Delivered: of.LongCount(s => s.DeliveredAt is not null || s.ReadAt is not null),
                    Read: of.LongCount(s => s.ReadAt is { } read && read - s.SentAt <= TemplateAnalyticsRules.ReadAndClickWindow),
                    Clicked: TemplateAnalyticsRules.CountsClicks(template.Category) ? Clicks(template, of) : null,
                    AmountSpent: of.Sum(s => s.Price)));
            }
        }
        return points;
    }

    /// <summary>Every URL button of the template with its clicks made within 7 days of their send.</summary>
    private static List<ButtonClicks> Clicks(AnalyzedTemplate template, List<AnalyzedSend> sends) =>
    [
        .. template.UrlButtons.OrderBy(b => b.Key).Select(button => new ButtonClicks(UrlButton, button.Value, sends.Sum(
            s => (long)s.Clicks.Count(c => c.Button == button.Key && c.At - s.SentAt <= TemplateAnalyticsRules.ReadAndClickWindow)))),
    ];
}
