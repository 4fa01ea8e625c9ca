namespace Parley.Storage;

/// <summary>The outbox fan-outs' one rule for which subscriptions get an event (<see cref="EventFilter"/>), as SQL both stores run.</summary>
internal static class SubscriptionSql
{
    private static readonly string OptIn = string.Join(", ", EventKinds.OptIn.Keys.Select(k => $"'{k}'"));

    /// <summary>
    /// The condition that a subscription whose events column is <paramref name="events"/> wants events of
    /// <paramref name="kind"/> (an SQL expression: a parameter or a quoted literal): the kind is in its comma list, or
    /// <c>*</c> is and the kind is not opt-in.
    /// </summary>
    public static string Wants(string events, string kind) =>
        $"""
        ((',' || {events} || ',') LIKE ('%,' || {kind} || ',%')
            OR ((',' || {events} || ',') LIKE '%,{WebhookSubscription.AllEvents},%' AND {kind} NOT IN ({OptIn})))
        """;

    /// <summary>The kinds a Graph override takes over: Meta routes messages webhooks (and echoes) to overrides, template and account webhooks never.</summary>
    private static readonly string Overridable = string.Join(", ", new[] { EventKinds.Messages, EventKinds.Statuses, EventKinds.Echoes }.Select(k => $"'{k}'"));

    /// <summary>
    /// The condition that a subscription (its columns prefixed by <paramref name="prefix"/>, e.g. <c>s.</c>) of channel
    /// <paramref name="channel"/> is not overridden for <paramref name="kind"/>: Meta sends a messages webhook to the phone
    /// number's <c>override_callback_uri</c>, else the WABA's, else the app's callback URL. Among a channel's
    /// <c>cloudapi</c> subscriptions only those of the highest <see cref="WebhookSubscription.OverrideLevel"/> take the
    /// overridable kinds; other formats (1msg, Channels) are not Graph's and are never overridden.
    /// </summary>
    public static string NotOverridden(string prefix, string channel, string kind) =>
        $"""
        NOT ({prefix}format = 'cloudapi' AND {kind} IN ({Overridable})
            AND {prefix}override_level < (SELECT COALESCE(MAX(o.override_level), 0) FROM webhook_subscriptions o
                WHERE o.channel_id = {channel} AND o.format = 'cloudapi'))
        """;

    /// <summary>
    /// Brings the filters stored before echoes were an opt-in kind in line: a subscription of 1msg's format, the one
    /// format that renders echoes, was sent them whenever it took messages, so its filter now names them. A migration:
    /// its text stays as it is, whatever the names become.
    /// </summary>
    public const string NameEchoesMigration =
        """
        UPDATE webhook_subscriptions SET events = events || ',message_echoes'
        WHERE format = 'onemsg'
            AND ((',' || events || ',') LIKE '%,messages,%' OR (',' || events || ',') LIKE '%,*,%')
            AND (',' || events || ',') NOT LIKE '%,message_echoes,%'
        """;

    /// <summary>
    /// Brings the subscriptions 1msg's <c>webhookUrl</c> made before groups in line: they take the group events too, as
    /// those made now do (1msg's webhook carries "group events"). Only filters exactly as the 1msg settings made them
    /// are changed, into the text they make now. A migration: its text stays as it is.
    /// </summary>
    public const string OneMsgGroupEventsMigration =
        """
        UPDATE webhook_subscriptions
        SET events = REPLACE(events, ',message_echoes', ',group_lifecycle_update,group_participants_update,group_settings_update,group_status_update,message_echoes')
        WHERE format = 'onemsg' AND events IN ('messages,message_echoes', 'messages,statuses,message_echoes')
        """;

    /// <summary>
    /// Every subscription gets the Graph version of its webhook shapes; those made before there was a choice get the
    /// newest version of when this was written (v26.0), and so does a subscription made without one. Literal text, so
    /// the migration stays what it was when a newer version becomes the newest.
    /// </summary>
    public const string GraphVersionMigration = "ALTER TABLE webhook_subscriptions ADD COLUMN graph_version TEXT NOT NULL DEFAULT 'v26.0'";
}
