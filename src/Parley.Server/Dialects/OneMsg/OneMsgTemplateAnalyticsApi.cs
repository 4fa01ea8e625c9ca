using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Server.Analytics;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's template analytics (seed 000 "Template Analytics", digest A.9): the account's setting
/// (<c>/settings/templateAnalytics</c>), a template's URL click tracking opt-out (<c>/settings/templateAnalyticsOptOut/{id}</c>,
/// the template's external id being its Cloud API id) and the daily analytics (<c>/templateAnalytics</c>). The setting is
/// the account's one <see cref="TemplateAnalyticsSettings"/>, the Cloud API's <c>is_enabled_for_insights</c>; the numbers
/// are <see cref="TemplateAnalytics"/>'s, in Meta's shape.
/// </summary>
internal static class OneMsgTemplateAnalyticsApi
{
    private const string Enable = "enable";
    private const string OptedOut = "cta_url_link_tracking_opted_out";
    private const string ExternalId = "external_id";

    public static void MapOneMsgTemplateAnalytics(this RouteGroupBuilder group)
    {
        group.MapGet("/settings/templateAnalytics", GetAsync).WithSummary("1msg: the account's template analytics setting");
        group.MapPost("/settings/templateAnalytics", SetAsync).ReadsBody()
            .WithSummary("1msg: turn template analytics on or off; with external_id, a template's URL click tracking opt-out");
        group.MapGet("/settings/templateAnalyticsOptOut/{templateId}", GetOptOutAsync).WithSummary("1msg: a template's URL click tracking opt-out");
        group.MapPost("/settings/templateAnalyticsOptOut/{templateId}", SetOptOutAsync).ReadsBody()
            .WithSummary("1msg: opt a template out of (or back into) URL click tracking");
        group.MapGet("/templateAnalytics", AnalyticsAsync).WithSummary("1msg: daily sent, delivered, read, clicks and cost of up to 10 templates");
    }

    private static async Task<Ok<JsonObject>> GetAsync(CallerChannel caller, TemplateAnalyticsSettings settings, CancellationToken cancellationToken)
    {
        var account = await settings.GetAccountAsync(caller.Value.AccountId, cancellationToken);
        return TypedResults.Ok(View(account.Enabled, account.ClickTrackingOptedOut, null));
    }

    /// <summary><c>enable</c> changes the account's setting; <c>cta_url_link_tracking_opted_out</c> needs the template's <c>external_id</c>.</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> SetAsync(
        CallerChannel caller, JsonObjectBody json, ITemplateStore templates, TemplateAnalyticsSettings settings,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var body = json.Value;
        var externalId = OneMsgFields.Text(body, ExternalId);
        if (body.ContainsKey(OptedOut) && string.IsNullOrEmpty(externalId))
        {
            return new Refusal(OneMsgMapper.Missing(ExternalId));
        }
        return await ApplyAsync(caller, body, externalId, templates, settings, time, cancellationToken);
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> GetOptOutAsync(
        string templateId, CallerChannel caller, ITemplateStore templates, TemplateAnalyticsSettings settings, CancellationToken cancellationToken)
    {
        var accountId = caller.Value.AccountId;
        if (await templates.GetAsync(templateId, cancellationToken) is not { } template || template.AccountId != accountId)
        {
            return new Refusal(UnknownTemplate(templateId));
        }
        var account = await settings.GetAccountAsync(accountId, cancellationToken);
        return TypedResults.Ok(View(account.Enabled, await settings.IsTemplateOptedOutAsync(accountId, template.Id, cancellationToken), template.Id));
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> SetOptOutAsync(
        string templateId, CallerChannel caller, JsonObjectBody json, ITemplateStore templates, TemplateAnalyticsSettings settings,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!json.Value.ContainsKey(OptedOut) && !json.Value.ContainsKey(Enable))
        {
            return new Refusal(OneMsgMapper.Missing(OptedOut));
        }
        return await ApplyAsync(caller, json.Value, templateId, templates, settings, time, cancellationToken);
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> AnalyticsAsync(
        CallerChannel caller, HttpRequest request, TemplateAnalytics analytics, CancellationToken cancellationToken)
    {
        var answer = await analytics.ComputeAsync(caller.Value.AccountId, TemplateAnalyticsView.RawOf(request.Query), cancellationToken);
        return answer.Succeeded ? TypedResults.Ok(TemplateAnalyticsView.ToJson(answer.Value)) : new Refusal(answer.Error);
    }

    /// <summary>Checks every value first, then changes the account's <c>enable</c> and the template's opt-out.</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> ApplyAsync(
        CallerChannel caller, JsonObject body, string? templateId, ITemplateStore templates, TemplateAnalyticsSettings settings,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var accountId = caller.Value.AccountId;
        bool? enable = null, optedOut = null;
        if (body.ContainsKey(Enable) && (enable = OneMsgFields.Boolean(body, Enable)) is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("enable must be true or false."));
        }
        if (body.ContainsKey(OptedOut) && (optedOut = OneMsgFields.Boolean(body, OptedOut)) is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"{OptedOut} must be true or false."));
        }
        if (templateId is not null && (await templates.GetAsync(templateId, cancellationToken) is not { } template || template.AccountId != accountId))
        {
            return new Refusal(UnknownTemplate(templateId));
        }
        var now = time.GetUtcNow();
        var changed = enable is null ? await settings.GetAccountAsync(accountId, cancellationToken) : await settings.SetAccountAsync(accountId, enable, null, now, cancellationToken);
        if (!changed.Succeeded)
        {
            return new Refusal(changed.Error);
        }
        var account = changed.Value;
        if (templateId is null)
        {
            return TypedResults.Ok(View(account.Enabled, account.ClickTrackingOptedOut, null));
        }
        if (optedOut is { } value)
        {
            await settings.SetTemplateOptedOutAsync(templateId, value, now, cancellationToken);
        }
        return TypedResults.Ok(View(account.Enabled, await settings.IsTemplateOptedOutAsync(accountId, templateId, cancellationToken), templateId));
    }

    private static WhatsAppError UnknownTemplate(string id) =>
        ErrorCatalog.InvalidParameter.With($"external_id {id} is not a template of this channel's WhatsApp Business Account.");

    private static JsonObject View(bool enabled, bool optedOut, string? externalId) =>
        new() { [Enable] = enabled, [OptedOut] = optedOut, [ExternalId] = externalId };
}
