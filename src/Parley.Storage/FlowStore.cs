using Parley.Core.Flows;

namespace Parley.Storage;

/// <summary>A position in an account's list of flows, oldest first: the creation time and id of a flow.</summary>
public sealed record FlowCursor(DateTimeOffset CreatedAt, string Id);

/// <summary>What storing a new flow did.</summary>
public enum FlowCreateOutcome
{
    Created,
    /// <summary>The account has a flow of that name already (names are unique within a business account).</summary>
    DuplicateName,
}

/// <summary>A business phone number's public key for flow endpoints (Meta's <c>whatsapp_business_encryption</c>).</summary>
/// <param name="PublicKeyPem">The PEM the business uploaded.</param>
public sealed record BusinessEncryptionKey(string ChannelId, string PublicKeyPem, DateTimeOffset UpdatedAt);

/// <summary>
/// WhatsApp Flows of business accounts, and the phone numbers' business encryption keys. A change that sends a
/// <c>flows</c> webhook (<see cref="EventKinds.Flows"/>) stores it in the outbox in the same transaction, for the
/// subscriptions of every channel of the account that want it, only when the change happened.
/// </summary>
public interface IFlowStore
{
    /// <summary>Stores a new flow unless the account has one of that name.</summary>
    Task<FlowCreateOutcome> CreateAsync(Flow flow, CancellationToken cancellationToken);

    Task<Flow?> GetAsync(string flowId, CancellationToken cancellationToken);

    /// <summary>The account's flow of that name (names are unique within an account).</summary>
    Task<Flow?> FindByNameAsync(string accountId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> of the account's flows, oldest first: those after <paramref name="after"/>, or the
    /// last ones before <paramref name="before"/> (still oldest first), or the first ones.
    /// </summary>
    Task<IReadOnlyList<Flow>> ListAsync(string accountId, int limit, FlowCursor? after, FlowCursor? before, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="current"/> with <paramref name="updated"/> if nobody changed it in between (same status
    /// and update time) and no other flow of the account has the new name. With <paramref name="events"/> (<c>flows</c>
    /// webhook values), the same transaction fans them out. False when nothing changed.
    /// </summary>
    Task<bool> UpdateAsync(Flow current, Flow updated, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the flow while it is a draft; false when it is not (any more).</summary>
    Task<bool> DeleteDraftAsync(string flowId, CancellationToken cancellationToken);

    /// <summary>Fans a <c>flows</c> webhook value out to the account's subscriptions (an endpoint alert, not a change of the flow).</summary>
    Task AddEventAsync(string accountId, string payload, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) a phone number's business public key.</summary>
    Task SetEncryptionKeyAsync(BusinessEncryptionKey key, CancellationToken cancellationToken);

    Task<BusinessEncryptionKey?> GetEncryptionKeyAsync(string channelId, CancellationToken cancellationToken);
}
