using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>Schema migrations, applied in order before traffic is served. Times are Unix milliseconds.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE channels (
            phone_number_id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            display_phone_number TEXT NOT NULL,
            country_calling_code TEXT NOT NULL,
            verified_name TEXT NOT NULL,
            upstream TEXT NOT NULL,
            upstream_settings TEXT NOT NULL,
            app_secret TEXT NOT NULL,
            messages_per_second INTEGER NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE INDEX channels_account ON channels(account_id);
        CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
            channel_id TEXT REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER);
        CREATE TABLE webhook_subscriptions (
            id TEXT PRIMARY KEY,
            channel_id TEXT NOT NULL REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            format TEXT NOT NULL,
            secret TEXT,
            events TEXT NOT NULL,
            batch_size INTEGER NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE INDEX webhook_subscriptions_channel ON webhook_subscriptions(channel_id);
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            channel_id TEXT NOT NULL,
            direction INTEGER NOT NULL,
            peer TEXT NOT NULL,
            recipient_type TEXT NOT NULL,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            status INTEGER NOT NULL,
            biz_opaque TEXT,
            error TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            due_at INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_until INTEGER NOT NULL DEFAULT 0)
            WITHOUT ROWID; -- ids are time-ordered: the table is the id index, appended to
        CREATE INDEX messages_channel_created ON messages(channel_id, created_at DESC, id DESC);
        -- The dispatch queue: an outbound message waiting for its upstream has a due time.
        CREATE INDEX messages_dispatch ON messages(channel_id, due_at) WHERE due_at IS NOT NULL;
        CREATE TABLE message_statuses (
            message_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            at INTEGER NOT NULL,
            error TEXT);
        CREATE INDEX message_statuses_message ON message_statuses(message_id);
        CREATE TABLE idempotency_keys (
            channel_id TEXT NOT NULL,
            key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (channel_id, key));
        CREATE TABLE conversation_windows (
            channel_id TEXT NOT NULL,
            wa_id TEXT NOT NULL,
            last_inbound_at INTEGER NOT NULL,
            PRIMARY KEY (channel_id, wa_id));
        CREATE TABLE webhook_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            subscription_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_until INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            dead_at INTEGER);
        CREATE INDEX webhook_outbox_due ON webhook_outbox(dead_at, next_attempt_at);
        """,
        .. SharedMigrations.ProfilesToUpstreamIds(SchemaTypes.Sqlite),
        """
        -- onemsg: every message of a channel, either direction, has a per-channel number (1msg's messageNumber).
        ALTER TABLE messages ADD COLUMN number INTEGER;
        UPDATE messages SET number = numbered.n
        FROM (SELECT id, row_number() OVER (PARTITION BY channel_id ORDER BY created_at, id) AS n FROM messages) AS numbered
        WHERE messages.id = numbered.id;
        CREATE INDEX messages_channel_number ON messages(channel_id, number);
        """,
        """
        -- a channel's upstream ids go with it (foreign key), and are found by Parley's id too (replies and reactions
        -- naming an outbound message are sent to Meta with its wamid).
        CREATE TABLE upstream_message_ids_v2 (
            channel_id TEXT NOT NULL REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            upstream_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            PRIMARY KEY (channel_id, upstream_id)) WITHOUT ROWID;
        INSERT INTO upstream_message_ids_v2 (channel_id, upstream_id, message_id)
            SELECT channel_id, upstream_id, message_id FROM upstream_message_ids
            WHERE channel_id IN (SELECT phone_number_id FROM channels);
        DROP TABLE upstream_message_ids;
        ALTER TABLE upstream_message_ids_v2 RENAME TO upstream_message_ids;
        CREATE INDEX upstream_message_ids_message ON upstream_message_ids(channel_id, message_id);
        """,
        """
        -- onemsg3: the 1msg dialect's channel settings other than the webhook URLs (a JSON object per channel).
        CREATE TABLE onemsg_settings (
            channel_id TEXT PRIMARY KEY,
            settings TEXT NOT NULL,
            updated_at INTEGER NOT NULL) WITHOUT ROWID;
        """,
        SharedMigrations.Uploads(SchemaTypes.Sqlite),
        SubscriptionSql.NameEchoesMigration,
        SubscriptionSql.GraphVersionMigration,
        SharedMigrations.GraphOverrides(SchemaTypes.Sqlite),
        SharedMigrations.Users(SchemaTypes.Sqlite),
        SharedMigrations.Pricing(SchemaTypes.Sqlite),
        SharedMigrations.OnBizApp(SchemaTypes.Sqlite),
        SharedMigrations.InboundPeerIndex,
        SharedMigrations.Groups(SchemaTypes.Sqlite),
        SubscriptionSql.OneMsgGroupEventsMigration,
        SharedMigrations.GroupReceipts(SchemaTypes.Sqlite),
        SharedMigrations.Flows(SchemaTypes.Sqlite),
        SharedMigrations.Blocklists(SchemaTypes.Sqlite),
        SharedMigrations.QrCodes(SchemaTypes.Sqlite),
        SharedMigrations.Commerce(SchemaTypes.Sqlite),
        SharedMigrations.TemplateClicks(SchemaTypes.Sqlite),
        """
        -- A job's claim (the lease it was claimed with) fences what is recorded for it; claimed_until, which renewals
        -- extend while the job runs, says when it may be taken again.
        ALTER TABLE messages ADD COLUMN claim INTEGER NOT NULL DEFAULT 0;
        """,
    ];

    public static void Migrate(SqliteConnection connection)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        var current = Convert.ToInt32(connection.Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction), System.Globalization.CultureInfo.InvariantCulture);
        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version - 1] + $"; INSERT INTO schema_version (version) VALUES ({version});";
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>One node owns an SQLite database: claims left by a previous run of this process are void.</summary>
    public static void ReleaseClaimsOfEarlierRuns(SqliteConnection connection) =>
        connection.Execute(
            "UPDATE messages SET claimed_until = 0, claim = 0 WHERE due_at IS NOT NULL AND claimed_until > 0; UPDATE webhook_outbox SET claimed_until = 0 WHERE claimed_until > 0;");
}
