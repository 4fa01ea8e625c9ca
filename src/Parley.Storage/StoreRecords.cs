using Parley.Core.Model;

namespace Parley.Storage;

/// <summary>An API token: only its SHA-256 hash is stored. Scoped to one channel or one business account.</summary>
public sealed record TokenRecord(string Id, string Hash, string? AccountId, string? ChannelId, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Where a channel's events go, in which format, signed with which secret.</summary>
/// <param name="Events">Event filter: <c>*</c>, or a comma list of <c>messages</c>, <c>statuses</c>.</param>
/// <param name="BatchSize">Most events per POST. 1 (the default) is what Meta sends and what most SDKs read.</param>
public sealed record WebhookSubscription(string Id, string ChannelId, string Url, string Format, string? Secret, string Events, int BatchSize, DateTimeOffset CreatedAt)
{
    public const string AllEvents = "*";
    public const int MaxBatchSize = 1000;
}

/// <summary>Outcome of a durable accept.</summary>
/// <param name="MessageId">The stored message id: the new one, or the original one when the idempotency key was seen before.</param>
/// <param name="Replayed">True when the idempotency key matched an earlier request and nothing new was stored.</param>
public sealed record AcceptResult(string MessageId, string To, bool Replayed);

/// <summary>A claimed dispatch job with the message it sends.</summary>
/// <param name="LeaseUntil">The claim: until when this job is the claimant's. Completing or retrying it only touches the job while the claim is still this one.</param>
public sealed record DispatchJob(OutboundMessage Message, int Attempts, DateTimeOffset LeaseUntil);

/// <summary>The kind of an outbox event, matched against subscription filters.</summary>
public static class EventKinds
{
    public const string Messages = "messages";
    public const string Statuses = "statuses";
    /// <summary>A template's status changed: one per WABA event, fanned out to the subscriptions of every channel of the WABA.</summary>
    public const string TemplateStatus = "message_template_status_update";

    /// <summary>
    /// An outgoing message of the channel, whichever dialect sent it, for the webhook format that shows a channel's own
    /// messages (<see cref="EchoFormat"/>). Fanned out when the message is accepted, in the accept's own transaction, to
    /// the channel's subscriptions of that format that take <see cref="Messages"/>; a replayed accept fans out nothing.
    /// Payload: <c>{"id": message id}</c>, rendered from the stored message when it is delivered.
    /// </summary>
    public const string Echoes = "message_echoes";

    /// <summary>
    /// The one subscription format that is sent <see cref="Echoes"/>: 1msg's, whose messages webhook fires for outgoing
    /// messages too (<c>fromMe: true</c>). Meta's Cloud API and the Channels API do not echo API sends, so the other
    /// formats get no echo rows at all.
    /// </summary>
    public const string EchoFormat = "onemsg";
}

/// <summary>One event waiting in the webhook outbox for one subscription.</summary>
/// <param name="Payload">The canonical event: a Cloud API <c>statuses[]</c> item, or an inbound <c>{contact, message}</c> pair.</param>
public sealed record OutboxEvent(long Id, string SubscriptionId, string ChannelId, string Kind, string Payload, DateTimeOffset CreatedAt, int Attempts, string? LastError, DateTimeOffset? DeadAt);

/// <summary>Filters and paging for a channel's messages. Results are newest first; <c>Before</c> is the paging cursor.</summary>
public sealed record MessageQuery(
    string ChannelId,
    MessageDirection? Direction = null,
    string? Peer = null,
    MessageStatus? Status = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Before = null,
    int Limit = 50);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
