namespace Parley.Bench;

/// <summary>One target of issue 16 as judged by one run: Met is null when the run cannot judge it (failed baseline runs, nothing measured).</summary>
internal sealed record TargetCheck(string Target, string Measured, string Goal, bool? Met, bool Disturbed = false)
{
    public string MetText => Met is not { } met ? "not judged" : (met ? "yes" : "no") + (Disturbed ? " (disturbed)" : "");
}

/// <summary>One server's closed-loop rounds together: mean 2xx req/s, and its costs per accepted request over all rounds.</summary>
internal sealed record ClosedLoopSummary(
    double PerSecond, bool IsClean, double? CpuPerRequest, double? DatabaseCpuPerRequest, double? AllocatedPerRequest, long? MaxRss, double? MaxOtherCpu)
{
    public static ClosedLoopSummary Of(IReadOnlyList<Measured<ClosedLoopResult>> runs)
    {
        var success = runs.Sum(r => r.Result.Success);
        var usages = runs.Select(r => r.Usage).OfType<Usage>().ToList();
        var measured = usages.Count == runs.Count && success > 0;
        var allocated = usages.All(u => u.AllocatedBytes is not null) ? usages.Sum(u => u.AllocatedBytes!.Value) : (long?)null;
        return new ClosedLoopSummary(
            runs.Average(r => r.Result.SuccessPerSecond),
            runs.All(r => r.Result.IsClean),
            measured ? usages.Sum(u => u.TotalCpuMilliseconds) / success : null,
            measured ? usages.Sum(u => u.DatabaseCpuMilliseconds) / success : null,
            measured && allocated is { } bytes ? (double)bytes / success : null,
            usages.Max(u => u.RssBytes),
            runs.Max(r => r.OtherCpu));
    }
}

/// <summary>The targets of issue 16 that <c>compare</c> measures, with the store's own limits.</summary>
internal static class Targets
{
    public const double DisturbedAbove = 0.10;
    public const double CpuToDurable = 1.3;
    public const double AllocatedBytesPerSend = 4 * 1024;
    public const double OpenLoopP99ToBare = 2;
    public const long RssBytes = 300L * 1024 * 1024;

    public static double ClosedLoopRatio(Store store) => store == Store.Sqlite ? 0.60 : 0.25;

    public static double HeldRateP99Milliseconds(Store store) => store == Store.Sqlite ? 10 : 50;

    public static double EndToEndPerSecond(Store store) => store == Store.Sqlite ? 10_000 : 3_000;

    public static double EndToEndCpuMilliseconds(Store store) => store == Store.Sqlite ? 0.1 : 0.6;

    /// <summary>A rate is held when (nearly) every request is answered at (nearly) the rate it was sent.</summary>
    public static bool Holds(OpenLoopResult run) => run.IsClean && run.AchievedRate >= 0.95 * run.Rate;

    public static List<TargetCheck> Of(CompareOptions options, CompareResult result)
    {
        var checks = new List<TargetCheck>();
        var store = options.Store;
        var bare = ClosedLoopSummary.Of(result.ClosedLoop[options.Bare.Name]);
        var parley = ClosedLoopSummary.Of(result.ClosedLoop[options.Parley.Name]);
        var ratio = bare.PerSecond > 0 ? parley.PerSecond / bare.PerSecond : 0;
        checks.Add(new TargetCheck(
            "Closed loop: Parley req/s ÷ bare Kestrel's",
            $"{ratio:0.00} ({parley.PerSecond:N0} ÷ {bare.PerSecond:N0})",
            $"≥ {ClosedLoopRatio(store):0.00}",
            bare.IsClean && parley.IsClean ? ratio >= ClosedLoopRatio(store) : null,
            Disturbed(bare.MaxOtherCpu, parley.MaxOtherCpu)));

        if (options.Durable is { } durableServer)
        {
            var durable = ClosedLoopSummary.Of(result.ClosedLoop[durableServer.Name]);
            var cpuRatio = parley.CpuPerRequest / durable.CpuPerRequest;
            checks.Add(new TargetCheck(
                "Server CPU per accepted send: Parley" + (options.Parley.Database is null ? "" : " + PostgreSQL") + " ÷ durable prototype",
                cpuRatio is { } r ? $"{r:0.00} ({Report.Ms(parley.CpuPerRequest)} ÷ {Report.Ms(durable.CpuPerRequest)} ms)" : "n/a",
                $"≤ {CpuToDurable:0.0}",
                cpuRatio is { } value && durable.IsClean && parley.IsClean ? value <= CpuToDurable : null,
                Disturbed(durable.MaxOtherCpu, parley.MaxOtherCpu)));
        }

        checks.Add(new TargetCheck(
            "Allocations per accepted send (Parley, closed loop)",
            parley.AllocatedPerRequest is { } allocated ? $"{allocated / 1024:0.0} KB" : "n/a (no allocation probe)",
            $"≤ {AllocatedBytesPerSend / 1024:0} KB",
            parley.AllocatedPerRequest is { } bytes ? bytes <= AllocatedBytesPerSend : null));

        if (result.OpenLoop.TryGetValue((1_000, options.Bare.Name), out var bare1k)
            && result.OpenLoop.TryGetValue((1_000, options.Parley.Name), out var parley1k))
        {
            var (b, p) = (bare1k.Result.Latency.P99, parley1k.Result.Latency.P99);
            checks.Add(new TargetCheck(
                "Open loop 1,000 req/s: Parley p99 ÷ bare p99",
                $"{(b > 0 ? p / b : 0):0.00} ({p:0.00} ÷ {b:0.00} ms)",
                $"≤ {OpenLoopP99ToBare:0}",
                !bare1k.Result.IsClean ? null : parley1k.Result.IsClean && p <= OpenLoopP99ToBare * b,
                Disturbed(bare1k.OtherCpu, parley1k.OtherCpu)));
        }

        if (result.OpenLoop.TryGetValue((5_000, options.Parley.Name), out var parley5k))
        {
            var run = parley5k.Result;
            checks.Add(new TargetCheck(
                "Open loop 5,000 req/s: Parley holds the rate, p99",
                $"{run.AchievedRate:N0} req/s, {run.NonSuccess + run.Errors:N0} failed, p99 {run.Latency.P99:0.00} ms",
                $"holds, p99 ≤ {HeldRateP99Milliseconds(store):0} ms",
                Holds(run) && run.Latency.P99 <= HeldRateP99Milliseconds(store),
                Disturbed(parley5k.OtherCpu)));
        }

        var rss = result.ClosedLoop[options.Parley.Name].Select(r => r.Usage?.RssBytes)
            .Concat(result.OpenLoop.Where(o => o.Key.Server == options.Parley.Name).Select(o => o.Value.Usage?.RssBytes))
            .Max();
        checks.Add(RssCheck("RSS of Parley (highest at the end of any run)", rss));
        return checks;
    }

    public static TargetCheck RssCheck(string target, long? rss) => new(
        target,
        rss is { } bytes ? $"{bytes / 1024.0 / 1024:0} MB" : "n/a",
        $"< {RssBytes / 1024 / 1024} MB",
        rss is { } value ? value < RssBytes : null);

    public static bool Disturbed(params double?[] otherCpu) => otherCpu.Any(share => share > DisturbedAbove);
}
