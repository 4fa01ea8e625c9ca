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
}
