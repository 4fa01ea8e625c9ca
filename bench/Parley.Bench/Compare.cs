namespace Parley.Bench;

internal sealed record CompareOptions(
    Uri ParleyUrl,
    Uri BaselineUrl,
    ClosedLoopOptions ClosedLoop,
    int Rounds,
    OpenLoopOptions OpenLoop,
    TimeSpan Settle,
    IReadOnlyList<int> ServerPids,
    string ResultsFile)
{
    public static CompareOptions From(BenchArgs args)
    {
        var parley = args.Url("parley-url");
        var token = args.Text("token");
        var options = new CompareOptions(
            parley,
            args.Url("baseline-url"),
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
            args.Ints("server-pids"),
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

/// <summary>A run's result and the share of the machine's CPU that other processes took meanwhile (null: unknown).</summary>
internal sealed record Measured<T>(T Result, double? OtherCpu);

internal sealed record CompareResult(
    IReadOnlyList<Measured<ClosedLoopResult>> BaselineRuns,
    IReadOnlyList<Measured<ClosedLoopResult>> ParleyRuns,
    Measured<OpenLoopResult> BaselineOpenLoop,
    Measured<OpenLoopResult> ParleyOpenLoop,
    IReadOnlyList<string> Notes)
{
    public const double TargetRatio = 0.60;
    public const double TargetP99Milliseconds = 2.0;

    /// <summary>Above this, other processes took enough CPU to disturb a run.</summary>
    public const double DisturbedAbove = 0.10;

    public double BaselinePerSecond => BaselineRuns.Average(r => r.Result.SuccessPerSecond);

    public double ParleyPerSecond => ParleyRuns.Average(r => r.Result.SuccessPerSecond);

    public double Ratio => BaselinePerSecond > 0 ? ParleyPerSecond / BaselinePerSecond : 0;

    /// <summary>Numbers from runs with failed requests compare unlike work, so they meet no target.</summary>
    public bool IsValid => BaselineRuns.Concat(ParleyRuns).All(r => r.Result.IsClean)
        && BaselineOpenLoop.Result.IsClean && ParleyOpenLoop.Result.IsClean;

    public double? MaxOtherCpu => BaselineRuns.Concat(ParleyRuns).Select(r => r.OtherCpu)
        .Append(BaselineOpenLoop.OtherCpu).Append(ParleyOpenLoop.OtherCpu).Max();

    public bool IsDisturbed => MaxOtherCpu > DisturbedAbove;

    public bool ThroughputMet => IsValid && Ratio >= TargetRatio;

    public bool LatencyMet => IsValid && ParleyOpenLoop.Result.Latency.P99 <= TargetP99Milliseconds;
}

/// <summary>
/// Parley against the bare-Kestrel baseline in one run: closed-loop rounds alternating baseline and
/// Parley (so drift in the machine hits both), then the open-loop rate against each.
/// </summary>
internal static class Compare
{
    public static async Task<int> RunAsync(CompareOptions options, CancellationToken cancellationToken)
    {
        var cpu = new CpuWatch(options.ServerPids);
        var notes = new List<string>();

        // Discarded: JIT tiering in both servers and in this generator settles here, not in round 1.
        await Console.Error.WriteLineAsync("priming both servers (discarded)...");
        var priming = options.ClosedLoop with { Duration = options.ClosedLoop.Warmup + TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero };
        await ClosedLoopLoad.RunAsync(priming with { Url = options.BaselineUrl }, cancellationToken);
        await ClosedLoopLoad.RunAsync(priming with { Url = options.ParleyUrl }, cancellationToken);

        var baselineRuns = new List<Measured<ClosedLoopResult>>();
        var parleyRuns = new List<Measured<ClosedLoopResult>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            baselineRuns.Add(await MeasureAsync($"closed loop round {round}, baseline", ClosedLoop(options.BaselineUrl), Report.Summary));
            parleyRuns.Add(await MeasureAsync($"closed loop round {round}, Parley", ClosedLoop(options.ParleyUrl), Report.Summary));
        }

        var baselineOpenLoop = await MeasureAsync("open loop, baseline", OpenLoop(options.BaselineUrl), Report.Summary);
        var parleyOpenLoop = await MeasureAsync("open loop, Parley", OpenLoop(options.ParleyUrl), Report.Summary);

        var result = new CompareResult(baselineRuns, parleyRuns, baselineOpenLoop, parleyOpenLoop, notes);
        var markdown = Report.Markdown(options, result);
        Console.WriteLine(markdown);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.ResultsFile))!);
        await File.WriteAllTextAsync(options.ResultsFile, markdown, cancellationToken);
        await Console.Error.WriteLineAsync($"Written to {options.ResultsFile}");

        return result.ThroughputMet && result.LatencyMet ? 0 : 1;

        Func<Task<ClosedLoopResult>> ClosedLoop(Uri url) =>
            () => ClosedLoopLoad.RunAsync(options.ClosedLoop with { Url = url }, cancellationToken);

        Func<Task<OpenLoopResult>> OpenLoop(Uri url) =>
            () => OpenLoopLoad.RunAsync(options.OpenLoop with { Url = url }, cancellationToken);

        async Task<Measured<T>> MeasureAsync<T>(string step, Func<Task<T>> run, Func<T, string> summary)
        {
            var idle = await Quiesce.WaitForIdleAsync(cpu, options.Settle, cancellationToken);
            if (!idle.Idle)
            {
                notes.Add($"Before {step}: the machine was still {Report.Percent(idle.Busy)} busy "
                    + $"({Report.Percent(idle.Others)} by other processes) after waiting {idle.Waited.TotalSeconds:0} s.");
            }

            var before = cpu.Take();
            var result = await run();
            var measured = new Measured<T>(result, cpu.OthersShare(before, cpu.Take()));
            await Console.Error.WriteLineAsync($"{step}: {summary(result)}, other processes' CPU {Report.Percent(measured.OtherCpu)}");
            return measured;
        }
    }
}
