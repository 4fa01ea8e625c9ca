namespace Parley.Bench;

internal sealed record CompareOptions(
    Uri ParleyUrl,
    Uri BaselineUrl,
    string Token,
    ClosedLoopOptions ClosedLoop,
    int Rounds,
    OpenLoopOptions OpenLoop,
    TimeSpan Settle,
    string ResultsFile)
{
    public static CompareOptions From(BenchArgs args)
    {
        var parley = args.Url("parley-url");
        var token = args.Text("token");
        var options = new CompareOptions(
            parley,
            args.Url("baseline-url"),
            token,
            new ClosedLoopOptions(
                parley,
                token,
                args.Seconds("duration", 10),
                args.Seconds("warmup", 3, allowZero: true),
                args.Int("connections", 64)),
            args.Int("rounds", 2),
            new OpenLoopOptions(
                parley,
                token,
                args.Int("rate", 1000),
                args.Seconds("openloop-duration", 10),
                args.Seconds("openloop-warmup", 2, allowZero: true),
                args.Int("openloop-connections", 256)),
            args.Seconds("settle", 15, allowZero: true),
            args.OptionalText("results-file") ?? DefaultResultsFile());
        args.EnsureAllRead();
        return options;
    }

    // bench/results/<timestamp>.md in the repository the tool was built from (bench/results is gitignored).
    private static string DefaultResultsFile()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "bench", "results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
    }
}

internal sealed record CompareResult(
    IReadOnlyList<ClosedLoopResult> BaselineRuns,
    IReadOnlyList<ClosedLoopResult> ParleyRuns,
    OpenLoopResult BaselineOpenLoop,
    OpenLoopResult ParleyOpenLoop,
    IReadOnlyList<string> Notes)
{
    public const double TargetRatio = 0.60;
    public const double TargetP99Milliseconds = 2.0;

    public double BaselinePerSecond => BaselineRuns.Average(r => r.SuccessPerSecond);

    public double ParleyPerSecond => ParleyRuns.Average(r => r.SuccessPerSecond);

    public double Ratio => BaselinePerSecond > 0 ? ParleyPerSecond / BaselinePerSecond : 0;

    /// <summary>Numbers from runs with failed requests compare unlike work, so they meet no target.</summary>
    public bool IsValid => BaselineRuns.Concat(ParleyRuns).All(r => r.IsClean)
        && BaselineOpenLoop.IsClean && ParleyOpenLoop.IsClean;

    public bool ThroughputMet => IsValid && Ratio >= TargetRatio;

    public bool LatencyMet => IsValid && ParleyOpenLoop.Latency.P99 <= TargetP99Milliseconds;
}

/// <summary>
/// Parley against the bare-Kestrel baseline in one run: closed-loop rounds alternating baseline and
/// Parley (so drift in the machine hits both), then the open-loop rate against each.
/// </summary>
internal static class Compare
{
    public static async Task<int> RunAsync(CompareOptions options, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var baselineRuns = new List<ClosedLoopResult>();
        var parleyRuns = new List<ClosedLoopResult>();

        // Discarded: JIT tiering in both servers and in this generator settles here, not in round 1.
        await Console.Error.WriteLineAsync("priming both servers...");
        var priming = options.ClosedLoop with { Duration = options.ClosedLoop.Warmup + TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero };
        await ClosedLoopLoad.RunAsync(priming with { Url = options.BaselineUrl }, cancellationToken);
        await ClosedLoopLoad.RunAsync(priming with { Url = options.ParleyUrl }, cancellationToken);

        for (var round = 1; round <= options.Rounds; round++)
        {
            baselineRuns.Add(await ClosedLoopAsync($"closed loop round {round}, baseline", options.BaselineUrl));
            parleyRuns.Add(await ClosedLoopAsync($"closed loop round {round}, Parley", options.ParleyUrl));
        }

        var baselineOpenLoop = await OpenLoopAsync("open loop, baseline", options.BaselineUrl);
        var parleyOpenLoop = await OpenLoopAsync("open loop, Parley", options.ParleyUrl);

        var result = new CompareResult(baselineRuns, parleyRuns, baselineOpenLoop, parleyOpenLoop, notes);
        var markdown = Report.Markdown(options, result);
        Console.WriteLine(markdown);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.ResultsFile))!);
        await File.WriteAllTextAsync(options.ResultsFile, markdown, cancellationToken);
        await Console.Error.WriteLineAsync($"Written to {options.ResultsFile}");

        return result.ThroughputMet && result.LatencyMet ? 0 : 1;

        async Task<ClosedLoopResult> ClosedLoopAsync(string step, Uri url)
        {
            await SettleAsync(step);
            var run = await ClosedLoopLoad.RunAsync(options.ClosedLoop with { Url = url }, cancellationToken);
            await Console.Error.WriteLineAsync($"{step}: {Report.Summary(run)}");
            return run;
        }

        async Task<OpenLoopResult> OpenLoopAsync(string step, Uri url)
        {
            await SettleAsync(step);
            var run = await OpenLoopLoad.RunAsync(options.OpenLoop with { Url = url }, cancellationToken);
            await Console.Error.WriteLineAsync($"{step}: {Report.Summary(run)}");
            return run;
        }

        async Task SettleAsync(string step)
        {
            var check = await Quiesce.WaitForIdleAsync(options.Settle, cancellationToken);
            if (!check.Idle)
            {
                notes.Add($"Before {step}: CPUs still {check.Busy:P0} busy after waiting {check.Waited.TotalSeconds:0} s.");
            }
        }
    }
}
