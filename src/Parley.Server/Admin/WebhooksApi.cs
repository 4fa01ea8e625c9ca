using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;
using Parley.Core.Ids;
using Parley.Core.Versions;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Network;
using Parley.Storage;

namespace Parley.Server.Admin;

internal static class WebhooksApi
{
    private static readonly string[] EventNames =
    [
        WebhookSubscription.AllEvents, EventKinds.Messages, EventKinds.Statuses, EventKinds.TemplateStatus, EventKinds.Flows,
        EventKinds.GroupLifecycle, EventKinds.GroupParticipants, EventKinds.GroupSettings, EventKinds.GroupStatus,
    ];

    public static void MapWebhooks(this RouteGroupBuilder admin)
    {
        admin.MapGet("/channels/{phoneNumberId}/webhooks", ListAsync).WithSummary("List a channel's webhook subscriptions");
        admin.MapPost("/channels/{phoneNumberId}/webhooks", CreateAsync).WithSummary("Subscribe a URL to a channel's events");
        admin.MapDelete("/webhooks/{id}", DeleteAsync).WithSummary("Delete a webhook subscription");
    }

    private static async Task<Results<Ok<WebhookView[]>, NotFound>> ListAsync(string phoneNumberId, IAccountStore store, CancellationToken cancellationToken)
    {
        if (await store.GetChannelAsync(phoneNumberId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await store.ListSubscriptionsAsync(phoneNumberId, cancellationToken)).Select(View).ToArray());
    }

    private static async Task<Results<Created<WebhookView>, NotFound, ValidationProblem>> CreateAsync(
        string phoneNumberId, CreateWebhookRequest request, IAccountStore store, SsrfGuard guard,
        IEnumerable<IWebhookFormat> formats, WebhookVerifier verifier, IOptions<ParleyOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetChannelAsync(phoneNumberId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var format = request.Format ?? CloudApiWebhookFormat.FormatName;
        var events = request.Events ?? WebhookSubscription.AllEvents;
        var formatNames = formats.Select(f => f.Name).ToArray();
        var rendered = formats.FirstOrDefault(f => f.Name == format)?.Kinds ?? new HashSet<string>();
        var eventNames = EventNames.Concat(EventKinds.OptIn.Keys.Where(rendered.Contains)).ToArray();
        var validation = new AdminValidation()
            .Require("url", request.Url)
            .Check("format", formatNames.Contains(format), $"must be one of: {string.Join(", ", formatNames)}")
            .Check("events", events.Split(',').All(e => eventNames.Contains(e.Trim())), $"must be '*' or a comma list of: {string.Join(", ", eventNames.Skip(1))}")
            .Check("secret", request.Secret is null || request.Secret.Length >= 8, "must be at least 8 characters long")
            .Check("batch_size", request.BatchSize is null or (>= 1 and <= WebhookSubscription.MaxBatchSize), $"must be between 1 and {WebhookSubscription.MaxBatchSize}")
            .Check("graph_version", request.GraphVersion is null || GraphVersions.Find(request.GraphVersion) is not null, $"must be one of: {string.Join(", ", GraphVersions.Known)}");
        if (request.Url is not null && guard.Check(request.Url) is { } problem)
        {
            validation.Add("url", problem);
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        // With a verify_token the URL must answer Meta's verification GET first; without one Parley's own API takes it as given.
        if (request.VerifyToken is { Length: > 0 } verifyToken && await verifier.VerifyAsync(request.Url!, verifyToken, cancellationToken) is { } failed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [$"{failed.Message}: {failed.Details}"] });
        }
        var normalizedEvents = EventFilter.WithDefaults(string.Join(',', events.Split(',').Select(e => e.Trim())), rendered);
        var subscription = new WebhookSubscription("wh_" + MessageIds.RandomToken(9), phoneNumberId, request.Url!, format, request.Secret, normalizedEvents,
            request.BatchSize ?? options.Value.Webhooks.DefaultBatchSize, time.GetUtcNow(), request.GraphVersion ?? GraphVersions.NewestName);
        await store.CreateSubscriptionAsync(subscription, cancellationToken);
        return TypedResults.Created($"/admin/webhooks/{subscription.Id}", View(subscription));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string id, IAccountStore store, CancellationToken cancellationToken) =>
        await store.DeleteSubscriptionAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static WebhookView View(WebhookSubscription s) => new(s.Id, s.ChannelId, s.Url, s.Format, s.Events, s.BatchSize, s.Secret is not null, s.CreatedAt, s.GraphVersion);
}
