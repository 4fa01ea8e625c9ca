using Microsoft.Extensions.Logging;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// Schema migrations, applied in order in one transaction that holds an advisory lock, so nodes starting together take
/// turns and each version is applied once. Times are Unix milliseconds (<c>bigint</c>), as in the SQLite store.
/// Keys that are ordered or compared with <c>&lt;</c> use the "C" collation: byte order, as SQLite, whatever the
/// database's locale.
/// </summary>
internal static partial class PostgresSchema
{
    /// <summary>The advisory lock key for migrations: "Parley" in ASCII.</summary>
    public const long MigrationLock = 0x5061726C6579;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE accounts (
            id text COLLATE "C" PRIMARY KEY,
            name text NOT NULL,
            created_at bigint NOT NULL);
        CREATE TABLE channels (
            phone_number_id text COLLATE "C" PRIMARY KEY,
            account_id text COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            display_phone_number text NOT NULL,
            country_calling_code text NOT NULL,
            verified_name text NOT NULL,
            upstream text NOT NULL,
            upstream_settings text NOT NULL,
            app_secret text NOT NULL,
            messages_per_second integer NOT NULL,
            created_at bigint NOT NULL);
        CREATE INDEX channels_account ON channels(account_id);
        CREATE TABLE tokens (
            id text COLLATE "C" PRIMARY KEY,
            hash text NOT NULL UNIQUE,
            account_id text COLLATE "C" REFERENCES accounts(id) ON DELETE CASCADE,
            channel_id text COLLATE "C" REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            label text NOT NULL,
            created_at bigint NOT NULL,
            revoked_at bigint);
        CREATE INDEX tokens_account ON tokens(account_id);
        CREATE INDEX tokens_channel ON tokens(channel_id);
        CREATE TABLE webhook_subscriptions (
            id text COLLATE "C" PRIMARY KEY,
            channel_id text COLLATE "C" NOT NULL REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            url text NOT NULL,
            format text NOT NULL,
            secret text,
            events text NOT NULL,
            batch_size integer NOT NULL,
            created_at bigint NOT NULL);
        CREATE INDEX webhook_subscriptions_channel ON webhook_subscriptions(channel_id);
        CREATE TABLE messages (
            id text COLLATE "C" PRIMARY KEY,
            channel_id text COLLATE "C" NOT NULL,
            direction integer NOT NULL,
            peer text NOT NULL,
            recipient_type text NOT NULL,
            type text NOT NULL,
            payload text NOT NULL,
            status integer NOT NULL,
            biz_opaque text,
            error text,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL);
        CREATE INDEX messages_channel_created ON messages(channel_id, created_at DESC, id DESC);
        CREATE TABLE message_statuses (
            message_id text COLLATE "C" NOT NULL,
            status integer NOT NULL,
            at bigint NOT NULL,
            error text);
        CREATE INDEX message_statuses_message ON message_statuses(message_id);
        CREATE TABLE dispatch_jobs (
            message_id text COLLATE "C" PRIMARY KEY,
            channel_id text COLLATE "C" NOT NULL,
            due_at bigint NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            claimed_until bigint NOT NULL DEFAULT 0);
        CREATE INDEX dispatch_jobs_channel_due ON dispatch_jobs(channel_id, due_at);
        CREATE TABLE idempotency_keys (
            channel_id text COLLATE "C" NOT NULL,
            key text NOT NULL,
            message_id text COLLATE "C" NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (channel_id, key));
        CREATE TABLE conversation_windows (
            channel_id text COLLATE "C" NOT NULL,
            wa_id text NOT NULL,
            last_inbound_at bigint NOT NULL,
            PRIMARY KEY (channel_id, wa_id));
        CREATE TABLE webhook_outbox (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subscription_id text COLLATE "C" NOT NULL,
            channel_id text COLLATE "C" NOT NULL,
            kind text NOT NULL,
            payload text NOT NULL,
            created_at bigint NOT NULL,
            next_attempt_at bigint NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            claimed_until bigint NOT NULL DEFAULT 0,
            last_error text,
            dead_at bigint);
        CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_at, id) WHERE dead_at IS NULL;
        CREATE INDEX webhook_outbox_dead ON webhook_outbox(channel_id, id) WHERE dead_at IS NOT NULL;
        """,
        """
        -- One node dispatches a channel at a time, under a lease, so that pacing holds across nodes.
        CREATE TABLE channel_owners (
            channel_id text COLLATE "C" PRIMARY KEY,
            node_id text NOT NULL,
            until bigint NOT NULL);
        """,
        .. SharedMigrations.ProfilesToUpstreamIds(SchemaTypes.Postgres),
        """
        -- onemsg: every message of a channel, either direction, has a per-channel number (1msg's messageNumber).
        -- message_numbers holds each channel's last number; accepted messages are numbered lazily (see PostgresMessageHistoryStore).
        ALTER TABLE messages ADD COLUMN number bigint;
        CREATE TABLE message_numbers (
            channel_id text COLLATE "C" PRIMARY KEY,
            last bigint NOT NULL);
        UPDATE messages SET number = numbered.n
        FROM (SELECT id, row_number() OVER (PARTITION BY channel_id ORDER BY created_at, id) AS n FROM messages) AS numbered
        WHERE messages.id = numbered.id;
        INSERT INTO message_numbers (channel_id, last) SELECT channel_id, max(number) FROM messages GROUP BY channel_id;
        CREATE INDEX messages_channel_number ON messages(channel_id, number) WHERE number IS NOT NULL;
        CREATE INDEX messages_unnumbered ON messages(channel_id, created_at, id) WHERE number IS NULL;
        """,
        """
        -- a channel's upstream ids go with it (foreign key), and are found by Parley's id too (replies and reactions
        -- naming an outbound message are sent to Meta with its wamid).
        DELETE FROM upstream_message_ids WHERE channel_id NOT IN (SELECT phone_number_id FROM channels);
        ALTER TABLE upstream_message_ids ADD CONSTRAINT upstream_message_ids_channel
            FOREIGN KEY (channel_id) REFERENCES channels(phone_number_id) ON DELETE CASCADE;
        CREATE INDEX upstream_message_ids_message ON upstream_message_ids(channel_id, message_id);
        """,
        """
        -- onemsg3: the 1msg dialect's channel settings other than the webhook URLs (a JSON object per channel).
        CREATE TABLE onemsg_settings (
            channel_id text COLLATE "C" PRIMARY KEY,
            settings text NOT NULL,
            updated_at bigint NOT NULL);
        """,
        SharedMigrations.Uploads(SchemaTypes.Postgres),
        SubscriptionSql.NameEchoesMigration,
        SubscriptionSql.GraphVersionMigration,
        SharedMigrations.GraphOverrides(SchemaTypes.Postgres),
        SharedMigrations.Users(SchemaTypes.Postgres),
        SharedMigrations.Pricing(SchemaTypes.Postgres),
        SharedMigrations.OnBizApp(SchemaTypes.Postgres),
        SharedMigrations.InboundPeerIndex,
        SharedMigrations.Groups(SchemaTypes.Postgres),
        SubscriptionSql.OneMsgGroupEventsMigration,
        SharedMigrations.GroupReceipts(SchemaTypes.Postgres),
        SharedMigrations.Flows(SchemaTypes.Postgres),
        SharedMigrations.Blocklists(SchemaTypes.Postgres),
        SharedMigrations.QrCodes(SchemaTypes.Postgres),
        SharedMigrations.Commerce(SchemaTypes.Postgres),
        SharedMigrations.TemplateClicks(SchemaTypes.Postgres),
        """
        -- A job's claim (the lease it was claimed with) fences what its node records; claimed_until, which renewals
        -- extend while the job runs, says when others may take it.
        ALTER TABLE dispatch_jobs ADD COLUMN claim bigint NOT NULL DEFAULT 0;
        UPDATE dispatch_jobs SET claim = claimed_until WHERE claimed_until > 0;
        """,
    ];

    public static async Task MigrateAsync(PostgresDatabase database, ILogger logger, CancellationToken cancellationToken)
    {
        await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using (var command = new NpgsqlCommand(
                """
                SELECT pg_advisory_xact_lock(@lock);
                CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                """, connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<long>("lock", MigrationLock));
                await command.ExecuteNonQueryAsync(token);
            }
            int current;
            await using (var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction))
            {
                current = Convert.ToInt32(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
            }
            for (var version = current + 1; version <= Migrations.Length; version++)
            {
                await using (var migrate = new NpgsqlCommand(Migrations[version - 1], connection, transaction))
                {
                    await migrate.ExecuteNonQueryAsync(token);
                }
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@version)", connection, transaction);
                record.Parameters.Add(new NpgsqlParameter<int>("version", version));
                await record.ExecuteNonQueryAsync(token);
                Log.Migrated(logger, version);
            }
            // Unlike SQLite, claims are not released here: other nodes may be holding them right now.
        }, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Information, "PostgreSQL schema migrated to version {Version}")]
        public static partial void Migrated(ILogger logger, int version);
    }
}
