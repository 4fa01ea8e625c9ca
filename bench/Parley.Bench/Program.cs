using Parley.Bench;

if (args is ["baseline", .. var serverArgs])
{
    await Baseline.RunAsync(serverArgs);
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

          load --url URL --token TOKEN [--duration 10] [--connections 64] [--warmup 3]
              Closed loop: N workers send back to back; reports requests/s.

          openloop --url URL --token TOKEN [--rate 1000] [--duration 10] [--warmup 2] [--connections 256]
              Open loop: requests scheduled by the clock; latency from the scheduled send time.

          compare --parley-url URL --baseline-url URL --token TOKEN [--duration 10] [--connections 64]
                  [--warmup 3] [--rounds 2] [--rate 1000] [--openloop-duration 10] [--openloop-warmup 2]
                  [--openloop-connections 256] [--settle 15] [--server-pids PID,PID] [--results-file PATH]
              Alternating closed-loop runs and open-loop runs against both; prints a Markdown table
              and writes it to bench/results/<timestamp>.md. With --server-pids, CPU taken by any
              other process during a run is reported (a disturbed measurement).

          e2e --parley URL --admin-key KEY --app-secret SECRET
              [--messages 20000] [--connections 64] [--batch-size 100] [--receiver-port 5089]
              End to end, on a channel of its own (10,000 msgs/s): template sends through the sandbox until
              every read status reached a local, signature-checking webhook receiver; reports msgs/s.

        Durations are in seconds.
        """);
    return 2;
}
