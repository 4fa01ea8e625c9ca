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

    public static string Markdown(CompareOptions o, CompareResult r)
    {
        var closed = o.ClosedLoop;
        var open = o.OpenLoop;
        var baselineOpen = r.BaselineOpenLoop.Result;
        var parleyOpen = r.ParleyOpenLoop.Result;
        var md = new StringBuilder();
        md.AppendLine($"## Parley vs bare Kestrel, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine($"{Environment.ProcessorCount} CPUs · {RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription} · load generator on the same machine")
            .AppendLine()
            .AppendLine("| Measure | Baseline | Parley | Parley / baseline | Target | Met |")
            .AppendLine("|---|---:|---:|---:|---|---|")
            .AppendLine($"| Closed loop, req/s (2xx) | {r.BaselinePerSecond:N0} | {r.ParleyPerSecond:N0} | {r.Ratio:0.00} | ≥ {CompareResult.TargetRatio:0.00} | {Met(r, r.ThroughputMet)} |")
            .AppendLine($"| Open loop {open.Rate:N0} req/s, p50 ms | {baselineOpen.Latency.P50:0.000} | {parleyOpen.Latency.P50:0.000} | | | |")
            .AppendLine($"| Open loop {open.Rate:N0} req/s, p99 ms | {baselineOpen.Latency.P99:0.000} | {parleyOpen.Latency.P99:0.000} | | ≤ {CompareResult.TargetP99Milliseconds:0} ms | {Met(r, r.LatencyMet)} |")
            .AppendLine()
            .AppendLine($"Closed loop: {closed.Connections} connections, {r.BaselineRuns.Count} rounds alternating baseline and Parley, each {Seconds(closed.Warmup)} s warmup + {Seconds(closed.Duration)} s; mean over rounds.  ")
            .AppendLine($"Open loop: {open.Rate:N0} req/s scheduled by the clock, {Seconds(open.Warmup)} s warmup + {Seconds(open.Duration)} s; latency from the scheduled send time.  ")
            .AppendLine($"Parley: `{o.ParleyUrl}` · baseline: `{o.BaselineUrl}`")
            .AppendLine()
            .AppendLine("### Closed-loop rounds")
            .AppendLine()
            .AppendLine("| Round | Baseline req/s | Parley req/s | Parley / baseline | Failed (baseline / Parley) | Other processes' CPU |")
            .AppendLine("|---:|---:|---:|---:|---|---|");
        for (var i = 0; i < r.BaselineRuns.Count; i++)
        {
            var (baseline, parley) = (r.BaselineRuns[i], r.ParleyRuns[i]);
            var ratio = baseline.Result.SuccessPerSecond > 0 ? parley.Result.SuccessPerSecond / baseline.Result.SuccessPerSecond : 0;
            md.AppendLine($"| {i + 1} | {baseline.Result.SuccessPerSecond:N0} | {parley.Result.SuccessPerSecond:N0} | {ratio:0.00} | {Failed(baseline.Result)} / {Failed(parley.Result)} | {Percent(baseline.OtherCpu)} / {Percent(parley.OtherCpu)} |");
        }

        md.AppendLine()
            .AppendLine("### Open-loop runs (ms)")
            .AppendLine()
            .AppendLine("| Server | achieved req/s | p50 | p90 | p99 | p99.9 | max | send lag p99 | failed | other processes' CPU |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        AppendOpenLoop(md, "baseline", r.BaselineOpenLoop);
        AppendOpenLoop(md, "Parley", r.ParleyOpenLoop);

        var notes = new List<string>();
        if (!r.IsValid)
        {
            notes.Add("Some requests failed (non-2xx or transport errors), so the servers did unlike work: no target is judged.");
        }

        if (r.MaxOtherCpu is null)
        {
            notes.Add("Other processes' CPU use was not tracked (needs /proc and --server-pids).");
        }
        else if (r.IsDisturbed)
        {
            notes.Add($"Other processes took up to {Percent(r.MaxOtherCpu)} of the machine's CPU during a run: the numbers are disturbed, rerun on a quiet machine.");
        }

        notes.AddRange(r.Notes);
        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("### Notes").AppendLine();
            notes.ForEach(note => md.AppendLine($"- {note}"));
        }

        return md.ToString();
    }

    public static string Percent(double? share) => share is { } value ? $"{value * 100:0} %" : "n/a";

    private static void AppendOpenLoop(StringBuilder md, string server, Measured<OpenLoopResult> measured)
    {
        var (run, l) = (measured.Result, measured.Result.Latency);
        md.AppendLine($"| {server} | {run.AchievedRate:N0} | {l.P50:0.000} | {l.P90:0.000} | {l.P99:0.000} | {l.P999:0.000} | {l.Max:0.000} | {run.SendLag.P99:0.000} | {Failed(run)} | {Percent(measured.OtherCpu)} |");
    }

    private static string Failed(ClosedLoopResult run) => $"{run.NonSuccess + run.Errors:N0}";

    private static string Failed(OpenLoopResult run) => $"{run.NonSuccess + run.Errors:N0}";

    private static string Met(CompareResult r, bool met) =>
        !r.IsValid ? "not judged" : (met ? "yes" : "no") + (r.IsDisturbed ? " (disturbed)" : "");

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.##");
}
