namespace Parley.Storage.Postgres;

internal sealed class PostgresUpstreamStore(PostgresDatabase database) : IUpstreamMessageIds, IDispatchDeferral
{
    public Task RememberAsync(string channelId, string messageId, string upstreamId, CancellationToken cancellationToken) =>
        database.Command(
            "INSERT INTO upstream_message_ids (channel_id, upstream_id, message_id) VALUES (@channel, @upstream, @id) ON CONFLICT DO NOTHING")
            .With("channel", channelId).With("upstream", upstreamId).With("id", messageId)
            .ExecuteAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> FindAsync(string channelId, IReadOnlyCollection<string> upstreamIds, CancellationToken cancellationToken)
    {
        if (upstreamIds.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        var rows = await database.Command(
            "SELECT upstream_id, message_id FROM upstream_message_ids WHERE channel_id = @channel AND upstream_id = ANY(@upstream)")
            .With("channel", channelId).With("upstream", upstreamIds.Distinct(StringComparer.Ordinal).ToArray())
            .ListAsync(r => (Upstream: r.GetString(0), Id: r.GetString(1)), cancellationToken);
        return rows.ToDictionary(r => r.Upstream, r => r.Id, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, string>> FindUpstreamAsync(string channelId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        var rows = await database.Command(
            "SELECT message_id, upstream_id FROM upstream_message_ids WHERE channel_id = @channel AND message_id = ANY(@ids)")
            .With("channel", channelId).With("ids", messageIds.Distinct(StringComparer.Ordinal).ToArray())
            .ListAsync(r => (Id: r.GetString(0), Upstream: r.GetString(1)), cancellationToken);
        return rows.DistinctBy(r => r.Id, StringComparer.Ordinal).ToDictionary(r => r.Id, r => r.Upstream, StringComparer.Ordinal);
    }

    public Task DeferAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.Command("UPDATE dispatch_jobs SET due_at = @due, claimed_until = 0 WHERE message_id = @id AND claimed_until = @lease")
            .With("id", job.Message.Id).With("due", dueAt.Ms()).With("lease", job.LeaseUntil.Ms())
            .ExecuteAsync(cancellationToken);
}
