using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Parley.Server.Messaging;

/// <summary>An in-process nudge: "there may be work". Many notifications collapse into one wake-up.</summary>
internal abstract class WorkSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out _))
        {
            return;
        }
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _channel.Reader.ReadAsync(linked.Token);
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
        _channels.TryAdd(channelId, true);
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
