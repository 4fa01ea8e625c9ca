namespace Parley.Bench;

/// <summary>What the Parley server is stored on: it picks the targets of issue 16 that apply.</summary>
internal enum Store
{
    Sqlite,
    Postgres,
}

internal sealed record CompareOptions(
    Server Bare,
    Server? Durable,
    Server Parley,
    Store Store,
    ClosedLoopOptions ClosedLoop,
    int Rounds,
    IReadOnlyList<int> Rates,
    OpenLoopOptions OpenLoop,
    TimeSpan Settle,
    string ResultsFile)
{
    public IReadOnlyList<Server> Servers => Durable is null ? [Bare, Parley] : [Bare, Durable, Parley];

    public static CompareOptions From(BenchArgs args)
    {
        var token = args.Text("token");
        var database = args.OptionalInt("pg-pid") is { } postmaster ? new PostgresProcesses(postmaster) : null;
        var bare = new Server("bare", args.Url("baseline-url"), args.OptionalInt("baseline-pid"));
        var durable = args.OptionalText("durable-url") is null ? null : new Server("durable", args.Url("durable-url"), args.OptionalInt("durable-pid"));
        var parley = new Server("Parley", args.Url("parley-url"), args.OptionalInt("parley-pid"), database);
        var options = new CompareOptions(
            bare,
            durable,
            parley,
            args.StoreOption(),
            new ClosedLoopOptions(
                parley.Url,
                token,
                args.Seconds("duration", 5),
                args.Seconds("warmup", 2, allowZero: true),
                args.Int("connections", 64)),
            args.Int("rounds", 2),
            args.Ints("rates") is { Count: > 0 } rates ? rates : [1_000, 5_000],
            new OpenLoopOptions(
                parley.Url,
                token,
                0,
                args.Seconds("openloop-duration", 5),
                args.Seconds("openloop-warmup", 1, allowZero: true),
                args.Int("openloop-connections", 256)),
            args.Seconds("settle", 3, allowZero: true),
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

/// <summary>A run's result and what the server under test spent in its measured window (null: not measured).</summary>
internal sealed record Measured<T>(T Result, Usage? Usage)
{
    public double? OtherCpu => Usage?.OtherCpu;
}

/// <summary>Every run of one <c>compare</c>: closed-loop rounds per server, open-loop runs per rate and server.</summary>
internal sealed record CompareResult(
    IReadOnlyDictionary<string, List<Measured<ClosedLoopResult>>> ClosedLoop,
    IReadOnlyDictionary<(int Rate, string Server), Measured<OpenLoopResult>> OpenLoop,
    IReadOnlyList<string> Notes);

/// <summary>
/// Parley against both baselines in one run: closed-loop rounds alternating bare Kestrel, the durable prototype and
/// Parley (so drift in the machine hits all three), then each open-loop rate against each; every run reads the server's
/// CPU (and PostgreSQL's) and allocated bytes over exactly its measured window.
/// </summary>
internal static class Compare
{
    public static async Task<int> RunAsync(CompareOptions options, CancellationToken cancellationToken)
    {
        var pids = options.Servers.Select(s => s.Pid).OfType<int>().ToList();
        var meter = new ServerMeter(options.Servers, new CpuWatch(pids, options.Parley.Database));
        var notes = new List<string>();
        var busyBefore = new List<(string Step, IdleCheck Check)>();

        // Discarded: JIT tiering in the servers and in this generator settles here, not in round 1.
        await Console.Error.WriteLineAsync("priming every server (discarded)...");
        var priming = options.ClosedLoop with { Duration = options.ClosedLoop.Warmup + TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero };
        foreach (var server in options.Servers)
        {
            await ClosedLoopLoad.RunAsync(priming with { Url = server.Url }, cancellationToken);
        }

        var closedLoop = options.Servers.ToDictionary(s => s.Name, _ => new List<Measured<ClosedLoopResult>>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var server in options.Servers)
            {
                closedLoop[server.Name].Add(await MeasureAsync($"closed loop round {round}, {server.Name}", server,
                    window => ClosedLoopLoad.RunAsync(options.ClosedLoop with { Url = server.Url }, cancellationToken, window),
                    Report.Summary));
            }
        }

        var openLoop = new Dictionary<(int, string), Measured<OpenLoopResult>>();
        foreach (var rate in options.Rates)
        {
            foreach (var server in options.Servers)
            {
                openLoop[(rate, server.Name)] = await MeasureAsync($"open loop {rate:N0} req/s, {server.Name}", server,
                    window => OpenLoopLoad.RunAsync(options.OpenLoop with { Url = server.Url, Rate = rate }, cancellationToken, window),
                    Report.Summary);
            }
        }

        if (busyBefore.Count > 0)
        {
            var others = busyBefore.Select(b => b.Check.Others ?? 0).ToList();
            notes.Add($"Before {busyBefore.Count} of {options.Servers.Count * (options.Rounds + options.Rates.Count)} runs the machine was not idle "
                + $"after waiting up to {options.Settle.TotalSeconds:0} s (other processes {Report.Percent(others.Min())}–{Report.Percent(others.Max())} of the CPU): "
                + string.Join(", ", busyBefore.Select(b => b.Step)) + ".");
        }

        var result = new CompareResult(closedLoop, openLoop, notes);
        var targets = Targets.Of(options, result);
        var markdown = Report.Markdown(options, result, targets);
        Console.WriteLine(markdown);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.ResultsFile))!);
        await File.AppendAllTextAsync(options.ResultsFile, markdown, cancellationToken);
        await Console.Error.WriteLineAsync($"Written to {options.ResultsFile}");

        return targets.All(t => t.Met == true) ? 0 : 1;

        async Task<Measured<T>> MeasureAsync<T>(string step, Server server, Func<IWindowObserver, Task<T>> run, Func<T, string> summary)
        {
            var idle = await Quiesce.WaitForIdleAsync(meter.Cpu, options.Settle, cancellationToken);
            if (!idle.Idle)
            {
                busyBefore.Add((step, idle));
            }

            var window = new SnapshotWindow(meter);
            var result = await run(window);
            var measured = new Measured<T>(result, server.Pid is null ? null : window.UsageOf(server.Name));
            await Console.Error.WriteLineAsync($"{step}: {summary(result)}, other processes' CPU {Report.Percent(measured.OtherCpu)}");
            return measured;
        }
    }
}
