using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>Renders a batch of canonical events for one subscription in one dialect's webhook format.</summary>
internal interface IWebhookFormat
{
    /// <summary>The subscription <c>format</c> this renders: <c>cloudapi</c>, <c>onemsg</c>, <c>channels</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The POST body (UTF-8 JSON, ASCII-escaped as Meta signs it); empty when the format renders none of the events (kinds
    /// it does not know), in which case nothing is posted and the events count as delivered.
    /// </summary>
    byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events);

    /// <summary>
    /// Runs before <see cref="Render"/>: looks up what rendering needs and leaves out the events this format does not
    /// render (kinds it does not know). When none is left, nothing is POSTed and the events count as delivered.
    /// The default keeps every event as it is.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxEvent>> PrepareAsync(Channel channel, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        ValueTask.FromResult(events);

    /// <summary>The signature headers of a POST of <paramref name="body"/> to <paramref name="url"/>; by default Meta's <c>X-Hub-Signature-256</c>.</summary>
    IEnumerable<KeyValuePair<string, string>> Sign(byte[] body, string secret, string url, DateTimeOffset now) =>
        [new(WebhookSignature.Header, WebhookSignature.Sign(body, secret))];

    /// <summary>
    /// Whether this format renders events of <paramref name="kind"/> (<see cref="EventKinds"/>). Events of a kind it
    /// does not render are skipped for its subscriptions: counted as delivered, never posted.
    /// </summary>
    bool Renders(string kind) => true;
}
