using System.Runtime.InteropServices;
using System.Text;

namespace Parley.Bench;

/// <summary>Text for the console and the Markdown written by <c>compare</c>.</summary>
internal static class Report
{
    public static string Summary(ClosedLoopResult r) =>
        $"{r.SuccessPerSecond:N0} req/s (2xx), {r.NonSuccess:N0} non-2xx, {r.Errors:N0} errors";

    public static string Summary(OpenLoopResult r) =>
        $"{r.AchievedRate:N0} req/s achieved, p50 {r.Latency.P50:0.000} ms, p99 {r.Latency.P99:0.000} ms, " +
        $"max {r.Latency.Max:0.000} ms, {r.NonSuccess:N0} non-2xx, {r.Errors:N0} errors";

    public static string Describe(ClosedLoopOptions o, ClosedLoopResult r) => $"""
        Closed loop {o.Url}: {o.Connections} connections, {Seconds(o.Warmup)} s warmup + {Seconds(o.Duration)} s
          requests/s: {r.RequestsPerSecond:N0} (2xx: {r.SuccessPerSecond:N0})
          non-2xx:    {r.NonSuccess:N0}
          errors:     {r.Errors:N0}
        """;

    public static string Describe(OpenLoopOptions o, OpenLoopResult r) => $"""
        Open loop {o.Url}: {o.Rate:N0} req/s, {Seconds(o.Warmup)} s warmup + {Seconds(o.Duration)} s
          achieved:   {r.AchievedRate:N0} req/s ({r.Scheduled:N0} scheduled)
          latency ms: p50 {r.Latency.P50:0.000}  p90 {r.Latency.P90:0.000}  p99 {r.Latency.P99:0.000}  p99.9 {r.Latency.P999:0.000}  max {r.Latency.Max:0.000}
          send lag:   p99 {r.SendLag.P99:0.000} ms, max {r.SendLag.Max:0.000} ms (the generator's own lateness, part of latency)
          non-2xx:    {r.NonSuccess:N0}
          errors:     {r.Errors:N0}
        """;

    public static string Markdown(CompareOptions o, CompareResult r, IReadOnlyList<TargetCheck> targets)
    {
        var closed = o.ClosedLoop;
        var open = o.OpenLoop;
        var bare = ClosedLoopSummary.Of(r.ClosedLoop[o.Bare.Name]);
        var durable = o.Durable is null ? null : ClosedLoopSummary.Of(r.ClosedLoop[o.Durable.Name]);
        var md = new StringBuilder();
        md.AppendLine($"## Parley on {StoreName(o.Store)} vs bare Kestrel and the durable prototype, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine($"{Environment.ProcessorCount} CPUs · {RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription} · load generator on the same machine")
            .AppendLine();
        AppendTargets(md, targets);

        md.AppendLine()
            .AppendLine("### Closed loop (mean over rounds; costs per accepted request over all rounds)")
            .AppendLine()
            .AppendLine("| Server | req/s (2xx) | ÷ bare | ÷ durable | CPU ms/req | of which PostgreSQL | alloc KB/req | RSS MB | failed |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var server in o.Servers)
        {
            var runs = r.ClosedLoop[server.Name];
            var s = ClosedLoopSummary.Of(runs);
            var toDurable = durable is null || server == o.Durable ? "" : Ratio(s.PerSecond, durable.PerSecond);
            md.AppendLine($"| {server.Name} | {s.PerSecond:N0} | {Ratio(s.PerSecond, bare.PerSecond)} | {toDurable} | {Ms(s.CpuPerRequest)} | "
                + $"{(server.Database is null ? "" : Ms(s.DatabaseCpuPerRequest))} | {Kb(s.AllocatedPerRequest)} | {Mb(s.MaxRss)} | {runs.Sum(x => x.Result.NonSuccess + x.Result.Errors):N0} |");
        }

        md.AppendLine()
            .AppendLine($"Closed loop: {closed.Connections} connections, {o.Rounds} rounds alternating {string.Join(", ", o.Servers.Select(s => s.Name))}, each {Seconds(closed.Warmup)} s warmup + {Seconds(closed.Duration)} s.  ")
            .AppendLine($"Open loop: each rate scheduled by the clock, {Seconds(open.Warmup)} s warmup + {Seconds(open.Duration)} s; latency from the scheduled send time.  ")
            .AppendLine($"CPU: utime+stime from /proc over the measured window ÷ 2xx answers{(o.Parley.Database is null ? "" : ", Parley's including every PostgreSQL server process")}; allocations: the server's GC.GetTotalAllocatedBytes over the window (startup-hook probe).  ")
            .AppendLine(string.Join(" · ", o.Servers.Select(s => $"{s.Name}: `{s.Url}`")))
            .AppendLine()
            .AppendLine("### Closed-loop rounds (req/s, 2xx)")
            .AppendLine()
            .AppendLine($"| Round | {string.Join(" | ", o.Servers.Select(s => s.Name))} | Parley ÷ bare | other processes' CPU |")
            .AppendLine($"|---:|{string.Concat(o.Servers.Select(_ => "---:|"))}---:|---|");
        for (var i = 0; i < o.Rounds; i++)
        {
            var runs = o.Servers.Select(s => r.ClosedLoop[s.Name][i]).ToList();
            md.AppendLine($"| {i + 1} | {string.Join(" | ", runs.Select(x => x.Result.SuccessPerSecond.ToString("N0")))} | "
                + $"{Ratio(r.ClosedLoop[o.Parley.Name][i].Result.SuccessPerSecond, r.ClosedLoop[o.Bare.Name][i].Result.SuccessPerSecond)} | "
                + $"{string.Join(" / ", runs.Select(x => Percent(x.OtherCpu)))} |");
        }

        md.AppendLine()
            .AppendLine("### Open-loop runs (latency in ms from the scheduled send time)")
            .AppendLine()
            .AppendLine("| Rate | Server | achieved req/s | p50 | p90 | p99 | p99.9 | max | send lag p99 | failed | CPU ms/req | alloc KB/req | other processes' CPU |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ((rate, server), measured) in r.OpenLoop)
        {
            var (run, l) = (measured.Result, measured.Result.Latency);
            var answered = run.Success;
            md.AppendLine($"| {rate:N0} | {server} | {run.AchievedRate:N0} | {l.P50:0.000} | {l.P90:0.000} | {l.P99:0.000} | {l.P999:0.000} | {l.Max:0.000} | "
                + $"{run.SendLag.P99:0.000} | {Failed(run)} | {Ms(measured.Usage?.CpuPer(answered))} | {Kb(measured.Usage?.AllocatedPer(answered))} | {Percent(measured.OtherCpu)} |");
        }

        var notes = new List<string>();
        var others = r.ClosedLoop.Values.SelectMany(x => x).Select(x => x.OtherCpu).Concat(r.OpenLoop.Values.Select(x => x.OtherCpu)).Max();
        if (others is null)
        {
            notes.Add("Other processes' CPU use was not tracked (needs /proc and the servers' pids).");
        }
        else if (others > Targets.DisturbedAbove)
        {
            notes.Add($"Other processes took up to {Percent(others)} of the machine's CPU during a run: the numbers are disturbed, rerun on a quiet machine.");
        }

        notes.AddRange(r.Notes);
        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("### Notes").AppendLine();
            notes.ForEach(note => md.AppendLine($"- {note}"));
        }

        return md.ToString();
    }

    /// <summary>The targets table: what was measured, the goal, and whether it is met.</summary>
    public static void AppendTargets(StringBuilder md, IEnumerable<TargetCheck> targets)
    {
        md.AppendLine("| Target (issue 16) | Measured | Goal | Met |")
            .AppendLine("|---|---|---|---|");
        foreach (var t in targets)
        {
            md.AppendLine($"| {t.Target} | {t.Measured} | {t.Goal} | {t.MetText} |");
        }
    }

    public static string StoreName(Store store) => store == Store.Sqlite ? "SQLite" : "PostgreSQL";

    public static string Ms(double? milliseconds) => milliseconds is { } value ? value.ToString("0.000") : "n/a";

    public static string Kb(double? bytes) => bytes is { } value ? (value / 1024).ToString("0.0") : "n/a";

    public static string Mb(long? bytes) => bytes is { } value ? (value / 1024.0 / 1024).ToString("0") : "n/a";

    private static string Ratio(double value, double of) => of > 0 ? (value / of).ToString("0.00") : "n/a";

    public static string Percent(double? share) => share is { } value ? $"{value * 100:0} %" : "n/a";

    private static string Failed(OpenLoopResult run) => $"{run.NonSuccess + run.Errors:N0}";

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.##");
}
