using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>Renders a batch of canonical events for one subscription in one dialect's webhook format.</summary>
internal interface IWebhookFormat
{
    /// <summary>The subscription <c>format</c> this renders: <c>cloudapi</c>, <c>onemsg</c>, <c>channels</c>.</summary>
    string Name { get; }

    /// <summary>The POST body (UTF-8 JSON, ASCII-escaped as Meta signs it).</summary>
    byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events);

    /// <summary>
    /// Whether this format renders events of <paramref name="kind"/> (<see cref="EventKinds"/>). Events of a kind it
    /// does not render are skipped for its subscriptions: counted as delivered, never posted.
    /// </summary>
    bool Renders(string kind) => true;
}
