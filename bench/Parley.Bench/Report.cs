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
        var md = new StringBuilder();
        md.AppendLine($"## Parley vs bare Kestrel, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine($"{Environment.ProcessorCount} CPUs · {RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription} · load generator on the same machine")
            .AppendLine()
            .AppendLine("| Measure | Baseline | Parley | Parley / baseline | Target | Met |")
            .AppendLine("|---|---:|---:|---:|---|---|")
            .AppendLine($"| Closed loop, req/s (2xx) | {r.BaselinePerSecond:N0} | {r.ParleyPerSecond:N0} | {r.Ratio:0.00} | ≥ {CompareResult.TargetRatio:0.00} | {Met(r, r.ThroughputMet)} |")
            .AppendLine($"| Open loop {open.Rate:N0} req/s, p50 ms | {r.BaselineOpenLoop.Latency.P50:0.000} | {r.ParleyOpenLoop.Latency.P50:0.000} | | | |")
            .AppendLine($"| Open loop {open.Rate:N0} req/s, p99 ms | {r.BaselineOpenLoop.Latency.P99:0.000} | {r.ParleyOpenLoop.Latency.P99:0.000} | | ≤ {CompareResult.TargetP99Milliseconds:0} ms | {Met(r, r.LatencyMet)} |")
            .AppendLine()
            .AppendLine($"Closed loop: {closed.Connections} connections, {r.BaselineRuns.Count} rounds alternating baseline and Parley, each {Seconds(closed.Warmup)} s warmup + {Seconds(closed.Duration)} s; mean over rounds.  ")
            .AppendLine($"Open loop: {open.Rate:N0} req/s scheduled by the clock, {Seconds(open.Warmup)} s warmup + {Seconds(open.Duration)} s; latency from the scheduled send time.  ")
            .AppendLine($"Parley: `{o.ParleyUrl}` · baseline: `{o.BaselineUrl}`")
            .AppendLine()
            .AppendLine("### Closed-loop runs")
            .AppendLine()
            .AppendLine("| Round | Server | req/s (2xx) | non-2xx | errors |")
            .AppendLine("|---:|---|---:|---:|---:|");
        for (var i = 0; i < r.BaselineRuns.Count; i++)
        {
            AppendRun(md, i + 1, "baseline", r.BaselineRuns[i]);
            AppendRun(md, i + 1, "Parley", r.ParleyRuns[i]);
        }

        md.AppendLine()
            .AppendLine("### Open-loop runs (ms)")
            .AppendLine()
            .AppendLine("| Server | achieved req/s | p50 | p90 | p99 | p99.9 | max | send lag p99 | non-2xx | errors |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        AppendRun(md, "baseline", r.BaselineOpenLoop);
        AppendRun(md, "Parley", r.ParleyOpenLoop);

        var notes = r.IsValid
            ? r.Notes
            : r.Notes.Prepend("Some requests failed (non-2xx or errors), so the servers did unlike work: no target is judged.");
        if (notes.Any())
        {
            md.AppendLine().AppendLine("### Notes").AppendLine();
            foreach (var note in notes)
            {
                md.AppendLine($"- {note}");
            }
        }

        return md.ToString();
    }

    private static void AppendRun(StringBuilder md, int round, string server, ClosedLoopResult run) =>
        md.AppendLine($"| {round} | {server} | {run.SuccessPerSecond:N0} | {run.NonSuccess:N0} | {run.Errors:N0} |");

    private static void AppendRun(StringBuilder md, string server, OpenLoopResult run)
    {
        var l = run.Latency;
        md.AppendLine($"| {server} | {run.AchievedRate:N0} | {l.P50:0.000} | {l.P90:0.000} | {l.P99:0.000} | {l.P999:0.000} | {l.Max:0.000} | {run.SendLag.P99:0.000} | {run.NonSuccess:N0} | {run.Errors:N0} |");
    }

    private static string Met(CompareResult r, bool met) => !r.IsValid ? "not judged" : met ? "yes" : "no";

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.##");
}
