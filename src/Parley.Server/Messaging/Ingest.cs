using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Messaging;

/// <summary>Where every upstream reports what happened: applies events durably, then wakes the webhook sender.</summary>
internal sealed class Ingest(IEventStore store, WebhookSignal webhooks, TimeProvider time)
{
    public async Task ApplyAsync(IReadOnlyList<UpstreamEvent> events, CancellationToken cancellationToken)
    {
        await store.ApplyAsync(events, time.GetUtcNow(), cancellationToken);
        webhooks.Notify();
    }
}
