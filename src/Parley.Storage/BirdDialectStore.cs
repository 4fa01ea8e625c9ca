namespace Parley.Storage;

/// <summary>
/// What the Channels dialect (Bird's Channels API) keeps beside Parley's own records: the UUIDs by which it names
/// business accounts (workspaces) and channels, and its message ids. One Channels message may stand for several
/// canonical messages (several images or files); each canonical message (wamid) belongs to exactly one Channels id.
/// </summary>
public interface IBirdDialectStore
{
    /// <summary>The account's workspace UUID, created on first use.</summary>
    Task<string> WorkspaceIdAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The channel's Channels UUID, created on first use.</summary>
    Task<string> ChannelIdAsync(string phoneNumberId, CancellationToken cancellationToken);

    /// <summary>Fixes the UUIDs of an account and a channel (the demo's configured ones) unless they have some already.</summary>
    Task AssignAsync(string accountId, string workspaceId, string? phoneNumberId, string? channelId, CancellationToken cancellationToken);

    /// <summary>Gives every account and channel without a UUID one (idempotent).</summary>
    Task BackfillAsync(CancellationToken cancellationToken);

    /// <summary>The account of a workspace UUID, or null.</summary>
    Task<string?> FindAccountAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>The phone number id of a Channels channel UUID, or null.</summary>
    Task<string?> FindChannelAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>Records a Channels message sent through the dialect and the canonical messages (in order) it became.</summary>
    Task CreateMessageAsync(BirdMessageRecord message, IReadOnlyList<string> wamids, CancellationToken cancellationToken);

    /// <summary>A Channels message sent through the dialect, or null (inbound and other dialects' messages have none).</summary>
    Task<BirdMessageRecord?> GetMessageAsync(string channelId, string id, CancellationToken cancellationToken);

    /// <summary>The canonical messages of a Channels id, in order; empty when the id is unknown.</summary>
    Task<IReadOnlyList<string>> PartsAsync(string channelId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// The Channels ids of canonical messages, creating one for each wamid that has none yet (an inbound message, or a
    /// message sent through another dialect): a wamid keeps its Channels id for good.
    /// </summary>
    Task<IReadOnlyDictionary<string, BirdMessageRef>> IdsOfAsync(string channelId, IReadOnlyCollection<string> wamids, CancellationToken cancellationToken);
}

/// <summary>A Channels message as the dialect accepted it.</summary>
/// <param name="Id">The Channels message id (a UUID).</param>
/// <param name="ChannelId">The Parley channel (phone number id).</param>
/// <param name="Request">The request's <c>receiver</c>, <c>body</c> or <c>template</c>, <c>replyTo</c> and <c>meta</c>, as JSON, echoed on reads.</param>
public sealed record BirdMessageRecord(string Id, string ChannelId, string Request, string? Reference, DateTimeOffset CreatedAt);

/// <summary>Where a canonical message sits in its Channels message: part <paramref name="Part"/> of <paramref name="Parts"/>.</summary>
public sealed record BirdMessageRef(string Id, int Part, int Parts);
