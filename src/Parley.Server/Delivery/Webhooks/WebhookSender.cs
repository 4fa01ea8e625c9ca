using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>
/// Delivers the webhook outbox at least once: claims due events with a lease, batches them per subscription,
/// renders them in the subscription's format, signs them and POSTs. A non-2xx answer or a failed connection
/// brings the events back after an exponential, jittered backoff; events older than the maximum age are
/// dead-lettered, where the admin API can list and replay them.
/// </summary>
internal sealed partial class WebhookSender(
    IWebhookOutbox outbox,
    IAccountStore accounts,
    ChannelDirectory channels,
    IEnumerable<IWebhookFormat> formats,
    IHttpClientFactory httpClients,
    WebhookSignal signal,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    /// <summary>How often the outbox is looked at without a signal: retries that fell due, events of other nodes.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly WebhookOptions _options = options.Value.Webhooks;
    private readonly Dictionary<string, IWebhookFormat> _formats = formats.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // leave the host's start-up thread at once
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RoundFailed(logger, ex);
            }
            if (claimed == 0)
            {
                await signal.WaitAsync(PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task<int> DeliverDueAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var lease = TimeSpan.FromMilliseconds(_options.TimeoutMs * 2 + 5000);
        var events = await outbox.ClaimAsync(_options.ClaimSize, now, now + lease, stoppingToken);
        if (events.Count == 0)
        {
            return 0;
        }
        var rounds = new List<SubscriptionRound>();
        foreach (var group in events.GroupBy(e => e.SubscriptionId))
        {
            var subscription = await accounts.GetSubscriptionAsync(group.Key, stoppingToken);
            var channel = subscription is null ? null : await channels.GetChannelAsync(subscription.ChannelId, stoppingToken);
            if (subscription is null || channel is null)
            {
                Log.Discarded(logger, group.Count(), group.Key);
                await outbox.DeliveredAsync(group.Select(e => e.Id).ToArray(), stoppingToken);
                continue;
            }
            var rendered = group.ToList();
            if (_formats.TryGetValue(subscription.Format, out var format)
                && rendered.Where(e => !format.Kinds.Contains(e.Kind)).Select(e => e.Id).ToArray() is { Length: > 0 } skipped)
            {
                await outbox.DeliveredAsync(skipped, stoppingToken);
                rendered.RemoveAll(e => !format.Kinds.Contains(e.Kind));
            }
            if (rendered.Count > 0)
            {
                rounds.Add(new SubscriptionRound(subscription, channel, rendered.Chunk(subscription.BatchSize).ToList()));
            }
        }
        await Parallel.ForEachAsync(
            rounds,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = stoppingToken },
            async (round, ct) => await DeliverAsync(round, lease, ct));
        return events.Count;
    }

    /// <summary>A subscription's claimed events, in batches of its batch size.</summary>
    private sealed record SubscriptionRound(WebhookSubscription Subscription, Channel Channel, IReadOnlyList<OutboxEvent[]> Batches);

    /// <summary>
    /// POSTs a subscription's batches one after another, so a receiver sees events in the order they happened. Once
    /// a POST fails, the rest of the round waits for the retry instead of failing too. A round that would outlive
    /// half of its lease gives its remaining events back for the next round (or another node).
    /// </summary>
    private async Task DeliverAsync(SubscriptionRound round, TimeSpan lease, CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        var delivered = new List<long>();
        var index = 0;
        string? failure = null;
        for (; index < round.Batches.Count && time.GetElapsedTime(started) < lease / 2; index++)
        {
            var batch = round.Batches[index];
            failure = await PostAsync(round.Subscription, round.Channel, batch, stoppingToken);
            if (failure is not null)
            {
                Log.DeliveryFailed(logger, batch.Length, round.Subscription.Id, failure);
                break;
            }
            delivered.AddRange(batch.Select(e => e.Id));
        }
        if (delivered.Count > 0)
        {
            await outbox.DeliveredAsync(delivered, stoppingToken);
        }
        var rest = round.Batches.Skip(index).SelectMany(b => b).ToList();
        if (rest.Count == 0)
        {
            return;
        }
        if (failure is null)
        {
            await outbox.ReleaseAsync(rest.Select(e => e.Id).ToArray(), stoppingToken);
        }
        else
        {
            await RetryOrBuryAsync(rest, rest.Select(e => e.Id).ToArray(), failure, stoppingToken);
        }
    }

    /// <summary>One signed POST; null when the receiver answered 2xx, otherwise why not.</summary>
    private async Task<string?> PostAsync(WebhookSubscription subscription, Channel channel, IReadOnlyList<OutboxEvent> events, CancellationToken stoppingToken)
    {
        if (!_formats.TryGetValue(subscription.Format, out var format))
        {
            return $"Unknown webhook format '{subscription.Format}'.";
        }

        var prepared = await format.PrepareAsync(channel, events, stoppingToken);
        if (prepared.Count == 0)
        {
            return null; // every event was about something gone: delivered, nothing posted
        }
        var body = format.Render(subscription, channel, prepared);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in format.Sign(body, subscription.Secret ?? channel.AppSecret, subscription.Url, time.GetUtcNow()))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        string? failure;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.TimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            failure = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            failure = $"No answer within {_options.TimeoutMs} ms";
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }
        return failure;
    }

    private async Task RetryOrBuryAsync(IReadOnlyList<OutboxEvent> events, long[] ids, string failure, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var oldest = events.Min(e => e.CreatedAt);
        if (now - oldest >= _options.MaxAge)
        {
            await outbox.DeadLetterAsync(ids, now, failure, stoppingToken);
            return;
        }
        var attempts = events.Min(e => e.Attempts);
        var next = now + Backoff.Delay(attempts, _options.RetryBaseDelayMs, _options.MaxRetryDelayMs, jitter: 0.25);
        if (next - oldest > _options.MaxAge)
        {
            next = oldest + _options.MaxAge; // one last try when the maximum age is reached
        }
        await outbox.RetryAsync(ids, next, failure, stoppingToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A webhook delivery round failed")]
        public static partial void RoundFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "Delivering {Count} events to subscription {SubscriptionId} failed: {Failure}")]
        public static partial void DeliveryFailed(ILogger logger, int count, string subscriptionId, string failure);

        [LoggerMessage(3, LogLevel.Information, "Discarded {Count} events of deleted subscription {SubscriptionId}")]
        public static partial void Discarded(ILogger logger, int count, string subscriptionId);
    }
}
