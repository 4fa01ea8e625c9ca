using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Parley.Server.Messaging;

/// <summary>An in-process nudge: "there may be work". Many notifications collapse into one wake-up.</summary>
/// <remarks>
/// Every accept notifies, so a notification that is already pending costs one volatile read: only the first one after
/// a wake-up takes the flag and writes to the channel (which locks). The waiter clears the flag before it returns, and
/// its caller looks for work after that, so work published before a skipped notification is still found.
/// </remarks>
internal abstract class WorkSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _pending;

    public void Notify()
    {
        if (Volatile.Read(ref _pending) == 0 && Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _channel.Writer.TryWrite(true);
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _pending, 0) == 1)
        {
            // A notification arrived since the last wake-up; its channel item is drained here (or, if its writer has not
            // written yet, makes the next wait return early: a spurious wake-up, never a lost one).
            _channel.Reader.TryRead(out _);
            return;
        }
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _channel.Reader.ReadAsync(linked.Token);
            Interlocked.Exchange(ref _pending, 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: look for due work anyway.
        }
    }
}

/// <summary>New dispatch jobs were accepted, or a channel has room again: remembers which channels.</summary>
internal sealed class DispatchSignal : WorkSignal
{
    private readonly ConcurrentDictionary<string, bool> _channels = new(StringComparer.Ordinal);

    public void Notify(string channelId)
    {
        // TryAdd locks even when the key is there; under load the channel is nearly always there already.
        if (!_channels.ContainsKey(channelId))
        {
            _channels.TryAdd(channelId, true);
        }
        Notify();
    }

    /// <summary>The channels notified since the last call.</summary>
    public List<string> TakeChannels()
    {
        var taken = new List<string>(_channels.Count);
        foreach (var channel in _channels.Keys)
        {
            if (_channels.TryRemove(channel, out _))
            {
                taken.Add(channel);
            }
        }
        return taken;
    }
}

/// <summary>New webhook events are in the outbox.</summary>
internal sealed class WebhookSignal : WorkSignal;
