using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Delivery;

/// <summary>
/// Runs one claimed job: its channel and upstream must exist; the job waits for pacing; a message that needs the
/// customer service window then fails with 131047 when the window is closed on the network's clock, before any upstream
/// is called (as WhatsApp accepts such a send and then fails it); otherwise it goes to the upstream, and the outcome is
/// recorded.
/// </summary>
internal sealed partial class DispatchRunner(
    UpstreamRegistry upstreams, IMessageStore messages, DispatchPacing pacing, DispatchOutcomes outcomes, ILogger<DispatchRunner> logger)
{
    /// <param name="channel">The job's channel as claimed (null: it no longer exists).</param>
    /// <param name="sendBy">The job must go by then (see <see cref="ChannelClaim.SendBy"/>).</param>
    public async Task RunAsync(DispatchJob job, Channel? channel, DateTimeOffset sendBy, CancellationToken stoppingToken)
    {
        var message = job.Message;
        try
        {
            if (channel is null || upstreams.For(channel) is not { } upstream)
            {
                await outcomes.FailAsync(job, ErrorCatalog.MessageUndeliverable.With(channel is null
                    ? "The sending channel no longer exists."
                    : $"The channel's upstream '{channel.Upstream}' is not available."), stoppingToken);
                return;
            }
            // Slots are reserved in claim order before anything asynchronous, so a channel's messages keep their order.
            switch (await pacing.WaitAsync(job, channel, upstream.PairLimitFor(channel), sendBy, stoppingToken))
            {
                case Pacing.Deferred:
                    return;
                case Pacing.TooLate:
                    Log.LeaseTooShort(logger, message.Id);
                    return;
            }
            if (await WindowClosedAsync(channel, upstream, message, stoppingToken))
            {
                await outcomes.FailAsync(job, CustomerServiceWindow.Closed(), stoppingToken);
                return;
            }
            await outcomes.RecordAsync(job, await SendAsync(upstream, channel, message, stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the job is claimed again after restart.
        }
        catch (Exception ex)
        {
            Log.DispatchFailed(logger, message.Id, ex);
        }
    }

    /// <summary>Whether the message needs the customer service window and it is closed, on the network's clock.</summary>
    private async Task<bool> WindowClosedAsync(Channel channel, IUpstream upstream, OutboundMessage message, CancellationToken cancellationToken) =>
        CustomerServiceWindow.Applies(message)
        && !CustomerServiceWindow.IsOpen(await messages.GetLastInboundAsync(channel.PhoneNumberId, message.To, cancellationToken), upstream.Clock.GetUtcNow());

    private static async Task<UpstreamResult> SendAsync(IUpstream upstream, Channel channel, OutboundMessage message, CancellationToken stoppingToken)
    {
        try
        {
            return await upstream.SendAsync(channel, message, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
        {
            return new UpstreamResult.Transient(ErrorCatalog.ServiceTemporarilyUnavailable.With(ex.Message));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Error, "Dispatching message {MessageId} failed; it is retried when its lease runs out")]
        public static partial void DispatchFailed(ILogger logger, string messageId, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Message {MessageId} waited too long for its pacing slot; it went back to the queue")]
        public static partial void LeaseTooShort(ILogger logger, string messageId);
    }
}
