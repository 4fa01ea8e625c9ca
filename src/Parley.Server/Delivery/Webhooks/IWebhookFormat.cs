using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>Renders a batch of canonical events for one subscription in one dialect's webhook format.</summary>
internal interface IWebhookFormat
{
    /// <summary>The subscription <c>format</c> this renders: <c>cloudapi</c>, <c>onemsg</c>, <c>channels</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The event kinds (<see cref="EventKinds"/>) this format renders. Events of other kinds are skipped for its
    /// subscriptions before batching: counted as delivered, never posted.
    /// </summary>
    IReadOnlySet<string> Kinds { get; }

    /// <summary>The POST body (UTF-8 JSON) of a non-empty batch that <see cref="PrepareAsync"/> gave back.</summary>
    byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events);

    /// <summary>The POST body for one subscription; a format whose shapes follow the subscription's Graph version overrides this.</summary>
    byte[] Render(WebhookSubscription subscription, Channel channel, IReadOnlyList<OutboxEvent> events) => Render(channel, events);

    /// <summary>
    /// Runs before <see cref="Render(Channel, IReadOnlyList{OutboxEvent})"/> on a batch of events of its <see cref="Kinds"/>: looks up what rendering needs,
    /// and leaves out events about what no longer exists (a deleted message). When none is left, nothing is POSTed and
    /// the events count as delivered. The default keeps every event as it is.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxEvent>> PrepareAsync(Channel channel, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        ValueTask.FromResult(events);

    /// <summary>The signature headers of a POST of <paramref name="body"/> to <paramref name="url"/>; by default Meta's <c>X-Hub-Signature-256</c>.</summary>
    IEnumerable<KeyValuePair<string, string>> Sign(byte[] body, string secret, string url, DateTimeOffset now) =>
        [new(WebhookSignature.Header, WebhookSignature.Sign(body, secret))];
}
