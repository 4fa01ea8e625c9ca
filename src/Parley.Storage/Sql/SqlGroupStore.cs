using System.Data.Common;
using Parley.Core.Groups;

namespace Parley.Storage.Sql;

internal sealed class SqlGroupStore(ISqlDatabase db) : IGroupStore
{
    private const string Columns =
        "id, channel_id, subject, description, join_approval_mode, invite_code, picture_media_id, state, suspended, created_at, updated_at";

    private const string RequestColumns = "id, group_id, wa_id, user_id, state, created_at, closed_at";

    /// <summary>A group event goes to the channel's subscriptions that want its kind (group events are never overridden).</summary>
    private static readonly string FanOut =
        $"""
        INSERT INTO webhook_outbox (subscription_id, channel_id, kind, payload, created_at, next_attempt_at)
        SELECT id, channel_id, @kind, @payload, @now, @now FROM webhook_subscriptions
        WHERE channel_id = @channel AND {SubscriptionSql.Wants("events", "@kind")}
        """;

    public Task<bool> CreateAsync(Group group, int maxPerChannel, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            if (db.LockKey is { } lockKey)
            {
                await sql.ExecuteAsync(lockKey, [("key", "groups:" + group.ChannelId)], cancellationToken);
            }
            var active = await CountActiveAsync(sql, group.ChannelId, cancellationToken);
            if (active >= maxPerChannel)
            {
                return false;
            }
            var inserted = await sql.ChangesAsync(
                $"""
                INSERT INTO wa_groups ({Columns})
                VALUES (@id, @channel, @subject, @description, @mode, @invite, @picture, @state, @suspended, @created, @updated)
                ON CONFLICT (id) DO NOTHING
                """, Args(group), cancellationToken);
            if (!inserted)
            {
                return false;
            }
            await FanOutAsync(sql, group.ChannelId, events, now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<Group?> GetAsync(string groupId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_groups WHERE id = @id", Map, [("id", groupId)], cancellationToken);

    public Task<Group?> FindByInviteCodeAsync(string inviteCode, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_groups WHERE invite_code = @code AND state = 'active'", Map, [("code", inviteCode)], cancellationToken);

    public async Task<IReadOnlyList<Group>> ListActiveAsync(string channelId, int limit, GroupCursor? after, GroupCursor? before, CancellationToken cancellationToken)
    {
        SqlArg[] args = [("channel", channelId), ("limit", limit), ("at", (after ?? before)?.CreatedAt), ("id", (after ?? before)?.Id)];
        if (before is not null)
        {
            var page = await db.QueryAsync(
                $"""
                SELECT {Columns} FROM wa_groups WHERE channel_id = @channel AND state = 'active'
                    AND (created_at < @at OR (created_at = @at AND id < @id))
                ORDER BY created_at DESC, id DESC LIMIT @limit
                """, Map, args, cancellationToken);
            page.Reverse();
            return page;
        }
        return await db.QueryAsync(
            $"""
            SELECT {Columns} FROM wa_groups WHERE channel_id = @channel AND state = 'active'
                AND (@id IS NULL OR created_at > @at OR (created_at = @at AND id > @id))
            ORDER BY created_at, id LIMIT @limit
            """, Map, args, cancellationToken);
    }

    public Task<int> CountActiveAsync(string channelId, CancellationToken cancellationToken) => CountActiveAsync(db, channelId, cancellationToken);

    public Task<bool> UpdateAsync(Group updated, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var deleting = updated.State == GroupStates.Deleted;
            var changed = await sql.ChangesAsync(
                """
                UPDATE wa_groups SET subject = @subject, description = @description, join_approval_mode = @mode,
                    invite_code = @invite, picture_media_id = @picture, state = @state, suspended = @suspended, updated_at = @updated
                WHERE id = @id AND state = 'active'
                """, Args(deleting ? updated with { InviteCode = null } : updated), cancellationToken);
            if (!changed)
            {
                return false;
            }
            if (deleting)
            {
                await sql.ExecuteAsync("DELETE FROM wa_group_participants WHERE group_id = @id", [("id", updated.Id)], cancellationToken);
                await sql.ExecuteAsync(
                    "UPDATE wa_group_join_requests SET state = 'rejected', closed_at = @now WHERE group_id = @id AND state = 'open'",
                    [("id", updated.Id), ("now", now)], cancellationToken);
            }
            await FanOutAsync(sql, updated.ChannelId, events, now, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<GroupParticipant>> ListParticipantsAsync(string groupId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            "SELECT group_id, wa_id, user_id, joined_at FROM wa_group_participants WHERE group_id = @id AND removed_at IS NULL ORDER BY joined_at, wa_id",
            r => new GroupParticipant(r.GetString(0), r.GetString(1), r.NullableString(2), r.Time(3)), [("id", groupId)], cancellationToken);

    public Task<ParticipantAdded> AddParticipantAsync(GroupParticipant participant, int max, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var group = await sql.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_groups WHERE id = @id AND state = 'active'{db.ForUpdate}",
                Map, [("id", participant.GroupId)], cancellationToken);
            if (group is null)
            {
                return ParticipantAdded.NoGroup;
            }
            var members = await sql.QueryAsync("SELECT wa_id, removed_at FROM wa_group_participants WHERE group_id = @id",
                r => (WaId: r.GetString(0), Removed: !r.IsDBNull(1)), [("id", participant.GroupId)], cancellationToken);
            if (members.FirstOrDefault(m => m.WaId == participant.WaId) is { WaId: not null } member)
            {
                return member.Removed ? ParticipantAdded.Removed : ParticipantAdded.AlreadyParticipant;
            }
            if (members.Count(m => !m.Removed) >= max)
            {
                return ParticipantAdded.GroupFull;
            }
            await sql.ExecuteAsync(
                "INSERT INTO wa_group_participants (group_id, wa_id, user_id, joined_at) VALUES (@group, @wa, @user, @at)",
                [("group", participant.GroupId), ("wa", participant.WaId), ("user", participant.UserId), ("at", participant.JoinedAt)], cancellationToken);
            await sql.ExecuteAsync(
                "UPDATE wa_group_join_requests SET state = 'approved', closed_at = @now WHERE group_id = @group AND wa_id = @wa AND state = 'open'",
                [("group", participant.GroupId), ("wa", participant.WaId), ("now", now)], cancellationToken);
            await FanOutAsync(sql, group.ChannelId, events, now, cancellationToken);
            return ParticipantAdded.Added;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> RemoveParticipantsAsync(string groupId, IReadOnlyList<string> waIds, Func<IReadOnlyList<string>, IReadOnlyList<GroupEvent>> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync<IReadOnlyList<string>>(async sql =>
        {
            var group = await sql.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_groups WHERE id = @id AND state = 'active'{db.ForUpdate}",
                Map, [("id", groupId)], cancellationToken);
            if (group is null || waIds.Count == 0)
            {
                return [];
            }
            var (names, args) = SqlExtensions.InList(waIds);
            var removed = await sql.QueryAsync(
                $"SELECT wa_id FROM wa_group_participants WHERE group_id = @group AND removed_at IS NULL AND wa_id IN ({names}) ORDER BY joined_at, wa_id",
                r => r.GetString(0), [("group", groupId), .. args], cancellationToken);
            if (removed.Count == 0)
            {
                return [];
            }
            await sql.ExecuteAsync($"UPDATE wa_group_participants SET removed_at = @now WHERE group_id = @group AND removed_at IS NULL AND wa_id IN ({names})",
                [("group", groupId), ("now", now), .. args], cancellationToken);
            await FanOutAsync(sql, group.ChannelId, events(removed), now, cancellationToken);
            return removed;
        }, cancellationToken);

    public Task<bool> LeaveAsync(string groupId, string waId, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var channel = await sql.FirstOrDefaultAsync("SELECT channel_id FROM wa_groups WHERE id = @id AND state = 'active'", r => r.GetString(0),
                [("id", groupId)], cancellationToken);
            var left = channel is not null && await sql.ChangesAsync(
                "DELETE FROM wa_group_participants WHERE group_id = @group AND wa_id = @wa AND removed_at IS NULL", [("group", groupId), ("wa", waId)], cancellationToken);
            if (left)
            {
                await FanOutAsync(sql, channel!, events, now, cancellationToken);
            }
            return left;
        }, cancellationToken);

    public Task<bool> CreateJoinRequestAsync(GroupJoinRequest request, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var group = await sql.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_groups WHERE id = @id AND state = 'active'{db.ForUpdate}",
                Map, [("id", request.GroupId)], cancellationToken);
            if (group is null)
            {
                return false;
            }
            SqlArg[] who = [("group", request.GroupId), ("wa", request.WaId)];
            var taken = await sql.QueryAsync(
                """
                SELECT 1 FROM wa_group_participants WHERE group_id = @group AND wa_id = @wa
                UNION ALL SELECT 1 FROM wa_group_join_requests WHERE group_id = @group AND wa_id = @wa AND state = 'open'
                """, r => r.GetInt32(0), who, cancellationToken);
            if (taken.Count > 0)
            {
                return false;
            }
            await sql.ExecuteAsync(
                $"INSERT INTO wa_group_join_requests ({RequestColumns}) VALUES (@id, @group, @wa, @user, @state, @created, @closed)",
                [("id", request.Id), .. who, ("user", request.UserId), ("state", request.State), ("created", request.CreatedAt), ("closed", request.ClosedAt)],
                cancellationToken);
            await FanOutAsync(sql, group.ChannelId, events, now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<GroupJoinRequest?> GetJoinRequestAsync(string groupId, string requestId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {RequestColumns} FROM wa_group_join_requests WHERE group_id = @group AND id = @id",
            MapRequest, [("group", groupId), ("id", requestId)], cancellationToken);

    public async Task<IReadOnlyList<GroupJoinRequest>> ListOpenJoinRequestsAsync(string groupId, CancellationToken cancellationToken) =>
        await db.QueryAsync($"SELECT {RequestColumns} FROM wa_group_join_requests WHERE group_id = @group AND state = 'open' ORDER BY created_at, id",
            MapRequest, [("group", groupId)], cancellationToken);

    public Task<bool> CloseJoinRequestAsync(string groupId, string requestId, string state, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var closed = await sql.ChangesAsync(
                "UPDATE wa_group_join_requests SET state = @state, closed_at = @now WHERE group_id = @group AND id = @id AND state = 'open'",
                [("group", groupId), ("id", requestId), ("state", state), ("now", now)], cancellationToken);
            if (closed)
            {
                var channel = await sql.FirstOrDefaultAsync("SELECT channel_id FROM wa_groups WHERE id = @id", r => r.GetString(0), [("id", groupId)], cancellationToken);
                await FanOutAsync(sql, channel!, events, now, cancellationToken);
            }
            return closed;
        }, cancellationToken);

    private static async Task<int> CountActiveAsync(ISql sql, string channelId, CancellationToken cancellationToken) =>
        (await sql.QueryAsync("SELECT COUNT(*) FROM wa_groups WHERE channel_id = @channel AND state = 'active'", r => (int)r.GetInt64(0),
            [("channel", channelId)], cancellationToken))[0];

    private static async Task FanOutAsync(ISql sql, string channelId, IReadOnlyList<GroupEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await sql.ExecuteAsync(FanOut, [("kind", e.Kind), ("payload", e.Payload), ("now", now), ("channel", channelId)], cancellationToken);
        }
    }

    private static SqlArg[] Args(Group g) =>
    [
        ("id", g.Id), ("channel", g.ChannelId), ("subject", g.Subject), ("description", g.Description), ("mode", g.JoinApprovalMode),
        ("invite", g.InviteCode), ("picture", g.PictureMediaId), ("state", g.State), ("suspended", g.Suspended),
        ("created", g.CreatedAt), ("updated", g.UpdatedAt),
    ];

    private static Group Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5), r.NullableString(6),
        r.GetString(7), r.GetBoolean(8), r.Time(9), r.Time(10));

    private static GroupJoinRequest MapRequest(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3), r.GetString(4), r.Time(5), r.NullableTime(6));
}
