using Parley.Core.Model;
using Parley.Server.Messaging;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Plays the simulated network's later events (delivered, read, replies) when they fall due. Events scheduled here
/// live in memory: a restart loses the pending ones, as if the simulated phones went quiet.
/// </summary>
internal sealed partial class SandboxScheduler(Ingest ingest, TimeProvider time, ILogger<SandboxScheduler> logger) : BackgroundService
{
    private readonly PriorityQueue<UpstreamEvent, DateTimeOffset> _queue = new();
    private readonly Wake _changed = new();

    public void Schedule(UpstreamEvent item, TimeSpan after)
    {
        lock (_queue)
        {
            _queue.Enqueue(item, time.GetUtcNow() + after);
        }
        _changed.Notify();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // leave the host's start-up thread at once
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = TakeDue(out var wait);
            if (due.Count > 0)
            {
                try
                {
                    await ingest.ApplyAsync(due, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.ApplyFailed(logger, due.Count, ex);
                }
                continue;
            }
            await _changed.WaitAsync(wait, time, stoppingToken);
        }
    }

    private List<UpstreamEvent> TakeDue(out TimeSpan wait)
    {
        var due = new List<UpstreamEvent>();
        var now = time.GetUtcNow();
        wait = TimeSpan.FromSeconds(1);
        lock (_queue)
        {
            while (_queue.TryPeek(out var item, out var at))
            {
                if (at > now)
                {
                    wait = at - now;
                    break;
                }
                _queue.Dequeue();
                due.Add(item);
            }
        }
        return due;
    }

    private sealed class Wake : WorkSignal;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Applying {Count} simulated network events failed")]
        public static partial void ApplyFailed(ILogger logger, int count, Exception exception);
    }
}
