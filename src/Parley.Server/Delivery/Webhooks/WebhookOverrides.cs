using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Server.Configuration;
using Parley.Server.Network;
using Parley.Storage;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>
/// Graph's alternate callback URLs ("webhook overrides"): a WABA's (<c>POST /{waba-id}/subscribed_apps</c> with
/// <c>override_callback_uri</c>) and a phone number's (<c>POST /{phone-number-id}</c> with
/// <c>webhook_configuration.override_callback_uri</c>). Each is a <c>cloudapi</c> subscription of the channel at its
/// <see cref="WebhookSubscription.OverrideLevel"/>; the outbox fan-out sends messages, statuses and echoes only to the
/// highest level a channel has (phone number, else WABA, else the app's own subscriptions), and template webhooks never
/// to an override, as Meta routes them. The URL is verified first (<see cref="WebhookVerifier"/>); an override whose
/// URL does not answer the challenge is not made.
/// </summary>
internal sealed class WebhookOverrides(IAccountStore store, WebhookVerifier verifier, SsrfGuard guard, IEnumerable<IWebhookFormat> formats,
    IOptions<ParleyOptions> options, TimeProvider time)
{
    /// <summary>The format Graph's overrides are delivered in: Meta's own envelope.</summary>
    public const string Format = "cloudapi";

    /// <summary>M:webhooks/override: the alternate callback URL is at most 200 characters.</summary>
    public const int MaxUriLength = 200;

    /// <summary>Checks and verifies <paramref name="url"/>, then makes it the override of <paramref name="level"/> on every channel given.</summary>
    public async Task<WhatsAppError?> SetAsync(IReadOnlyList<string> channelIds, int level, string? url, string? verifyToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(url))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter override_callback_uri is required.");
        }
        if (url.Length > MaxUriLength)
        {
            return ErrorCatalog.InvalidParameter.With($"Param override_callback_uri must be at most {MaxUriLength} chars long.");
        }
        if (guard.Check(url) is { } refused)
        {
            return ErrorCatalog.InvalidParameter.With($"Param override_callback_uri is not a valid URI: {refused}");
        }
        if (string.IsNullOrEmpty(verifyToken))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter verify_token is required.");
        }
        if (await verifier.VerifyAsync(url, verifyToken, cancellationToken) is { } failed)
        {
            return failed;
        }
        var kinds = formats.First(f => f.Name == Format).Kinds;
        var events = EventFilter.WithDefaults($"{EventKinds.Messages},{EventKinds.Statuses}", kinds);
        foreach (var channelId in channelIds)
        {
            await ClearAsync([channelId], level, cancellationToken);
            await store.CreateSubscriptionAsync(new WebhookSubscription("wh_" + MessageIds.RandomToken(9), channelId, url, Format, null, events,
                options.Value.Webhooks.DefaultBatchSize, time.GetUtcNow(), OverrideLevel: level), cancellationToken);
        }
        return null;
    }

    /// <summary>Removes the override of <paramref name="level"/> from every channel given.</summary>
    public async Task ClearAsync(IReadOnlyList<string> channelIds, int level, CancellationToken cancellationToken)
    {
        foreach (var channelId in channelIds)
        {
            foreach (var subscription in await store.ListSubscriptionsAsync(channelId, cancellationToken))
            {
                if (subscription.OverrideLevel == level)
                {
                    await store.DeleteSubscriptionAsync(subscription.Id, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Gives a channel new to its account the account's override, when the account has one: the WABA's alternate
    /// callback covers every number of the WABA, whenever it was added (its URL was verified when it was set).
    /// </summary>
    public async Task InheritAccountOverrideAsync(string channelId, string accountId, CancellationToken cancellationToken)
    {
        foreach (var sibling in await store.ListChannelsAsync(accountId, cancellationToken))
        {
            if (sibling.PhoneNumberId == channelId)
            {
                continue;
            }
            var inherited = (await store.ListSubscriptionsAsync(sibling.PhoneNumberId, cancellationToken)).FirstOrDefault(s => s.OverrideLevel == WebhookSubscription.WabaOverride);
            if (inherited is not null)
            {
                await store.CreateSubscriptionAsync(inherited with { Id = "wh_" + MessageIds.RandomToken(9), ChannelId = channelId, CreatedAt = time.GetUtcNow() }, cancellationToken);
                return;
            }
        }
    }

    /// <summary>The channel's override URL of <paramref name="level"/> (0: its first own <c>cloudapi</c> subscription's), or null.</summary>
    public async Task<string?> UrlAsync(string channelId, int level, CancellationToken cancellationToken) =>
        (await store.ListSubscriptionsAsync(channelId, cancellationToken)).FirstOrDefault(s => s.OverrideLevel == level && s.Format == Format)?.Url;
}
