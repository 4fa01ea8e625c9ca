using Parley.Core.Model;

namespace Parley.Storage;

/// <summary>Business accounts, channels, tokens and webhook subscriptions.</summary>
public interface IAccountStore
{
    Task CreateAccountAsync(BusinessAccount account, CancellationToken cancellationToken);
    Task<BusinessAccount?> GetAccountAsync(string id, CancellationToken cancellationToken);
    Task<IReadOnlyList<BusinessAccount>> ListAccountsAsync(CancellationToken cancellationToken);
    Task<bool> UpdateAccountAsync(BusinessAccount account, CancellationToken cancellationToken);
    /// <summary>Deletes the account with its channels, tokens and subscriptions.</summary>
    Task<bool> DeleteAccountAsync(string id, CancellationToken cancellationToken);

    Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken);
    Task<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken);
    Task<IReadOnlyList<Channel>> ListChannelsAsync(string? accountId, CancellationToken cancellationToken);
    Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken);
    Task<bool> DeleteChannelAsync(string phoneNumberId, CancellationToken cancellationToken);

    Task CreateTokenAsync(TokenRecord token, CancellationToken cancellationToken);
    Task<TokenRecord?> FindTokenByHashAsync(string hash, CancellationToken cancellationToken);
    Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? accountId, string? channelId, CancellationToken cancellationToken);
    Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    Task CreateSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken);
    Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken);
    Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(string channelId, CancellationToken cancellationToken);
    Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken);
}

/// <summary>Messages: durable acceptance, lookup and history.</summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores the message and its dispatch job in one transaction (group-committed with concurrent callers).
    /// With an idempotency key seen before for the channel, stores nothing and returns the original message id.
    /// </summary>
    Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken);

    Task<StoredMessage?> GetAsync(string channelId, string messageId, CancellationToken cancellationToken);
    Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken);
    Task<Page<StoredMessage>> ListAsync(MessageQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// When the user last wrote to the channel: the start of the 24-hour customer service window. The window is the
    /// user's: <paramref name="waId"/> may be any of their identities (phone number, BSUID, an earlier one).
    /// </summary>
    Task<DateTimeOffset?> GetLastInboundAsync(string channelId, string waId, CancellationToken cancellationToken);

    /// <summary>
    /// When the user last wrote from a free entry point (an inbound message with a <c>referral</c>: a click-to-WhatsApp ad
    /// or a Facebook Page call to action) at or after <paramref name="since"/>; null when not.
    /// </summary>
    Task<DateTimeOffset?> GetLastEntryPointAsync(string channelId, string waId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Marks an inbound message as read by the business. False when no such inbound message exists.</summary>
    Task<bool> MarkInboundReadAsync(string channelId, string messageId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>The dispatch queue: jobs claimed with a lease so that a crashed worker's jobs come back.</summary>
public interface IDispatchQueue
{
    /// <summary>
    /// Takes or renews the right to dispatch the channel until <paramref name="until"/>: true when this node holds it
    /// (it did, or the previous holder's lease ran out). One node paces a channel at a time, so the channel's messages
    /// per second hold across nodes. A single-node store always answers true.
    /// </summary>
    Task<bool> AcquireChannelAsync(string channelId, string nodeId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The channels that have jobs (due or not, claimed or not): cheap, whatever the backlog.</summary>
    Task<IReadOnlyList<string>> ChannelsWithJobsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> of the channel's due, unclaimed jobs until <paramref name="leaseUntil"/>, oldest
    /// first. That lease is the jobs' claim (<see cref="DispatchJob.LeaseUntil"/>) for as long as they stay claimed.
    /// </summary>
    Task<IReadOnlyList<DispatchJob>> ClaimAsync(string channelId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of the channel's jobs still held under <paramref name="claims"/> to <paramref name="until"/>, so
    /// nobody takes a job over while it is still running. A job claimed again since is untouched; claims stay the same.
    /// </summary>
    Task RenewAsync(string channelId, IReadOnlyCollection<DateTimeOffset> claims, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the events the job's send produced and removes the job, in one transaction. The job is removed only
    /// while the claim is still <paramref name="job"/>'s: a node whose lease ran out (and whose job another node has
    /// claimed since) records what it did but takes nothing from the new claimant.
    /// </summary>
    Task CompleteAsync(DispatchJob job, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Puts the job back, due at <paramref name="dueAt"/>, with one more attempt counted — while the claim is still <paramref name="job"/>'s.</summary>
    Task RetryAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken);

}

/// <summary>Applies upstream events: message state, the 24-hour window and the webhook outbox, in one transaction.</summary>
public interface IEventStore
{
    /// <summary>Applies the events; webhook outbox rows are due from <paramref name="now"/> (Parley's clock, not the network's).</summary>
    Task ApplyAsync(IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The webhook outbox: at-least-once delivery with retries and dead letters.</summary>
public interface IWebhookOutbox
{
    /// <summary>Claims due events, at most <paramref name="max"/>, until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);
    Task DeliveredAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
    /// <summary>Gives claimed events back untouched, due at once (work this node took but will not do now).</summary>
    Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
    Task RetryAsync(IReadOnlyCollection<long> ids, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);
    Task DeadLetterAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, string error, CancellationToken cancellationToken);
    Task<IReadOnlyList<OutboxEvent>> ListDeadLettersAsync(string? channelId, int limit, CancellationToken cancellationToken);
    /// <summary>Makes dead letters due again (all of a channel's, or the given ones). Returns how many.</summary>
    Task<int> ReplayAsync(string? channelId, IReadOnlyCollection<long>? ids, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Brings the schema up to date. Runs once at start, before traffic is served.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
