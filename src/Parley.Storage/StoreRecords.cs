using Parley.Core.Model;

namespace Parley.Storage;

/// <summary>An API token: only its SHA-256 hash is stored. Scoped to one channel or one business account.</summary>
public sealed record TokenRecord(string Id, string Hash, string? AccountId, string? ChannelId, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Where a channel's events go, in which format, signed with which secret.</summary>
/// <param name="Events">Event filter (<see cref="EventFilter"/>): <c>*</c>, or a comma list of <see cref="EventKinds"/>.</param>
/// <param name="BatchSize">Most events per POST. 1 (the default) is what Meta sends and what most SDKs read.</param>
/// <param name="GraphVersion">The Graph version whose webhook shapes the subscription gets (<see cref="Core.Versions.GraphVersions"/>), as Meta lets an app choose per field.</param>
/// <param name="OverrideLevel">
/// 0 for a subscription of its own (the "app's callback URL"); <see cref="WabaOverride"/> or <see cref="PhoneNumberOverride"/>
/// for one Graph's <c>override_callback_uri</c> made. The highest level a channel has among <c>cloudapi</c> subscriptions
/// takes its messages and statuses from the lower ones, as Meta routes to a phone number's, else the WABA's, else the app's URL.
/// </param>
public sealed record WebhookSubscription(
    string Id, string ChannelId, string Url, string Format, string? Secret, string Events, int BatchSize, DateTimeOffset CreatedAt,
    string GraphVersion = Core.Versions.GraphVersions.NewestName, int OverrideLevel = 0)
{
    public const string AllEvents = "*";
    public const int MaxBatchSize = 1000;
    public const int WabaOverride = 1;
    public const int PhoneNumberOverride = 2;
}

/// <summary>
/// Which kinds a subscription receives: those its event filter names, and with <c>*</c> in it every kind that is not
/// opt-in (<see cref="EventKinds.OptIn"/>). An opt-in kind goes only to filters that name it. Storage matches kinds
/// against filters and nothing else (<see cref="SubscriptionSql.Wants"/> is this rule in SQL).
/// </summary>
public static class EventFilter
{
    public static bool Takes(string events, string kind)
    {
        ArgumentNullException.ThrowIfNull(events);
        var names = events.Split(',');
        return names.Contains(kind) || (names.Contains(WebhookSubscription.AllEvents) && !EventKinds.OptIn.ContainsKey(kind));
    }

    /// <summary>
    /// The filter to store for a subscription whose format renders <paramref name="rendered"/>: as asked, naming each
    /// opt-in kind the format renders whose companion kind the filter takes (a format that renders echoes gets them
    /// with messages).
    /// </summary>
    public static string WithDefaults(string events, IReadOnlySet<string> rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        foreach (var (kind, companion) in EventKinds.OptIn)
        {
            if (rendered.Contains(kind) && Takes(events, companion) && !events.Split(',').Contains(kind))
            {
                events += "," + kind;
            }
        }
        return events;
    }
}

/// <summary>Outcome of a durable accept.</summary>
/// <param name="MessageId">The stored message id: the new one, or the original one when the idempotency key was seen before.</param>
/// <param name="Replayed">True when the idempotency key matched an earlier request and nothing new was stored.</param>
public sealed record AcceptResult(string MessageId, string To, bool Replayed);

/// <summary>A claimed dispatch job with the message it sends.</summary>
/// <param name="LeaseUntil">
/// The claim: the lease the job was claimed with. Its node renews the lease while the job runs, but the claim stays the
/// same; completing, retrying or deferring the job only touches it while the claim is still this one.
/// </param>
public sealed record DispatchJob(OutboundMessage Message, int Attempts, DateTimeOffset LeaseUntil);

/// <summary>The kind of an outbox event, matched against subscription filters.</summary>
public static class EventKinds
{
    public const string Messages = "messages";
    public const string Statuses = "statuses";
    /// <summary>A template's status changed: one per WABA event, fanned out to the subscriptions of every channel of the WABA.</summary>
    public const string TemplateStatus = "message_template_status_update";

    /// <summary>
    /// A flow's status changed, or WhatsApp alerts about its endpoint (Meta's webhook field <c>flows</c>): one per WABA
    /// event, fanned out like <see cref="TemplateStatus"/>; payload: the Cloud API change <c>value</c>.
    /// </summary>
    public const string Flows = "flows";

    /// <summary>
    /// A participant's <c>delivered</c> or <c>read</c> of a group message after another participant's moved the message
    /// there: a <c>statuses[]</c> item like <see cref="Statuses"/>, and wanted by the same subscriptions (a filter that
    /// takes statuses takes these), kept apart so that a format that tells one status change per message (Channels)
    /// leaves them out while the Cloud API and 1msg send each participant's.
    /// </summary>
    public const string ParticipantStatuses = "participant_statuses";

    /// <summary>A group was created or deleted (Meta's webhook field <c>group_lifecycle_update</c>); payload: a <c>groups[]</c> item.</summary>
    public const string GroupLifecycle = "group_lifecycle_update";

    /// <summary>Users joined, left, were removed from or asked to join a group (<c>group_participants_update</c>).</summary>
    public const string GroupParticipants = "group_participants_update";

    /// <summary>A group's subject, description or picture changed (<c>group_settings_update</c>).</summary>
    public const string GroupSettings = "group_settings_update";

    /// <summary>WhatsApp suspended a group or cleared its suspension (<c>group_status_update</c>).</summary>
    public const string GroupStatus = "group_status_update";

    /// <summary>The four group kinds: each event's payload is one Cloud API <c>groups[]</c> item.</summary>
    public static readonly IReadOnlySet<string> Groups = new HashSet<string>([GroupLifecycle, GroupParticipants, GroupSettings, GroupStatus], StringComparer.Ordinal);

    /// <summary>
    /// An outgoing message of the channel, whichever dialect sent it (Meta's own name for its echoes is
    /// <c>smb_message_echoes</c>). Opt-in: fanned out when the message is accepted, in the accept's own transaction, to
    /// the channel's subscriptions whose filter names it; a replayed accept fans out nothing. Payload:
    /// <c>{"id": message id}</c>, rendered from the stored message when it is delivered.
    /// </summary>
    public const string Echoes = "message_echoes";

    /// <summary>The opt-in kinds (<see cref="EventFilter"/>), each with the kind a format that renders it sends it along with.</summary>
    public static readonly IReadOnlyDictionary<string, string> OptIn = new Dictionary<string, string>(StringComparer.Ordinal) { [Echoes] = Messages };
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
