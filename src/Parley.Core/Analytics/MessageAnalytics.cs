using Parley.Core.Errors;
using Parley.Core.Pricing;

namespace Parley.Core.Analytics;

/// <summary>One priced message of a business account and the business number (digits) that sent it.</summary>
public sealed record AnalyzedMessage(PricedMessage Priced, string PhoneNumber);

/// <summary>
/// A breakdown of a WABA analytics field: the name in <c>dimensions</c>, the key of the data point, the filter argument
/// that narrows it (null: none), and the message's value.
/// </summary>
public sealed record AnalyticsDimension(string Name, string Key, string? Filter, Func<AnalyzedMessage, string> Value)
{
    /// <summary>Whether a message passes a filter value; by default its value, ignoring case.</summary>
    public Func<AnalyzedMessage, string, bool>? Matches { get; init; }

    public bool Passes(AnalyzedMessage message, string filter) =>
        Matches?.Invoke(message, filter) ?? string.Equals(Value(message), filter, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// What a WABA analytics field counts: its name, the metric of the count (<c>VOLUME</c>, <c>CONVERSATION</c>) and its
/// data point key, its breakdowns, and the values its filters accept (a filter's value outside them is refused).
/// </summary>
public sealed record MessageAnalyticsKind(
    string Field,
    string CountMetric,
    string CountKey,
    IReadOnlyList<AnalyticsDimension> Dimensions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FilterValues);

/// <summary>A request of a WABA analytics field, read: the period, the breakdowns, the metrics and the filters.</summary>
public sealed record MessageAnalyticsQuery(
    DateTimeOffset Start,
    DateTimeOffset End,
    string Granularity,
    IReadOnlyList<AnalyticsDimension> Dimensions,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<(AnalyticsDimension Dimension, IReadOnlyList<string> Values)> Filters);

/// <summary>One data point: a period and the values of the breakdowns asked for, with the count and the cost of its messages.</summary>
public sealed record MessageDataPoint(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<(string Key, string Value)> Dimensions, long Count, decimal Cost);

/// <summary>
/// The per-message analytics of a business account (Meta, "Analytics": <c>pricing_analytics</c>, <c>conversation_analytics</c>)
/// computed from the prices recorded for its messages: one computation, the field only naming what it counts and how it
/// breaks it down. Periods are whole UTC half hours, days or months (as Meta's examples show them, even where the query
/// starts or ends inside one; only the messages inside the query count); a data point per period and combination of
/// breakdown values that has messages. The cost is what the price table charged (free messages cost nothing).
/// </summary>
public static class MessageAnalytics
{
    public const string HalfHour = "HALF_HOUR";
    public const string Daily = "DAILY";
    public const string Monthly = "MONTHLY";
    public const string Cost = "COST";

    public static readonly IReadOnlyList<string> Granularities = [HalfHour, Daily, Monthly];

    /// <summary>Meta: since 1 December 2025 messaging, conversation and pricing analytics look back at most one year.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(365);

    /// <summary>Reads a request: <c>start</c>, <c>end</c> (Unix seconds) and <c>granularity</c> required; lists checked against the kind.</summary>
    public static Outcome<MessageAnalyticsQuery> Parse(MessageAnalyticsKind kind, FieldArguments arguments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = arguments.UnixTime("start", out var badStart);
        var end = arguments.UnixTime("end", out var badEnd);
        if (badStart || badEnd)
        {
            return Invalid(kind, $"start and end must be Unix timestamps in seconds.");
        }
        if (start is null || end is null || arguments.Text("granularity") is null)
        {
            return Invalid(kind, "start, end and granularity are required.");
        }
        if (end <= start)
        {
            return Invalid(kind, "end must be after start.");
        }
        if (start < now - LookBack)
        {
            return Invalid(kind, $"start can be at most {LookBack.TotalDays:0} days ago.");
        }
        var granularity = arguments.Text("granularity")!.ToUpperInvariant();
        if (!Granularities.Contains(granularity))
        {
            return Invalid(kind, $"granularity must be one of {string.Join(", ", Granularities)}.");
        }
        var dimensions = new List<AnalyticsDimension>();
        foreach (var name in arguments.List("dimensions").Select(d => d.ToUpperInvariant()).Distinct())
        {
            if (kind.Dimensions.FirstOrDefault(d => d.Name == name) is not { } dimension)
            {
                return Invalid(kind, $"dimensions: {name} is not one of {string.Join(", ", kind.Dimensions.Select(d => d.Name))}.");
            }
            dimensions.Add(dimension);
        }
        string[] known = [kind.CountMetric, Cost];
        var metrics = arguments.List("metric_types").Select(m => m.ToUpperInvariant()).Distinct().ToList();
        if (metrics.FirstOrDefault(m => !known.Contains(m)) is { } unknownMetric)
        {
            return Invalid(kind, $"metric_types: {unknownMetric} is not one of {string.Join(", ", known)}.");
        }
        var filters = new List<(AnalyticsDimension, IReadOnlyList<string>)>();
        foreach (var dimension in kind.Dimensions.Where(d => d.Filter is not null))
        {
            var values = arguments.List(dimension.Filter!);
            if (values.Count == 0)
            {
                continue;
            }
            if (kind.FilterValues.TryGetValue(dimension.Filter!, out var allowed)
                && values.FirstOrDefault(v => !allowed.Contains(v, StringComparer.OrdinalIgnoreCase)) is { } unknownValue)
            {
                return Invalid(kind, $"{dimension.Filter}: {unknownValue} is not one of {string.Join(", ", allowed)}.");
            }
            filters.Add((dimension, values));
        }
        return new MessageAnalyticsQuery(start.Value, end.Value, granularity, dimensions, metrics.Count == 0 ? known : metrics, filters);
    }

    /// <summary>The data points of the messages priced in the query's period that pass its filters, in time order.</summary>
    public static IReadOnlyList<MessageDataPoint> Compute(MessageAnalyticsQuery query, IEnumerable<AnalyzedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(query);
        var kept = messages.Where(m => m.Priced.PricedAt >= query.Start && m.Priced.PricedAt < query.End
            && query.Filters.All(f => f.Values.Any(v => f.Dimension.Passes(m, v))));
        return
        [
            .. kept
                .GroupBy(m => (Start: PeriodStart(m.Priced.PricedAt, query.Granularity), Key: string.Join('\u001f', query.Dimensions.Select(d => d.Value(m)))))
                .Select(g => new MessageDataPoint(
                    g.Key.Start,
                    PeriodEnd(g.Key.Start, query.Granularity),
                    [.. query.Dimensions.Select(d => (d.Key, d.Value(g.First())))],
                    g.LongCount(),
                    g.Where(m => UsageStatistics.IsPaid(m.Priced)).Sum(m => m.Priced.Price)))
                .OrderBy(p => p.Start).ThenBy(p => string.Join('\u001f', p.Dimensions.Select(d => d.Value)), StringComparer.Ordinal),
        ];
    }

    /// <summary>The UTC half hour, day or month <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset PeriodStart(DateTimeOffset at, string granularity)
    {
        var utc = at.UtcDateTime;
        return granularity switch
        {
            HalfHour => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute < 30 ? 0 : 30, 0, TimeSpan.Zero),
            Monthly => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Date, TimeSpan.Zero),
        };
    }

    public static DateTimeOffset PeriodEnd(DateTimeOffset start, string granularity) => granularity switch
    {
        HalfHour => start.AddMinutes(30),
        Monthly => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    private static WhatsAppError Invalid(MessageAnalyticsKind kind, string detail) => ErrorCatalog.InvalidParameter.With($"{kind.Field}: {detail}");
}
