namespace Parley.Storage;

/// <summary>
/// The 1msg dialect's settings of a channel (digest A.5: <c>ackNotificationsOn</c>, <c>rawHooks</c>, <c>guaranteedHooks</c>,
/// <c>template_analytics_enabled</c>, <c>cta_url_link_tracking_opted_out</c>, …) as one JSON object per channel. The
/// webhook URLs are not here: they are the channel's webhook subscriptions.
/// </summary>
public interface IOneMsgSettingsStore
{
    /// <summary>The channel's settings object (JSON text), or null when none were ever set.</summary>
    Task<string?> GetAsync(string phoneNumberId, CancellationToken cancellationToken);

    /// <summary>Replaces the channel's settings object.</summary>
    Task SetAsync(string phoneNumberId, string settings, DateTimeOffset at, CancellationToken cancellationToken);
}
