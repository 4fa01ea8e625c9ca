using Parley.Bench;

if (args is ["baseline", .. var serverArgs])
{
    await Baseline.RunAsync(serverArgs);
    return 0;
}

if (args is ["durable", .. var durableArgs])
{
    await Durable.RunAsync(durableArgs);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return args switch
    {
        ["load", .. var rest] => await LoadAsync(BenchArgs.Parse(rest), stop.Token),
        ["openloop", .. var rest] => await OpenLoopAsync(BenchArgs.Parse(rest), stop.Token),
        ["compare", .. var rest] => await Compare.RunAsync(CompareOptions.From(BenchArgs.Parse(rest)), stop.Token),
        ["e2e", .. var rest] => await EndToEnd.RunAsync(BenchArgs.Parse(rest), stop.Token),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return Usage();
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("Cancelled.");
    return 130;
}

static async Task<int> LoadAsync(BenchArgs args, CancellationToken cancellationToken)
{
    var options = ClosedLoopOptions.From(args);
    var result = await ClosedLoopLoad.RunAsync(options, cancellationToken);
    Console.WriteLine(Report.Describe(options, result));
    return result.IsClean ? 0 : 1;
}

static async Task<int> OpenLoopAsync(BenchArgs args, CancellationToken cancellationToken)
{
    var options = OpenLoopOptions.From(args);
    var result = await OpenLoopLoad.RunAsync(options, cancellationToken);
    Console.WriteLine(Report.Describe(options, result));
    return result.IsClean ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: Parley.Bench <command> [options]

          baseline --urls http://127.0.0.1:5081
              Bare Kestrel endpoint POST /{version}/{phoneNumberId}/messages with a fixed JSON answer.

          durable --urls http://127.0.0.1:5082 --data FOLDER
              The minimal durable prototype: the same URL, the body parsed once, one group-committed SQLite insert
              (WAL, synchronous=FULL) per request, a Cloud-API-like answer. Nothing else.

          load --url URL --token TOKEN [--duration 10] [--connections 64] [--warmup 3]
              Closed loop: N workers send back to back; reports requests/s.

          openloop --url URL --token TOKEN [--rate 1000] [--duration 10] [--warmup 2] [--connections 256]
              Open loop: requests scheduled by the clock; latency from the scheduled send time.

          compare --parley-url URL --baseline-url URL [--durable-url URL] --token TOKEN
                  [--parley-pid PID] [--baseline-pid PID] [--durable-pid PID] [--pg-pid POSTMASTER]
                  [--store sqlite|postgres] [--duration 5] [--warmup 2] [--connections 64] [--rounds 2]
                  [--rates 1000,5000] [--openloop-duration 5] [--openloop-warmup 1] [--openloop-connections 256]
                  [--settle 3] [--results-file PATH]
              Closed-loop rounds alternating bare, durable and Parley, then each open-loop rate against each;
              with the pids, CPU and allocations per request (Parley's CPU including PostgreSQL's with --pg-pid).
              Prints issue 16's targets (met or not) and Markdown tables, appended to bench/results/<timestamp>.md.

          e2e --parley URL[,URL...] --admin-key KEY --app-secret SECRET [--parley-pids PID[,PID...]]
              [--store sqlite|postgres] [--pg-pid POSTMASTER] [--pg CONNECTION-STRING] [--messages 20000]
              [--warmup-messages 2000] [--channels 1] [--connections 64] [--batch-size 100] [--receiver-port 5089]
              [--title TEXT] [--rate-file PATH] [--one-node-rate-file PATH] [--results-file PATH]
              End to end on channels of their own (10,000 msgs/s each): template sends (spread round-robin over
              the nodes and channels) through the sandbox until every read status reached a local,
              signature-checking webhook receiver; msgs/s, CPU per message, RSS, pg_stat_statements.

        Durations are in seconds.
        """);
    return 2;
}
