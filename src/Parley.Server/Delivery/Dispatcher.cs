using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Messaging;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Delivery;

/// <summary>
/// Takes accepted messages to their upstream: claims due jobs with a lease, paces each channel, sends, and records
/// the outcome. Transient failures come back later with exponential backoff; permanent ones become a
/// <c>failed</c> status. Jobs left by a crash are claimed again once their lease runs out.
/// </summary>
internal sealed partial class Dispatcher(
    IDispatchQueue queue,
    ChannelAccess channels,
    UpstreamRegistry upstreams,
    ChannelPacer pacer,
    PairPacer pairs,
    IDispatchDeferral deferral,
    NodeIdentity node,
    DispatchSignal signal,
    WebhookSignal webhooks,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<Dispatcher> logger) : BackgroundService
{
    /// <summary>How often every channel with jobs is looked at, for retries that fell due and work no signal announced.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Longest wait for a user's pair slot held in memory; a message that must wait longer goes back to the queue until
    /// its slot, so a burst to one user neither blocks the channel's other users nor outlives its lease.
    /// </summary>
    private static readonly TimeSpan PairWaitInMemory = TimeSpan.FromSeconds(1);
    private readonly DispatchOptions _options = options.Value.Dispatch;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notOwnedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _renewedAt = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Claims as many of the channel's jobs as may wait for their pacing slots within a quarter of the lease. A
    /// channel is claimed again only once half of those are done, so a deep backlog costs one claim per half-batch.
    /// Before claiming, the node takes or renews the channel (one node paces a channel at a time); a busy owner
    /// still renews every eighth of the lease, and a node that lost the channel asks again a quarter-lease later.
    /// </summary>
    private async Task ClaimAndStartAsync(string channelId, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var leaseLength = TimeSpan.FromSeconds(_options.LeaseSeconds);
        if (_notOwnedUntil.TryGetValue(channelId, out var notBefore) && now < notBefore)
        {
            return;
        }
        var channel = await channels.GetChannelAsync(channelId, stoppingToken);
        var limit = MaxInFlight(channel?.MessagesPerSecond ?? Channel.DefaultMessagesPerSecond);
        var current = _inFlight.GetValueOrDefault(channelId);
        var busy = current > limit / 2;
        if (busy && _renewedAt.TryGetValue(channelId, out var renewed) && now - renewed < leaseLength / 8)
        {
            return;
        }
        var lease = now + leaseLength;
        if (!await queue.AcquireChannelAsync(channelId, node.Id, now, lease, stoppingToken))
        {
            _notOwnedUntil[channelId] = now + leaseLength / 4; // another node paces this channel
            return;
        }
        _notOwnedUntil.TryRemove(channelId, out _);
        _renewedAt[channelId] = now;
        if (busy)
        {
            return;
        }
        var jobs = await queue.ClaimAsync(channelId, limit - current, now, lease, stoppingToken);
        foreach (var job in jobs)
        {
            _inFlight.AddOrUpdate(channelId, 1, static (_, n) => n + 1);
            var task = RunAsync(job, limit, lease - leaseLength / 4, stoppingToken);
            _running.TryAdd(task, true);
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private int MaxInFlight(int messagesPerSecond) =>
        Math.Clamp(messagesPerSecond * _options.LeaseSeconds / 4, 1, _options.MaxInFlightPerChannel);

    /// <param name="sendBy">
    /// The job's lease runs out a quarter-lease after this: past it the job is left alone (another node may take it
    /// once the lease ends), so a job is never sent by two nodes because this one was slower than the pace.
    /// </param>
    private async Task RunAsync(DispatchJob job, int limit, DateTimeOffset sendBy, CancellationToken stoppingToken)
    {
        var message = job.Message;
        try
        {
            var channel = await channels.GetChannelAsync(message.ChannelId, stoppingToken);
            if (channel is null)
            {
                await FailAsync(job, ErrorCatalog.MessageUndeliverable.With("The sending channel no longer exists."), stoppingToken);
                return;
            }
            if (upstreams.For(channel)?.PairLimitFor(channel) is { } pairLimit && message.RecipientType != "group")
            {
                var pairWait = pairs.Reserve(channel.PhoneNumberId, message.To, message.Id, pairLimit);
                if (pairWait > PairWaitInMemory)
                {
                    pairs.Hold(message.Id, pairWait);
                    await deferral.DeferAsync(job, time.GetUtcNow() + pairWait, stoppingToken);
                    return;
                }
                if (pairWait > TimeSpan.Zero)
                {
                    await Task.Delay(pairWait, time, stoppingToken);
                }
            }
            if (!await WaitForSlotAsync(job, channel, sendBy, stoppingToken))
            {
                return;
            }
            if (time.GetUtcNow() > sendBy)
            {
                Log.LeaseTooShort(logger, message.Id);
                return;
            }
            var result = await SendAsync(channel, message, stoppingToken);
            switch (result)
            {
                case UpstreamResult.Sent sent:
                    await queue.CompleteAsync(job, sent.Events, time.GetUtcNow(), stoppingToken);
                    webhooks.Notify();
                    break;
                case UpstreamResult.Rejected rejected:
                    await FailAsync(job, rejected.Error, stoppingToken);
                    break;
                case UpstreamResult.Transient transient when job.Attempts + 1 >= _options.MaxAttempts:
                    await FailAsync(job, transient.Error, stoppingToken);
                    break;
                case UpstreamResult.Transient transient:
                    var retryIn = transient.RetryAfter ?? Backoff.Delay(job.Attempts, _options.RetryBaseDelayMs, _options.MaxRetryDelayMs, jitter: 0.2);
                    Log.Retrying(logger, message.Id, transient.Error.Code, retryIn.TotalMilliseconds);
                    await queue.RetryAsync(job, time.GetUtcNow() + retryIn, stoppingToken);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the job is claimed again after restart.
        }
        catch (Exception ex)
        {
            Log.DispatchFailed(logger, message.Id, ex);
        }
        finally
        {
            if (_inFlight.AddOrUpdate(message.ChannelId, 0, static (_, n) => n - 1) == limit / 2)
            {
                signal.Notify(message.ChannelId); // room again: claim the next part of the backlog
            }
        }
    }

    /// <summary>
    /// Waits for the channel's next slot; reserves again if the upstream slowed the channel down meanwhile. When the next
    /// slot is past <paramref name="sendBy"/> (a slowed channel), the job goes back to the queue until then, its slot
    /// untaken, and false is returned.
    /// </summary>
    private async Task<bool> WaitForSlotAsync(DispatchJob job, Channel channel, DateTimeOffset sendBy, CancellationToken stoppingToken)
    {
        var generation = pacer.Generation(channel.PhoneNumberId);
        while (true)
        {
            var next = pacer.NextSlot(channel.PhoneNumberId);
            if (next > sendBy)
            {
                await deferral.DeferAsync(job, next, stoppingToken);
                return false;
            }
            var delay = pacer.Reserve(channel.PhoneNumberId, channel.MessagesPerSecond);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            var current = pacer.Generation(channel.PhoneNumberId);
            if (current == generation)
            {
                return true;
            }
            generation = current;
        }
    }

    private async Task<UpstreamResult> SendAsync(Channel channel, OutboundMessage message, CancellationToken stoppingToken)
    {
        var upstream = upstreams.For(channel);
        if (upstream is null)
        {
            return new UpstreamResult.Rejected(ErrorCatalog.MessageUndeliverable.With($"The channel's upstream '{channel.Upstream}' is not available."));
        }
        try
        {
            return await upstream.SendAsync(channel, message, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
        {
            return new UpstreamResult.Transient(ErrorCatalog.ServiceTemporarilyUnavailable.With(ex.Message));
        }
    }

    private async Task FailAsync(DispatchJob job, WhatsAppError error, CancellationToken stoppingToken)
    {
        var message = job.Message;
        var failed = new StatusEvent(message.ChannelId, time.GetUtcNow(), message.Id, MessageStatus.Failed, WebhookError.From(error));
        await queue.CompleteAsync(job, [failed], time.GetUtcNow(), stoppingToken);
        webhooks.Notify();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Claiming dispatch jobs failed")]
        public static partial void ClaimFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "Upstream error {Code} for message {MessageId}; retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string messageId, int code, double delayMs);

        [LoggerMessage(3, LogLevel.Error, "Dispatching message {MessageId} failed; it is retried when its lease runs out")]
        public static partial void DispatchFailed(ILogger logger, string messageId, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Message {MessageId} waited too long for its pacing slot; it is claimed again when its lease runs out")]
        public static partial void LeaseTooShort(ILogger logger, string messageId);
    }
}
