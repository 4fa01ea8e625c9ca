using System.Globalization;
using Parley.Core.Errors;

namespace Parley.Core.Analytics;

/// <summary>
/// A template analytics request: the days <c>[Start, End)</c> (midnights in <see cref="Zone"/>), the templates, the
/// metrics, the product. Read from the parameters of seed 000 (and Meta's): <c>start</c>, <c>end</c> (Unix time or
/// <c>YYYY-MM-DD</c>), <c>granularity</c>, <c>template_ids</c>, <c>metric_types</c>, <c>product_type</c>, <c>use_waba_timezone</c>.
/// </summary>
public sealed record TemplateAnalyticsQuery(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> TemplateIds,
    IReadOnlySet<string> MetricTypes,
    string ProductType,
    TimeZoneInfo Zone)
{
    /// <summary>The raw parameters: each list as given (repeated parameters, a JSON array or a comma list, already split).</summary>
    public sealed record Raw(
        string? Start, string? End, string? Granularity, IReadOnlyList<string> TemplateIds, IReadOnlyList<string> MetricTypes,
        string? ProductType, string? UseWabaTimezone);

    /// <summary>Checks and reads a request; <paramref name="wabaZone"/> is the account's time zone, used when asked for.</summary>
    public static Outcome<TemplateAnalyticsQuery> Parse(Raw raw, TimeZoneInfo wabaZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(raw);
        bool useWaba;
        if (raw.UseWabaTimezone is null or "")
        {
            useWaba = false;
        }
        else if (!bool.TryParse(raw.UseWabaTimezone, out useWaba))
        {
            return Invalid("use_waba_timezone must be true or false.");
        }
        var zone = useWaba ? wabaZone : TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(raw.Start) || string.IsNullOrEmpty(raw.End))
        {
            return Invalid("start and end are required (Unix time or YYYY-MM-DD).");
        }
        if (!string.Equals(raw.Granularity, TemplateAnalyticsRules.Daily, StringComparison.Ordinal))
        {
            return Invalid("granularity is required and must be DAILY: template analytics are reported per day.");
        }
        var start = Instant(raw.Start, zone, useWaba);
        var end = Instant(raw.End, zone, useWaba);
        if (start is null || end is null)
        {
            return Invalid(useWaba
                ? "start and end must be dates as YYYY-MM-DD when use_waba_timezone is true."
                : "start and end must be Unix timestamps or dates as YYYY-MM-DD.");
        }
        var (from, to) = (DayOf(start.Value, zone), DayOf(end.Value, zone));
        if (end.Value > to)
        {
            to = NextDay(to, zone); // a day that has begun by the end is reported whole
        }
        if (to <= from)
        {
            return Invalid("end must be after start.");
        }
        if (from < now - TemplateAnalyticsRules.LookBack - TimeSpan.FromDays(1))
        {
            return Invalid($"start must be within the last {TemplateAnalyticsRules.LookBack.TotalDays:0} days.");
        }
        var ids = raw.TemplateIds.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return Invalid("template_ids is required.");
        }
        if (ids.Count > TemplateAnalyticsRules.MaxTemplateIds)
        {
            return Invalid($"template_ids can have at most {TemplateAnalyticsRules.MaxTemplateIds} template ids.");
        }
        if (ids.Any(i => !i.All(char.IsAsciiDigit)))
        {
            return Invalid("template_ids must be template ids (digits).");
        }
        var metrics = raw.MetricTypes.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (metrics.FirstOrDefault(m => !TemplateAnalyticsRules.MetricTypes.Contains(m)) is { } unknown)
        {
            return Invalid($"metric_types has an unknown value {unknown}; expected one of {string.Join(", ", TemplateAnalyticsRules.MetricTypes)}.");
        }
        if (metrics.Count == 0)
        {
            metrics = [.. TemplateAnalyticsRules.MetricTypes];
        }
        var product = string.IsNullOrEmpty(raw.ProductType) ? TemplateAnalyticsRules.CloudApi : raw.ProductType.ToUpperInvariant();
        if (product is not (TemplateAnalyticsRules.CloudApi or TemplateAnalyticsRules.MarketingMessagesLite))
        {
            return Invalid("product_type must be CLOUD_API or MARKETING_MESSAGES_LITE_API.");
        }
        return new TemplateAnalyticsQuery(from, to, ids, metrics, product, zone);
    }

    /// <summary>The midnights that start each day of the request, in its zone.</summary>
    public IEnumerable<DateTimeOffset> Days()
    {
        for (var day = Start; day < End; day = NextDay(day, Zone))
        {
            yield return day;
        }
    }

    /// <summary>The midnight that starts the day after <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset NextDay(DateTimeOffset day, TimeZoneInfo zone) => DayOf(day.AddHours(36), zone);

    /// <summary>The midnight (in <paramref name="zone"/>) that starts the day of <paramref name="at"/>.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>A Unix timestamp (seconds) or a date as YYYY-MM-DD (only a date when <paramref name="dateOnly"/>).</summary>
    private static DateTimeOffset? Instant(string text, TimeZoneInfo zone, bool dateOnly)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }
        if (!dateOnly && text.Length <= 12 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        return null;
    }

    private static WhatsAppError Invalid(string details) => ErrorCatalog.InvalidParameter.With(details);
}
