using System.Text.Json;
using Parley.Core;
using Parley.Core.Analytics;
using Parley.Core.Errors;
using Parley.Core.Pricing;
using Parley.Core.Templates;
using Parley.Storage;

namespace Parley.Server.Analytics;

/// <summary>
/// Template analytics of a business account computed from Parley's own records: the template messages its numbers sent,
/// the statuses they reached, their recorded prices and the URL button clicks of simulated users. One computation for
/// the Cloud API (<c>/{waba-id}/template_analytics</c>, the <c>template_analytics</c> field) and 1msg (<c>/templateAnalytics</c>).
/// </summary>
internal sealed class TemplateAnalytics(
    IAccountStore accounts,
    ITemplateStore templates,
    ITemplateAnalyticsStore store,
    TemplateAnalyticsSettings settings,
    IGraphSettingsStore graphSettings,
    TimeProvider time)
{
    /// <summary>Most template messages read per number for one request (a bounded scan).</summary>
    public const int ScanLimit = 100_000;

    /// <summary>The account's daily data points of the templates asked for, or the error that refuses the request.</summary>
    public async Task<Outcome<TemplateAnalyticsAnswer>> ComputeAsync(string accountId, TemplateAnalyticsQuery.Raw raw, CancellationToken cancellationToken)
    {
        var channels = await accounts.ListChannelsAsync(accountId, cancellationToken);
        if (TemplateAnalyticsRules.CheckSupported(channels.Select(c => c.CountryCallingCode)) is { } unsupported)
        {
            return unsupported;
        }
        if (!(await settings.GetAccountAsync(accountId, cancellationToken)).Enabled)
        {
            return ErrorCatalog.TemplateAnalyticsDisabled.With(TemplateAnalyticsRules.DisabledText);
        }
        var query = TemplateAnalyticsQuery.Parse(raw, await ZoneAsync(accountId, cancellationToken), time.GetUtcNow());
        if (!query.Succeeded)
        {
            return query.Error;
        }
        var asked = new List<MessageTemplate>();
        foreach (var id in query.Value.TemplateIds)
        {
            if (await templates.GetAsync(id, cancellationToken) is not { } template || template.AccountId != accountId)
            {
                return ErrorCatalog.InvalidParameter.With($"template_ids: {id} is not a template of this WhatsApp Business Account.");
            }
            asked.Add(template);
        }
        var byKey = asked.ToDictionary(t => (t.Name, t.Language));
        var sends = new List<AnalyzedSend>();
        foreach (var channel in channels)
        {
            // A message is created before it is sent: read from a day earlier, keep what was sent in the days asked for.
            var from = query.Value.Start.AddDays(-1);
            var clicks = (await store.ListClicksAsync(channel.PhoneNumberId, from, query.Value.End, cancellationToken)).ToLookup(c => c.MessageId);
            foreach (var send in await store.ListSendsAsync(channel.PhoneNumberId, from, query.Value.End, ScanLimit, cancellationToken))
            {
                if (send.SentAt is { } sentAt && TemplateOf(send.Payload) is { } key && byKey.TryGetValue(key, out var template)
                    && TemplateAnalyticsRules.IsOfProduct(send.PricingCategory, query.Value.ProductType))
                {
                    var price = send.PriceMicros is { } micros ? PricedMessage.FromMicros(micros) : 0m;
                    sends.Add(new AnalyzedSend(template.Id, sentAt, send.DeliveredAt, send.ReadAt, price, [.. clicks[send.MessageId].Select(c => (c.ButtonIndex, c.ClickedAt))]));
                }
            }
        }
        var analyzed = asked.Select(t => new AnalyzedTemplate(t.Id, t.Category, TemplateUrlButtons.Of(t.Components).ToDictionary(b => b.Key, b => b.Value.Text))).ToList();
        return new TemplateAnalyticsAnswer(query.Value, TemplateAnalyticsReport.Compute(query.Value, analyzed, sends));
    }

    /// <summary>The template (name, language) a stored canonical template message names.</summary>
    internal static (string Name, string Language)? TemplateOf(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("template", out var template) && template.ValueKind == JsonValueKind.Object
                && template.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && template.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.Object
                && language.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? (name.GetString()!, code.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The account's time zone: its <c>timezone_id</c> (set by <c>POST /{waba-id}</c>) where Parley knows the zone, else UTC.
    /// UNCONFIRMED: Meta's timezone ids are its own numbering; Parley knows 1 (America/Los_Angeles, the default).
    /// </summary>
    private async Task<TimeZoneInfo> ZoneAsync(string accountId, CancellationToken cancellationToken)
    {
        var stored = await graphSettings.GetAsync(accountId, GraphSettingsScopes.BusinessAccount, cancellationToken);
        var id = stored is null ? "1" : System.Text.Json.Nodes.JsonNode.Parse(stored)?["timezone_id"]?.GetValue<string>() ?? "1";
        return id == "1" && TimeZoneInfo.TryFindSystemTimeZoneById("America/Los_Angeles", out var zone) ? zone : TimeZoneInfo.Utc;
    }
}

/// <summary>The query as read and its data points.</summary>
internal sealed record TemplateAnalyticsAnswer(TemplateAnalyticsQuery Query, IReadOnlyList<TemplateDataPoint> Points);
