using System.Diagnostics;

namespace Parley.Bench;

internal sealed record ClosedLoopOptions(Uri Url, string Token, TimeSpan Duration, TimeSpan Warmup, int Connections)
{
    public static ClosedLoopOptions From(BenchArgs args)
    {
        var options = new ClosedLoopOptions(
            args.Url("url"),
            args.Text("token"),
            args.Seconds("duration", 10),
            args.Seconds("warmup", 3, allowZero: true),
            args.Int("connections", 64));
        args.EnsureAllRead();
        return options;
    }
}

internal sealed record ClosedLoopResult(long Success, long NonSuccess, long Errors, TimeSpan Duration)
{
    public long Responses => Success + NonSuccess;

    public double RequestsPerSecond => Responses / Duration.TotalSeconds;

    public double SuccessPerSecond => Success / Duration.TotalSeconds;

    public bool IsClean => NonSuccess == 0 && Errors == 0;
}

/// <summary>
/// Maximum throughput: N workers, one connection each, every worker sends its next request as soon as
/// the previous answer arrives. Only completions inside the measured window (after the warmup) count.
/// </summary>
internal static class ClosedLoopLoad
{
    /// <param name="observer">Told when the measured window starts and ends, to read the servers' counters then.</param>
    public static async Task<ClosedLoopResult> RunAsync(
        ClosedLoopOptions options, CancellationToken cancellationToken, IWindowObserver? observer = null)
    {
        using var client = LoadClient.Create(options.Connections, options.Token);

        var measureFrom = Stopwatch.GetTimestamp() + Ticks(options.Warmup);
        var window = new Window(measureFrom, measureFrom + Ticks(options.Duration));

        var marks = observer is null ? Task.CompletedTask : MarkWindowAsync(observer, window, cancellationToken);
        var workers = Enumerable.Range(0, options.Connections)
            .Select(worker => RunWorkerAsync(client, options.Url, worker, window, cancellationToken))
            .ToArray();
        var counts = await Task.WhenAll(workers);
        await marks;

        return new ClosedLoopResult(
            counts.Sum(c => c.Success),
            counts.Sum(c => c.NonSuccess),
            counts.Sum(c => c.Errors),
            options.Duration);
    }

    private static async Task<Counts> RunWorkerAsync(
        HttpClient client, Uri url, int worker, Window window, CancellationToken cancellationToken)
    {
        // Workers start at different recipients so concurrent requests rarely share one.
        var sequence = worker * 997L;
        long success = 0, nonSuccess = 0, errors = 0;
        while (Stopwatch.GetTimestamp() < window.End)
        {
            var status = await LoadClient.SendAsync(client, url, sequence++, cancellationToken);
            if (!window.Contains(Stopwatch.GetTimestamp()))
            {
                continue;
            }

            if (status == 0)
            {
                errors++;
            }
            else if (LoadClient.IsSuccess(status))
            {
                success++;
            }
            else
            {
                nonSuccess++;
            }
        }

        return new Counts(success, nonSuccess, errors);
    }

    private static async Task MarkWindowAsync(IWindowObserver observer, Window window, CancellationToken cancellationToken)
    {
        await Pacer.DelayUntilAsync(window.Start, cancellationToken);
        observer.Started();
        await Pacer.DelayUntilAsync(window.End, cancellationToken);
        observer.Ended();
    }

    private static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    private readonly record struct Window(long Start, long End)
    {
        public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;
    }

    private readonly record struct Counts(long Success, long NonSuccess, long Errors);
}
