using System.Diagnostics;

namespace Parley.Bench;

/// <summary>Latency percentiles in milliseconds.</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P90, double P99, double P999, double Max);

/// <summary>Nearest-rank percentiles over an exact, sorted sample (no histogram buckets, no interpolation).</summary>
internal static class Percentiles
{
    /// <summary>Sorts <paramref name="ticks"/> (Stopwatch ticks) in place and summarizes it.</summary>
    public static LatencySummary Summarize(Span<long> ticks)
    {
        if (ticks.IsEmpty)
        {
            return default;
        }

        ticks.Sort();
        return new LatencySummary(
            ticks.Length,
            Milliseconds(At(ticks, 50)),
            Milliseconds(At(ticks, 90)),
            Milliseconds(At(ticks, 99)),
            Milliseconds(At(ticks, 99.9)),
            Milliseconds(ticks[^1]));
    }

    /// <summary>The smallest value with at least <paramref name="percentile"/> % of the sample at or below it.</summary>
    public static long At(ReadOnlySpan<long> sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
