using System.Diagnostics;

namespace Parley.Bench;

internal sealed record OpenLoopOptions(Uri Url, string Token, int Rate, TimeSpan Duration, TimeSpan Warmup, int Connections)
{
    public static OpenLoopOptions From(BenchArgs args)
    {
        var options = new OpenLoopOptions(
            args.Url("url"),
            args.Text("token"),
            args.Int("rate", 1000),
            args.Seconds("duration", 10),
            args.Seconds("warmup", 2, allowZero: true),
            args.Int("connections", 256));
        args.EnsureAllRead();
        return options;
    }
}

internal sealed record OpenLoopResult(
    int Rate,
    int Scheduled,
    int Success,
    int NonSuccess,
    int Errors,
    double AchievedRate,
    LatencySummary Latency,
    LatencySummary SendLag)
{
    public bool IsClean => NonSuccess == 0 && Errors == 0;
}

/// <summary>
/// Fixed-rate load: request i is due at start + i / rate whatever happened to the earlier ones, and its
/// latency runs from that due time, not from when it was actually sent. A stalled server therefore
/// shows up as latency for every request that should have gone out during the stall, instead of
/// quietly slowing the generator down (coordinated omission).
/// </summary>
internal static class OpenLoopLoad
{
    private const int MaxRequests = 10_000_000;

    /// <param name="observer">Told when the measured part starts (the first measured request's due time) and when its last answer arrived.</param>
    public static async Task<OpenLoopResult> RunAsync(
        OpenLoopOptions options, CancellationToken cancellationToken, IWindowObserver? observer = null)
    {
        var warmup = (int)Math.Round(options.Rate * options.Warmup.TotalSeconds);
        var measured = (int)Math.Round(options.Rate * options.Duration.TotalSeconds);
        if (measured < 1 || (long)warmup + measured > MaxRequests)
        {
            throw new ArgumentException($"rate × (warmup + duration) must be between 1 and {MaxRequests:N0} requests.");
        }

        using var client = LoadClient.Create(options.Connections, options.Token);
        var run = new Run(client, options.Url, options.Rate, warmup + measured);
        var started = observer is null ? Task.CompletedTask : MarkStartAsync(observer, run.Due(warmup), cancellationToken);

        // A dedicated thread keeps the schedule; answers are recorded on the thread pool.
        await Task.Factory.StartNew(
            () => run.Dispatch(cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();

        // Bounded: every request ends by HttpClient.Timeout at the latest.
        await Task.WhenAll(run.Requests);
        await started;
        observer?.Ended();
        return run.Summarize(warmup);
    }

    private static async Task MarkStartAsync(IWindowObserver observer, long due, CancellationToken cancellationToken)
    {
        await Pacer.DelayUntilAsync(due, cancellationToken);
        observer.Started();
    }

    private sealed class Run(HttpClient client, Uri url, int rate, int count)
    {
        private readonly long _start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        private readonly double _interval = (double)Stopwatch.Frequency / rate;

        // Preallocated, one slot per scheduled request, each written by that request only.
        private readonly int[] _status = new int[count];
        private readonly long[] _latency = new long[count];
        private readonly long[] _lag = new long[count];

        public Task[] Requests { get; } = new Task[count];

        public void Dispatch(CancellationToken cancellationToken)
        {
            for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
            {
                var due = Due(i);
                Pacer.WaitUntil(due);
                Requests[i] = SendAsync(i, due, cancellationToken);
            }
        }

        public OpenLoopResult Summarize(int from)
        {
            int success = 0, nonSuccess = 0, errors = 0;
            var lastAnswer = Due(from);
            for (var i = from; i < count; i++)
            {
                var status = _status[i];
                if (status == 0)
                {
                    errors++;
                    continue;
                }

                lastAnswer = Math.Max(lastAnswer, Due(i) + _latency[i]);

                // Compact answered latencies to the front of the measured part of the array.
                _latency[from + success + nonSuccess] = _latency[i];
                if (LoadClient.IsSuccess(status))
                {
                    success++;
                }
                else
                {
                    nonSuccess++;
                }
            }

            var answered = success + nonSuccess;
            var seconds = (double)(lastAnswer - Due(from)) / Stopwatch.Frequency;
            return new OpenLoopResult(
                rate,
                count - from,
                success,
                nonSuccess,
                errors,
                seconds > 0 ? answered / seconds : 0,
                Percentiles.Summarize(_latency.AsSpan(from, answered)),
                Percentiles.Summarize(_lag.AsSpan(from)));
        }

        public long Due(int i) => _start + (long)(i * _interval);

        private async Task SendAsync(int slot, long due, CancellationToken cancellationToken)
        {
            _lag[slot] = Stopwatch.GetTimestamp() - due;
            _status[slot] = await LoadClient.SendAsync(client, url, slot, cancellationToken);
            _latency[slot] = Stopwatch.GetTimestamp() - due;
        }
    }
}
