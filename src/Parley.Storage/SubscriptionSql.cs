namespace Parley.Storage;

/// <summary>The outbox fan-outs' one rule for which subscriptions get an event, as SQL both stores run.</summary>
internal static class SubscriptionSql
{
    /// <summary>
    /// The condition that a subscription whose events column is <paramref name="events"/> wants events of
    /// <paramref name="kind"/> (an SQL expression: a parameter or a quoted literal): all events (<c>*</c>), or the kind in
    /// its comma list.
    /// </summary>
    public static string Wants(string events, string kind) =>
        $"({events} = '{WebhookSubscription.AllEvents}' OR (',' || {events} || ',') LIKE ('%,' || {kind} || ',%'))";
}
