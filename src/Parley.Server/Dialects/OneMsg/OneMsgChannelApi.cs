using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Server.BusinessPhones;
using Parley.Server.Edges;
using Parley.Server.Pricing;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>The channel methods of seed 000: status, settings, webhook, statistics and the server's IP.</summary>
internal static class OneMsgChannelApi
{
    public static void MapOneMsgChannel(this RouteGroupBuilder group)
    {
        group.MapGet("/status", StatusAsync).WithSummary("1msg: the channel's status");
        group.MapGet("/settings", GetSettingsAsync).WithSummary("1msg: the channel's settings");
        group.MapPost("/settings", SetSettingsAsync).WithSummary("1msg: change the channel's settings").ReadsBody();
        group.MapGet("/webhook", GetWebhookAsync).WithSummary("1msg: the webhook URL(s)");
        group.MapPost("/webhook", SetWebhookAsync).WithSummary("1msg: set the webhook URL(s)").ReadsBody();
        group.MapGet("/statistics", StatisticsAsync).WithSummary("1msg: the month's usage (date=mm.YYYY)");
        group.MapGet("/extendedStatistics", ExtendedStatisticsAsync).WithSummary("1msg: usage per month");
        group.MapGet("/outputIP", OutputIp).WithSummary("1msg: the IP address the channel's server uses");
    }

    /// <summary>
    /// The channel's state in 1msg's words (digest A, "Get Status"): <c>unregistered</c> when its number is deregistered
    /// (the registration state the Cloud API's <c>/register</c> and <c>/deregister</c> change), <c>disconnected</c> when
    /// its upstream is not one this node runs (the node cannot reach WhatsApp for it), otherwise <c>connected</c>.
    /// </summary>
    private static async Task<Ok<OneMsgStatusResponse>> StatusAsync(
        CallerChannel caller, UpstreamRegistry upstreams, PhoneNumberDirectory phones, CancellationToken cancellationToken)
    {
        var view = await phones.GetAsync(caller.Value, cancellationToken);
        var status = !view.Phone.Registered ? "unregistered"
            : upstreams.For(caller.Value) is null ? "disconnected"
            : "connected";
        return TypedResults.Ok(new OneMsgStatusResponse(status));
    }

    private static async Task<Ok<JsonObject>> GetSettingsAsync(
        CallerChannel caller, OneMsgWebhooks webhooks, TemplateAnalyticsSettings analytics, CancellationToken cancellationToken) =>
        TypedResults.Ok(await WithTemplateAnalyticsAsync(Settings(await webhooks.GetAsync(caller.Value.PhoneNumberId, cancellationToken)), caller, analytics, cancellationToken));

    /// <summary>Changes <c>webhookUrl</c> and <c>ackNotificationsOn</c>; answers the settings plus <c>update</c> (what changed).</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> SetSettingsAsync(
        CallerChannel caller, JsonObjectBody json, OneMsgWebhooks webhooks, TemplateAnalyticsSettings analytics, TimeProvider time, CancellationToken cancellationToken)
    {
        var (channel, body) = (caller.Value, json.Value);
        var current = await webhooks.GetAsync(channel.PhoneNumberId, cancellationToken);
        current = current with { Other = await WithTemplateAnalyticsAsync((JsonObject)current.Other.DeepClone(), caller, analytics, cancellationToken) };
        var urls = current.Urls;
        if (body.ContainsKey("webhookUrl"))
        {
            var read = webhooks.ReadUrls(body["webhookUrl"]);
            if (!read.Succeeded)
            {
                return new Refusal(read.Error);
            }
            urls = read.Value;
        }
        var acks = current.AckNotificationsOn;
        if (body.ContainsKey("ackNotificationsOn"))
        {
            if (OneMsgFields.Boolean(body, "ackNotificationsOn") is not { } value)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With("ackNotificationsOn must be true or false."));
            }
            acks = value;
        }
        var other = (JsonObject)current.Other.DeepClone();
        foreach (var field in OneMsgWebhooks.OtherFields.Where(body.ContainsKey))
        {
            if (OneMsgFields.Boolean(body, field) is not { } value)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With($"{field} must be true or false."));
            }
            other[field] = value;
        }
        // The analytics switch first: turning it on is refused for numbers of the EU, the UK or Japan, before anything changes.
        if (await analytics.SetAccountAsync(channel.AccountId, Flag(other, TemplateAnalyticsEnabled), Flag(other, ClickTrackingOptedOut), time.GetUtcNow(), cancellationToken) is { Error: { } refused })
        {
            return new Refusal(refused);
        }
        await webhooks.SetAsync(channel, urls, acks, cancellationToken, other);
        var settings = await WithTemplateAnalyticsAsync(Settings(await webhooks.GetAsync(channel.PhoneNumberId, cancellationToken)), caller, analytics, cancellationToken);
        var update = new JsonObject();
        if (!urls.SequenceEqual(current.Urls))
        {
            update["webhookUrl"] = settings["webhookUrl"]?.DeepClone();
        }
        if (acks != current.AckNotificationsOn)
        {
            update["ackNotificationsOn"] = acks;
        }
        foreach (var field in OneMsgWebhooks.OtherFields.Where(f => !JsonNode.DeepEquals(other[f], current.Other[f])))
        {
            update[field] = other[field]!.DeepClone();
        }
        settings["update"] = update;
        return TypedResults.Ok(settings);
    }

    private static async Task<Ok<OneMsgWebhookResponse>> GetWebhookAsync(CallerChannel caller, OneMsgWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(new OneMsgWebhookResponse((await webhooks.GetAsync(caller.Value.PhoneNumberId, cancellationToken)).Urls));

    /// <summary><c>webhookUrl</c> is required here (seed 000, "Set webhook"); acks keep their setting.</summary>
    private static async Task<Results<Ok<OneMsgWebhookSetResponse>, Refusal>> SetWebhookAsync(
        CallerChannel caller, JsonObjectBody json, OneMsgWebhooks webhooks, CancellationToken cancellationToken)
    {
        var (channel, body) = (caller.Value, json.Value);
        if (!body.ContainsKey("webhookUrl"))
        {
            return new Refusal(OneMsgMapper.Missing("webhookUrl"));
        }
        var urls = webhooks.ReadUrls(body["webhookUrl"]);
        if (!urls.Succeeded)
        {
            return new Refusal(urls.Error);
        }
        var current = await webhooks.GetAsync(channel.PhoneNumberId, cancellationToken);
        var changed = await webhooks.SetAsync(channel, urls.Value, current.AckNotificationsOn, cancellationToken);
        return TypedResults.Ok(new OneMsgWebhookSetResponse(changed, string.Join(",", urls.Value), urls.Value));
    }

    /// <summary>
    /// The month of <c>date</c> (<c>mm.YYYY</c>, default this month) and what its charged template messages cost, from
    /// the channel's priced messages (<see cref="UsageReports"/>).
    /// </summary>
    private static async Task<Results<Ok<OneMsgStatisticsResponse>, Refusal>> StatisticsAsync(
        string? date, CallerChannel caller, UsageReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var month = time.GetUtcNow();
        if (date is not null)
        {
            if (!DateTimeOffset.TryParseExact(date, "MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out month))
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With("date must be a month as mm.YYYY, for example 03.2022."));
            }
        }
        var usage = await reports.MonthAsync(caller.Value, month, cancellationToken);
        return TypedResults.Ok(new OneMsgStatisticsResponse(usage.PeriodStart.ToString("MM.yyyy", CultureInfo.InvariantCulture), usage.TemplatesCost));
    }

    /// <summary>
    /// Every month with priced messages: quantities, what was charged, business- and user-initiated, free entry point and
    /// free customer service messages (1msg's <c>free_tier</c>), and the same per pricing category.
    /// </summary>
    private static async Task<Ok<OneMsgExtendedStatistics[]>> ExtendedStatisticsAsync(CallerChannel caller, UsageReports reports, CancellationToken cancellationToken)
    {
        var months = await reports.MonthsAsync(caller.Value, cancellationToken);
        return TypedResults.Ok(months.Select(OneMsgExtendedStatistics.From).ToArray());
    }

    /// <summary>The address this server answers on: what a firewall in front of the webhook receivers sees.</summary>
    private static Ok<OneMsgResultResponse> OutputIp(HttpContext context)
    {
        var address = context.Connection.LocalIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }
        return TypedResults.Ok(new OneMsgResultResponse(address?.ToString() ?? "127.0.0.1"));
    }

    private static JsonObject Settings(OneMsgWebhooks.State state) => new()
    {
        ["webhookUrl"] = state.Urls.Count switch
        {
            0 => null,
            1 => state.Urls[0],
            _ => new JsonArray([.. state.Urls.Select(u => (JsonNode)u)]),
        },
        ["ackNotificationsOn"] = state.AckNotificationsOn,
        ["rawHooks"] = Flag(state, "rawHooks"),
        ["guaranteedHooks"] = Flag(state, "guaranteedHooks"),
        ["template_analytics_enabled"] = Flag(state, "template_analytics_enabled"),
        ["cta_url_link_tracking_opted_out"] = Flag(state, "cta_url_link_tracking_opted_out"),
    };

    private const string TemplateAnalyticsEnabled = "template_analytics_enabled";
    private const string ClickTrackingOptedOut = "cta_url_link_tracking_opted_out";

    /// <summary>
    /// The template analytics flags are the account's one setting (<see cref="TemplateAnalyticsSettings"/>, the Cloud API's
    /// <c>is_enabled_for_insights</c>): <c>template_analytics_enabled</c> its switch, <c>cta_url_link_tracking_opted_out</c>
    /// the default opt-out of its templates.
    /// </summary>
    private static async Task<JsonObject> WithTemplateAnalyticsAsync(JsonObject settings, CallerChannel caller, TemplateAnalyticsSettings analytics, CancellationToken cancellationToken)
    {
        var account = await analytics.GetAccountAsync(caller.Value.AccountId, cancellationToken);
        settings[TemplateAnalyticsEnabled] = account.Enabled;
        settings[ClickTrackingOptedOut] = account.ClickTrackingOptedOut;
        return settings;
    }

    private static bool? Flag(JsonObject other, string field) => other[field] is JsonValue value && value.TryGetValue<bool>(out var on) ? on : null;

    /// <summary>A stored boolean setting; false until set.</summary>
    private static bool Flag(OneMsgWebhooks.State state, string field) => state.Other[field] is JsonValue value && value.TryGetValue<bool>(out var on) && on;
}
