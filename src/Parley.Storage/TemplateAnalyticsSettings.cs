using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Analytics;

namespace Parley.Storage;

/// <summary>
/// The one template analytics setting of a business account, read and written by every dialect: whether analytics are
/// on (Meta's <c>is_enabled_for_insights</c>, 1msg's <c>enable</c> / <c>template_analytics_enabled</c>), and whether URL
/// button clicks are tracked, per template (<c>cta_url_link_tracking_opted_out</c>) with the account's value as default.
/// Kept in <see cref="IGraphSettingsStore"/> under <see cref="GraphSettingsScopes.TemplateAnalytics"/> and
/// <see cref="GraphSettingsScopes.TemplateClickTracking"/>. Every way of turning analytics on goes through
/// <see cref="SetAccountAsync"/>, which holds the one check that refuses it for accounts with a number of the EU, the UK
/// or Japan.
/// </summary>
public sealed class TemplateAnalyticsSettings(IGraphSettingsStore settings, IAccountStore accounts)
{
    private const string Enabled = "enabled";
    private const string OptedOut = "cta_url_link_tracking_opted_out";

    /// <summary>The account's setting; off until a business turns it on (Meta: analytics must be enabled first).</summary>
    public async Task<AccountTemplateAnalytics> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(accountId, GraphSettingsScopes.TemplateAnalytics, cancellationToken);
        return new AccountTemplateAnalytics(Flag(stored, Enabled) ?? false, Flag(stored, OptedOut) ?? false);
    }

    /// <summary>
    /// Changes what is given (null: unchanged) and answers the setting afterwards; turning analytics on is refused
    /// (nothing changes) when one of the account's numbers has the calling code of the EU, the UK or Japan.
    /// </summary>
    public async Task<Outcome<AccountTemplateAnalytics>> SetAccountAsync(string accountId, bool? enabled, bool? optedOut, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (enabled is true
            && TemplateAnalyticsRules.CheckSupported((await accounts.ListChannelsAsync(accountId, cancellationToken)).Select(c => c.CountryCallingCode)) is { } unsupported)
        {
            return unsupported;
        }
        var stored = await ReadAsync(accountId, GraphSettingsScopes.TemplateAnalytics, cancellationToken);
        if (enabled is { } on)
        {
            stored[Enabled] = on;
        }
        if (optedOut is { } off)
        {
            stored[OptedOut] = off;
        }
        await settings.SetAsync(accountId, GraphSettingsScopes.TemplateAnalytics, stored.ToJsonString(), at, cancellationToken);
        return new AccountTemplateAnalytics(Flag(stored, Enabled) ?? false, Flag(stored, OptedOut) ?? false);
    }

    /// <summary>Whether the template's URL button clicks are not tracked: its own setting, else its account's.</summary>
    public async Task<bool> IsTemplateOptedOutAsync(string accountId, string templateId, CancellationToken cancellationToken) =>
        Flag(await ReadAsync(templateId, GraphSettingsScopes.TemplateClickTracking, cancellationToken), OptedOut)
            ?? (await GetAccountAsync(accountId, cancellationToken)).ClickTrackingOptedOut;

    /// <summary>Sets the template's own opt-out.</summary>
    public Task SetTemplateOptedOutAsync(string templateId, bool optedOut, DateTimeOffset at, CancellationToken cancellationToken) =>
        settings.SetAsync(templateId, GraphSettingsScopes.TemplateClickTracking, new JsonObject { [OptedOut] = optedOut }.ToJsonString(), at, cancellationToken);

    private async Task<JsonObject> ReadAsync(string owner, string scope, CancellationToken cancellationToken) =>
        await settings.GetAsync(owner, scope, cancellationToken) is { } json && JsonNode.Parse(json) is JsonObject found ? found : [];

    private static bool? Flag(JsonObject stored, string name) => stored[name] is JsonValue value && value.TryGetValue<bool>(out var on) ? on : null;
}

/// <summary>A business account's template analytics: on or off, and the default URL click tracking opt-out of its templates.</summary>
public sealed record AccountTemplateAnalytics(bool Enabled, bool ClickTrackingOptedOut);
