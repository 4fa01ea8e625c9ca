using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Configuration;
using Parley.Server.Messaging;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Delivery;

/// <summary>
/// Records how a job's send went: what the network reported happens to the message; a permanent refusal becomes a
/// <c>failed</c> status; a transient failure comes back later with exponential backoff (or when the upstream said),
/// until <see cref="DispatchOptions.MaxAttempts"/> make it fail with the last error.
/// </summary>
internal sealed partial class DispatchOutcomes(
    IDispatchQueue queue, WebhookSignal webhooks, IOptions<ParleyOptions> options, TimeProvider time, ILogger<DispatchOutcomes> logger)
{
    private readonly DispatchOptions _options = options.Value.Dispatch;

    public async Task RecordAsync(DispatchJob job, UpstreamResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case UpstreamResult.Sent sent:
                await queue.CompleteAsync(job, sent.Events, time.GetUtcNow(), cancellationToken);
                webhooks.Notify();
                break;
            case UpstreamResult.Rejected rejected:
                await FailAsync(job, rejected.Error, cancellationToken);
                break;
            case UpstreamResult.Transient transient when job.Attempts + 1 >= _options.MaxAttempts:
                await FailAsync(job, transient.Error, cancellationToken);
                break;
            case UpstreamResult.Transient transient:
                var retryIn = transient.RetryAfter ?? Backoff.Delay(job.Attempts, _options.RetryBaseDelayMs, _options.MaxRetryDelayMs, jitter: 0.2);
                Log.Retrying(logger, job.Message.Id, transient.Error.Code, retryIn.TotalMilliseconds);
                await queue.RetryAsync(job, time.GetUtcNow() + retryIn, cancellationToken);
                break;
        }
    }

    /// <summary>The message fails with <paramref name="error"/>: a <c>failed</c> status, reported to the channel's webhooks.</summary>
    public async Task FailAsync(DispatchJob job, WhatsAppError error, CancellationToken cancellationToken)
    {
        var message = job.Message;
        var failed = new StatusEvent(message.ChannelId, time.GetUtcNow(), message.Id, MessageStatus.Failed, WebhookError.From(error));
        await queue.CompleteAsync(job, [failed], time.GetUtcNow(), cancellationToken);
        webhooks.Notify();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Upstream error {Code} for message {MessageId}; retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string messageId, int code, double delayMs);
    }
}
