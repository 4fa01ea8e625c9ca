namespace Parley.Storage.Sql;

internal sealed class SqlUpstreamMessageIds(ISqlDatabase db) : IUpstreamMessageIds
{
    public Task RememberAsync(string channelId, string messageId, string upstreamId, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "INSERT INTO upstream_message_ids (channel_id, upstream_id, message_id) VALUES (@channel, @upstream, @id) ON CONFLICT DO NOTHING",
            [("channel", channelId), ("upstream", upstreamId), ("id", messageId)], cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> FindAsync(string channelId, IReadOnlyCollection<string> upstreamIds, CancellationToken cancellationToken) =>
        LookupAsync("upstream_id", "message_id", channelId, upstreamIds, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> FindUpstreamAsync(string channelId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
        LookupAsync("message_id", "upstream_id", channelId, messageIds, cancellationToken);

    /// <summary>The <paramref name="column"/> of the channel's rows by <paramref name="keyColumn"/>, in one statement (unknown keys are left out).</summary>
    private async Task<IReadOnlyDictionary<string, string>> LookupAsync(
        string keyColumn, string column, string channelId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        var (names, args) = SqlExtensions.InList(distinct);
        var rows = await db.QueryAsync(
            $"SELECT {keyColumn}, {column} FROM upstream_message_ids WHERE channel_id = @channel AND {keyColumn} IN ({names})",
            r => (Key: r.GetString(0), Value: r.GetString(1)), [("channel", channelId), .. args], cancellationToken);
        return rows.DistinctBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }
}
