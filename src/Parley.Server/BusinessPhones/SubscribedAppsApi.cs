using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// <c>GET|POST|DELETE /{version}/{waba-id}/subscribed_apps</c> (S <c>SubscriptionRequest</c>; M:webhooks/override):
/// the app's subscription to a WABA's webhooks, and the WABA's alternate callback URL. Parley is the one app. A
/// <c>POST</c> with <c>override_callback_uri</c> and <c>verify_token</c> verifies the URL (Graph's 2200 when it does not
/// echo the challenge) and routes the WABA's messages webhooks there unless a phone number has its own; a
/// <c>POST</c> without it removes the WABA's override; <c>DELETE</c> unsubscribes and removes it.
/// Parley's own subscriptions (the admin API) are the app's callback URL, and keep template webhooks in every case.
/// </summary>
internal static class SubscribedAppsApi
{
    /// <summary>The id Parley answers for itself, the one app subscribed to its accounts.</summary>
    public const string AppId = "1000000000000001";

    public const string AppName = "Parley";

    private const string Subscribed = "subscribed", OverrideUri = "override_callback_uri";

    public static IEndpointRouteBuilder MapSubscribedApps(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{wabaId}/subscribed_apps").WithTags("Cloud API")
            .WithEdge<GraphEdge>(CallerScope.Account("wabaId")).CountsAsManagement("wabaId");
        group.MapGet("", ListAsync).WithName("ListSubscribedApps").WithSummary("The apps subscribed to a WABA's webhooks, with its override_callback_uri");
        group.MapPost("", SubscribeAsync).ReadsBody(optional: true).WithName("SubscribeApp")
            .WithSummary("Subscribe to a WABA's webhooks; override_callback_uri + verify_token set its alternate callback URL (verified first)");
        group.MapDelete("", UnsubscribeAsync).WithName("UnsubscribeApp").WithSummary("Unsubscribe from a WABA's webhooks and remove its alternate callback URL");
        return app;
    }

    private static async Task<GraphJsonResult> ListAsync(CallerAccount account, BusinessAccountObjects objects, CancellationToken cancellationToken)
    {
        var stored = await objects.StoredAsync(account.Value.Id, cancellationToken);
        var data = new JsonArray();
        if (stored[Subscribed]?.GetValue<bool>() == true)
        {
            var app = new JsonObject
            {
                ["whatsapp_business_api_data"] = new JsonObject
                {
                    ["id"] = AppId,
                    ["link"] = $"https://www.facebook.com/games/?app_id={AppId}",
                    ["name"] = AppName,
                },
            };
            if (stored[OverrideUri]?.GetValue<string>() is { } uri)
            {
                app[OverrideUri] = uri;
            }
            data.Add(app);
        }
        return new GraphJsonResult(new JsonObject { ["data"] = data });
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> SubscribeAsync(
        CallerAccount account, JsonObjectBody body, HttpRequest request, IAccountStore accounts, WebhookOverrides overrides, BusinessAccountObjects objects,
        IGraphSettingsStore settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var uri = Parameter(body.Value, request, OverrideUri);
        var channels = (await accounts.ListChannelsAsync(account.Value.Id, cancellationToken)).Select(c => c.PhoneNumberId).ToList();
        if (uri is { Length: > 0 })
        {
            if (await overrides.SetAsync(channels, WebhookSubscription.WabaOverride, uri, Parameter(body.Value, request, "verify_token"), cancellationToken) is { } error)
            {
                return new Refusal(error);
            }
        }
        else
        {
            await overrides.ClearAsync(channels, WebhookSubscription.WabaOverride, cancellationToken);
        }
        var stored = await objects.StoredAsync(account.Value.Id, cancellationToken);
        stored[Subscribed] = true;
        stored[OverrideUri] = uri is { Length: > 0 } ? uri : null;
        await settings.SetAsync(account.Value.Id, GraphSettingsScopes.BusinessAccount, stored.ToJsonString(), time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new SuccessResponse(true));
    }

    private static async Task<Ok<SuccessResponse>> UnsubscribeAsync(
        CallerAccount account, IAccountStore accounts, WebhookOverrides overrides, BusinessAccountObjects objects, IGraphSettingsStore settings,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var channels = (await accounts.ListChannelsAsync(account.Value.Id, cancellationToken)).Select(c => c.PhoneNumberId).ToList();
        await overrides.ClearAsync(channels, WebhookSubscription.WabaOverride, cancellationToken);
        var stored = await objects.StoredAsync(account.Value.Id, cancellationToken);
        stored.Remove(Subscribed);
        stored.Remove(OverrideUri);
        await settings.SetAsync(account.Value.Id, GraphSettingsScopes.BusinessAccount, stored.ToJsonString(), time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>A string parameter from the body, else the query string (Graph reads both).</summary>
    internal static string? Parameter(JsonObject body, HttpRequest request, string name) =>
        PhoneNumberRequest.String(body, name) ?? (request.Query[name].ToString() is { Length: > 0 } queried ? queried : null);
}
