namespace Parley.Storage.Sqlite;

internal sealed class SqliteUpstreamStore(SqliteDatabase database) : IUpstreamMessageIds, IDispatchDeferral
{
    public Task RememberAsync(string channelId, string messageId, string upstreamId, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "INSERT OR IGNORE INTO upstream_message_ids (channel_id, upstream_id, message_id) VALUES ($channel, $upstream, $id)",
            ("$channel", channelId), ("$upstream", upstreamId), ("$id", messageId)), cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> FindAsync(string channelId, IReadOnlyCollection<string> upstreamIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (upstreamIds.Count > 0)
        {
            database.Read(c =>
            {
                foreach (var upstreamId in upstreamIds.Distinct(StringComparer.Ordinal))
                {
                    var id = c.Query(
                        "SELECT message_id FROM upstream_message_ids WHERE channel_id = $channel AND upstream_id = $upstream",
                        r => r.GetString(0), ("$channel", channelId), ("$upstream", upstreamId)).FirstOrDefault();
                    if (id is not null)
                    {
                        found[upstreamId] = id;
                    }
                }
                return found;
            });
        }
        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    public Task<IReadOnlyDictionary<string, string>> FindUpstreamAsync(string channelId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (messageIds.Count > 0)
        {
            database.Read(c =>
            {
                foreach (var messageId in messageIds.Distinct(StringComparer.Ordinal))
                {
                    var upstream = c.Query(
                        "SELECT upstream_id FROM upstream_message_ids WHERE channel_id = $channel AND message_id = $id",
                        r => r.GetString(0), ("$channel", channelId), ("$id", messageId)).FirstOrDefault();
                    if (upstream is not null)
                    {
                        found[messageId] = upstream;
                    }
                }
                return found;
            });
        }
        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    public Task DeferAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "UPDATE messages SET due_at = $due, claimed_until = 0 WHERE id = $id AND due_at IS NOT NULL AND claimed_until = $lease",
            ("$id", job.Message.Id), ("$due", dueAt.Ms()), ("$lease", job.LeaseUntil.Ms())), cancellationToken);
}
