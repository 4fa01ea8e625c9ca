using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Server.Network;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's <c>webhookUrl</c> and <c>ackNotificationsOn</c> are the channel's webhook subscriptions of format
/// <c>onemsg</c>: one per URL (at most <see cref="MaxUrls"/>), signed with the channel's secret like every other
/// subscription, taking messages and their echoes, and group events ("new messages, message delivery events (ack), and
/// group events", seed 000, Set webhook). Acks are on when those subscriptions take <c>statuses</c> as well. Setting the URLs
/// replaces the list (digest A.5: "replaces the stored list and does not append"); an empty value clears it.
/// </summary>
/// <remarks>
/// The other settings (<see cref="OtherFields"/>) and <c>ackNotificationsOn</c> itself are also kept in the
/// <see cref="IOneMsgSettingsStore"/>, so the ack setting survives while no URL is set.
/// </remarks>
internal sealed class OneMsgWebhooks(IAccountStore store, IOneMsgSettingsStore settings, SsrfGuard guard, TimeProvider time)
{
    /// <summary>"One string or an array of up to 5 URLs" (digest A.5).</summary>
    public const int MaxUrls = 5;

    private const string AcksOn = EventKinds.Messages + "," + EventKinds.Statuses;

    /// <summary>The group events every 1msg webhook URL gets, whatever <c>ackNotificationsOn</c> says.</summary>
    private const string GroupEvents = "," + EventKinds.GroupLifecycle + "," + EventKinds.GroupParticipants + "," + EventKinds.GroupSettings + "," + EventKinds.GroupStatus;

    private const string AckField = "ackNotificationsOn";

    /// <summary>
    /// The boolean settings besides <c>webhookUrl</c> and <c>ackNotificationsOn</c> that 1msg's settings object has
    /// (digest A.5; seed 000 names only webhookUrl). Parley keeps and shows them; none changes how it delivers
    /// (every webhook is already retried from the durable outbox, and the format is always 1msg's own).
    /// </summary>
    public static readonly string[] OtherFields = ["rawHooks", "guaranteedHooks", "template_analytics_enabled", "cta_url_link_tracking_opted_out"];

    /// <param name="Other">The <see cref="OtherFields"/> that were ever set.</param>
    public sealed record State(IReadOnlyList<string> Urls, bool AckNotificationsOn, JsonObject Other);

    public async Task<State> GetAsync(string channelId, CancellationToken cancellationToken)
    {
        var subscriptions = await OwnAsync(channelId, cancellationToken);
        var stored = await settings.GetAsync(channelId, cancellationToken) is { } json ? JsonNode.Parse(json) as JsonObject ?? [] : [];
        var acks = stored[AckField] is JsonValue ack && ack.TryGetValue<bool>(out var on)
            ? on
            : subscriptions.Count > 0 && subscriptions.All(s => EventFilter.Takes(s.Events, EventKinds.Messages) && EventFilter.Takes(s.Events, EventKinds.Statuses));
        stored.Remove(AckField);
        return new State([.. subscriptions.Select(s => s.Url)], acks, stored);
    }

    /// <summary>The URLs of a <c>webhookUrl</c> value: a string, an array of strings, or null / empty (none).</summary>
    public Outcome<IReadOnlyList<string>> ReadUrls(JsonNode? value)
    {
        List<string> urls;
        switch (value)
        {
            case null:
                urls = [];
                break;
            case JsonArray array:
                if (array.Any(u => u is not JsonValue v || !v.TryGetValue<string>(out _)))
                {
                    return ErrorCatalog.InvalidParameter.With("webhookUrl must be a URL or an array of URLs.");
                }
                urls = [.. array.Select(u => u!.GetValue<string>().Trim()).Where(u => u.Length > 0)];
                break;
            case JsonValue single when single.TryGetValue<string>(out var text):
                // A form field may carry several URLs separated by commas.
                urls = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                break;
            default:
                return ErrorCatalog.InvalidParameter.With("webhookUrl must be a URL or an array of URLs.");
        }
        if (urls.Count > MaxUrls)
        {
            return ErrorCatalog.InvalidParameter.With($"webhookUrl takes at most {MaxUrls} URLs.");
        }
        foreach (var url in urls)
        {
            if (guard.Check(url) is { } problem)
            {
                return ErrorCatalog.InvalidParameter.With($"webhookUrl '{url}': {problem}");
            }
        }
        return urls;
    }

    /// <summary>Makes the channel's onemsg subscriptions exactly these URLs with this ack setting. True when anything changed.</summary>
    /// <param name="other">The other settings to keep; null keeps the stored ones.</param>
    public async Task<bool> SetAsync(Channel channel, IReadOnlyList<string> urls, bool ackNotificationsOn, CancellationToken cancellationToken, JsonObject? other = null)
    {
        var current = await GetAsync(channel.PhoneNumberId, cancellationToken);
        var kept = (JsonObject)(other ?? current.Other).DeepClone();
        kept[AckField] = ackNotificationsOn;
        var json = kept.ToJsonString();
        if (await settings.GetAsync(channel.PhoneNumberId, cancellationToken) != json)
        {
            await settings.SetAsync(channel.PhoneNumberId, json, time.GetUtcNow(), cancellationToken);
        }
        var events = EventFilter.WithDefaults((ackNotificationsOn ? AcksOn : EventKinds.Messages) + GroupEvents, OneMsgWebhookFormat.Rendered);
        var existing = await OwnAsync(channel.PhoneNumberId, cancellationToken);
        if (existing.Select(s => s.Url).Order(StringComparer.Ordinal).SequenceEqual(urls.Order(StringComparer.Ordinal)) && existing.All(s => s.Events == events))
        {
            return false;
        }
        foreach (var subscription in existing)
        {
            await store.DeleteSubscriptionAsync(subscription.Id, cancellationToken);
        }
        var now = time.GetUtcNow();
        foreach (var url in urls)
        {
            await store.CreateSubscriptionAsync(
                new WebhookSubscription("wh_" + MessageIds.RandomToken(9), channel.PhoneNumberId, url, OneMsgWebhookFormat.FormatName, null, events, 1, now),
                cancellationToken);
        }
        return true;
    }

    private async Task<List<WebhookSubscription>> OwnAsync(string channelId, CancellationToken cancellationToken) =>
        [.. (await store.ListSubscriptionsAsync(channelId, cancellationToken))
            .Where(s => s.Format == OneMsgWebhookFormat.FormatName)
            .OrderBy(s => s.CreatedAt)];
}
