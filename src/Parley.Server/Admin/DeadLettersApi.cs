using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Admin;

internal static class DeadLettersApi
{
    private const int MaxList = 1000;

    public static void MapDeadLetters(this RouteGroupBuilder admin)
    {
        admin.MapGet("/dead-letters", ListAsync).WithSummary("List webhook events that ran out of retries");
        admin.MapPost("/dead-letters/replay", ReplayAsync).WithSummary("Deliver dead letters again (all, a channel's, or by id)");
    }

    private static async Task<Ok<DeadLetterView[]>> ListAsync([FromQuery(Name = "channel_id")] string? channelId, int? limit, IWebhookOutbox outbox, CancellationToken cancellationToken)
    {
        var items = await outbox.ListDeadLettersAsync(channelId, Math.Clamp(limit ?? 100, 1, MaxList), cancellationToken);
        return TypedResults.Ok(items.Select(View).ToArray());
    }

    private static async Task<Ok<ReplayView>> ReplayAsync(ReplayRequest? request, IWebhookOutbox outbox, WebhookSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var replayed = await outbox.ReplayAsync(request?.ChannelId, request?.Ids?.ToArray(), time.GetUtcNow(), cancellationToken);
        signal.Notify();
        return TypedResults.Ok(new ReplayView(replayed));
    }

    private static DeadLetterView View(OutboxEvent e)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        return new DeadLetterView(e.Id, e.SubscriptionId, e.ChannelId, e.Kind, payload.RootElement.Clone(), e.CreatedAt, e.Attempts, e.LastError, e.DeadAt);
    }
}
