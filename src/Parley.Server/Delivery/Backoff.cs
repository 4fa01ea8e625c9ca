namespace Parley.Server.Delivery;

/// <summary>Exponential backoff with jitter: the base delay doubled per earlier attempt, capped, then randomized.</summary>
internal static class Backoff
{
    /// <param name="attempts">Attempts already made (0 for the first retry).</param>
    /// <param name="jitter">The share of the delay that is random: 0.2 spreads it over ±20 %.</param>
    public static TimeSpan Delay(int attempts, int baseDelayMs, int maxDelayMs, double jitter)
    {
        var ms = Math.Min(maxDelayMs, baseDelayMs * Math.Pow(2, Math.Min(attempts, 30)));
        return TimeSpan.FromMilliseconds(ms * (1 - jitter + Random.Shared.NextDouble() * 2 * jitter));
    }
}
