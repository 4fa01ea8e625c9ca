using System.Collections.Concurrent;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Delivery;

/// <summary>
/// Takes accepted messages to their upstream: looks at every channel with jobs when signalled and on a sweep, claims
/// the channel's jobs (<see cref="ChannelOwnership"/>) and runs each one (<see cref="DispatchRunner"/>). Jobs left by a
/// crash are claimed again once their lease runs out.
/// </summary>
internal sealed partial class Dispatcher(
    IDispatchQueue queue,
    ChannelDirectory channels,
    ChannelOwnership ownership,
    DispatchRunner runner,
    DispatchSignal signal,
    TimeProvider time,
    ILogger<Dispatcher> logger) : BackgroundService
{
    /// <summary>How often every channel with jobs is looked at, for retries that fell due and work no signal announced.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Task, bool> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // leave the host's start-up thread at once
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                IEnumerable<string> due = signal.TakeChannels();
                if (time.GetUtcNow() >= nextSweep)
                {
                    due = due.Union(await queue.ChannelsWithJobsAsync(stoppingToken));
                    nextSweep = time.GetUtcNow() + SweepInterval;
                }
                foreach (var channelId in due)
                {
                    await ClaimAndStartAsync(channelId, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ClaimFailed(logger, ex);
            }
            var untilSweep = nextSweep - time.GetUtcNow();
            await signal.WaitAsync(untilSweep > TimeSpan.Zero ? untilSweep : TimeSpan.FromMilliseconds(1), time, stoppingToken);
        }
        await Task.WhenAll(_running.Keys);
    }

    private async Task ClaimAndStartAsync(string channelId, CancellationToken stoppingToken)
    {
        var channel = await channels.GetChannelAsync(channelId, stoppingToken);
        var claim = await ownership.ClaimAsync(channelId, channel?.MessagesPerSecond ?? Channel.DefaultMessagesPerSecond, stoppingToken);
        foreach (var job in claim.Jobs)
        {
            var task = RunAsync(job, channel, claim, stoppingToken);
            _running.TryAdd(task, true);
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(DispatchJob job, Channel? channel, ChannelClaim claim, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(job, channel, claim.SendBy, stoppingToken);
        }
        finally
        {
            if (ownership.Release(job, claim.Limit))
            {
                signal.Notify(job.Message.ChannelId); // room again: claim the next part of the backlog
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Claiming dispatch jobs failed")]
        public static partial void ClaimFailed(ILogger logger, Exception exception);
    }
}
