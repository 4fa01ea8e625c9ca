using System.Data.Common;
using Parley.Core.QrCodes;

namespace Parley.Storage.Sql;

/// <summary>Message QR codes (table <c>wa_qr_codes</c>); a code is the table's key, so it is unique across numbers.</summary>
internal sealed class SqlQrCodeStore(ISqlDatabase db) : IQrCodeStore
{
    private const string Columns = "code, channel_id, prefilled_message, created_at, updated_at";

    public Task<bool> CreateAsync(QrCode code, int maxPerChannel, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            if (db.LockKey is { } lockKey)
            {
                await sql.ExecuteAsync(lockKey, [("key", "qr_codes:" + code.ChannelId)], cancellationToken);
            }
            var count = await sql.FirstOrDefaultAsync("SELECT COUNT(*) FROM wa_qr_codes WHERE channel_id = @channel",
                r => r.GetInt64(0), [("channel", code.ChannelId)], cancellationToken);
            if (count >= maxPerChannel)
            {
                return false;
            }
            return await sql.ChangesAsync(
                $"INSERT INTO wa_qr_codes ({Columns}) VALUES (@code, @channel, @message, @created, @updated) ON CONFLICT (code) DO NOTHING",
                [("code", code.Code), ("channel", code.ChannelId), ("message", code.PrefilledMessage), ("created", code.CreatedAt), ("updated", code.UpdatedAt)],
                cancellationToken);
        }, cancellationToken);

    public Task<QrCode?> FindAsync(string code, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_qr_codes WHERE code = @code", Map, [("code", code)], cancellationToken);

    public async Task<IReadOnlyList<QrCode>> ListAsync(string channelId, int limit, QrCodeCursor? after, QrCodeCursor? before, CancellationToken cancellationToken)
    {
        SqlArg[] args = [("channel", channelId), ("limit", limit), ("at", (after ?? before)?.CreatedAt), ("code", (after ?? before)?.Code)];
        if (before is not null)
        {
            var page = await db.QueryAsync(
                $"""
                SELECT {Columns} FROM wa_qr_codes WHERE channel_id = @channel
                    AND (created_at > @at OR (created_at = @at AND code > @code))
                ORDER BY created_at, code LIMIT @limit
                """, Map, args, cancellationToken);
            page.Reverse();
            return page;
        }
        return await db.QueryAsync(
            $"""
            SELECT {Columns} FROM wa_qr_codes WHERE channel_id = @channel
                AND (@code IS NULL OR created_at < @at OR (created_at = @at AND code < @code))
            ORDER BY created_at DESC, code DESC LIMIT @limit
            """, Map, args, cancellationToken);
    }

    public Task<QrCode?> UpdateAsync(string channelId, string code, string prefilledMessage, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async sql =>
        {
            var changed = await sql.ChangesAsync(
                "UPDATE wa_qr_codes SET prefilled_message = @message, updated_at = @now WHERE code = @code AND channel_id = @channel",
                [("message", prefilledMessage), ("now", now), ("code", code), ("channel", channelId)], cancellationToken);
            return changed
                ? await sql.FirstOrDefaultAsync($"SELECT {Columns} FROM wa_qr_codes WHERE code = @code", Map, [("code", code)], cancellationToken)
                : null;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string channelId, string code, CancellationToken cancellationToken) =>
        db.ChangesAsync("DELETE FROM wa_qr_codes WHERE code = @code AND channel_id = @channel", [("code", code), ("channel", channelId)], cancellationToken);

    private static QrCode Map(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.Time(3), r.Time(4));
}
