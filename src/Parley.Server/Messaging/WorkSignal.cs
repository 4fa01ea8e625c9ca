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

/// <summary>New dispatch jobs were accepted.</summary>
internal sealed class DispatchSignal : WorkSignal;

/// <summary>New webhook events are in the outbox.</summary>
internal sealed class WebhookSignal : WorkSignal;
