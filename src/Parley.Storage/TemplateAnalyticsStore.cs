namespace Parley.Storage;

/// <summary>
/// What template analytics are computed from: the template messages a channel sent, with the first time each status
/// reached them, their recorded pricing, and the URL button clicks simulated users made on them.
/// </summary>
public interface ITemplateAnalyticsStore
{
    /// <summary>
    /// The channel's outbound template messages created in <c>[from, to)</c>, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<TemplateSend>> ListSendsAsync(string channelId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>Records a click on a button of a message; false when that button of it was clicked before.</summary>
    Task<bool> RecordClickAsync(TemplateClick click, CancellationToken cancellationToken);

    /// <summary>The clicks recorded on the messages of a channel created in <c>[from, to)</c>.</summary>
    Task<IReadOnlyList<TemplateClick>> ListClicksAsync(string channelId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>One outbound template message: its canonical payload, when it reached each status (null: never), and its price.</summary>
/// <param name="PricingCategory">The recorded pricing category (<c>marketing_lite</c>: sent through the Marketing Messages Lite API).</param>
/// <param name="PriceMicros">The recorded price in millionths of the currency; null when no status priced it yet.</param>
public sealed record TemplateSend(
    string MessageId,
    string ChannelId,
    string Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    long? PriceMicros,
    string? Currency,
    string? PricingCategory);

/// <summary>A simulated user followed the tracked link of URL button <paramref name="ButtonIndex"/> of a template message.</summary>
public sealed record TemplateClick(string MessageId, string ChannelId, int ButtonIndex, DateTimeOffset ClickedAt);
