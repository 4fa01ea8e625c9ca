using Parley.Core.Model;
using Parley.Core.Pricing;
using Parley.Storage;

namespace Parley.Server.Pricing;

/// <summary>
/// A channel's usage read from its priced messages (recorded when statuses report pricing) and added up by
/// <see cref="UsageStatistics"/>: what the 1msg statistics endpoints answer, and what Cloud API analytics can reuse.
/// </summary>
internal sealed class UsageReports(IPricingStore store)
{
    /// <summary>Most priced messages read for one report (a bounded scan).</summary>
    public const int ScanLimit = 100_000;

    /// <summary>The usage of the UTC month that starts at <paramref name="month"/>.</summary>
    public async Task<UsageSummary> MonthAsync(Channel channel, DateTimeOffset month, CancellationToken cancellationToken)
    {
        var start = UsageStatistics.MonthOf(month);
        var messages = await store.ListAsync(channel.PhoneNumberId, start, start.AddMonths(1), ScanLimit, cancellationToken);
        return UsageStatistics.Summarize(start, messages);
    }

    /// <summary>The usage of every month with priced messages, oldest first.</summary>
    public async Task<IReadOnlyList<UsageSummary>> MonthsAsync(Channel channel, CancellationToken cancellationToken)
    {
        var messages = await store.ListAsync(channel.PhoneNumberId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1), ScanLimit, cancellationToken);
        return UsageStatistics.ByMonth(messages);
    }
}

/// <summary>Registers the usage reports.</summary>
public static class PricingServiceCollectionExtensions
{
    /// <summary>Per-message pricing's read side: usage reports from the priced messages (the price table is <c>Parley:Pricing</c>).</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.AddSingleton<UsageReports>();
        return services;
    }
}
