namespace Parley.Storage;

/// <summary>The column types of a store's schema, for the migrations that differ between the stores in nothing else.</summary>
/// <param name="Key">A key compared or ordered with <c>&lt;</c>: byte order on both stores.</param>
/// <param name="Rowless">What makes a table its primary key's index (SQLite's <c>WITHOUT ROWID</c>).</param>
/// <param name="Uuid">An expression that makes a random UUID (version 4) as text.</param>
internal sealed record SchemaTypes(string Key, string Text, string Time, string Int, string Bool, string Rowless, string Uuid)
{
    public static readonly SchemaTypes Sqlite = new("TEXT", "TEXT", "INTEGER", "INTEGER", "INTEGER", " WITHOUT ROWID",
        "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))");

    public static readonly SchemaTypes Postgres = new("text COLLATE \"C\"", "text", "bigint", "integer", "boolean", "", "gen_random_uuid()::text");
}

/// <summary>
/// Migrations written once for both stores, typed per store (<see cref="SchemaTypes"/>). Each renders exactly the text
/// each store applied when it was written separately, so databases migrated then and now are the same.
/// </summary>
internal static class SharedMigrations
{
    /// <summary>The migrations that follow one another in both stores' lists, in order.</summary>
    public static string[] ProfilesToUpstreamIds(SchemaTypes t) => [Profiles(t), Media(t), BirdIds(t), Templates(t), UpstreamIds(t)];

    public static string Profiles(SchemaTypes t) =>
        $$"""
        -- phone numbers and business profile
        CREATE TABLE channel_profiles (
            channel_id {{t.Key}} PRIMARY KEY REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            about {{t.Text}} NOT NULL,
            address {{t.Text}} NOT NULL,
            description {{t.Text}} NOT NULL,
            email {{t.Text}} NOT NULL,
            vertical {{t.Text}} NOT NULL,
            websites {{t.Text}} NOT NULL,
            profile_picture_handle {{t.Text}} NOT NULL,
            registered {{t.Bool}} NOT NULL,
            pin_hash {{t.Text}},
            quality_rating {{t.Text}} NOT NULL,
            throughput_level {{t.Text}},
            messaging_limit_tier {{t.Text}} NOT NULL,
            name_status {{t.Text}} NOT NULL,
            code_verification_status {{t.Text}} NOT NULL,
            account_mode {{t.Text}} NOT NULL,
            status {{t.Text}} NOT NULL,
            updated_at {{t.Time}} NOT NULL);
        """;

    public static string Media(SchemaTypes t) =>
        $$"""
        -- media
        CREATE TABLE media (
            id {{t.Key}} PRIMARY KEY,
            channel_id {{t.Key}} NOT NULL,
            kind {{t.Text}} NOT NULL,
            mime_type {{t.Text}} NOT NULL,
            sha256 {{t.Text}} NOT NULL,
            file_size {{t.Time}} NOT NULL,
            file_name {{t.Text}},
            origin {{t.Text}} NOT NULL,
            blob_key {{t.Text}} NOT NULL,
            source_url {{t.Text}},
            etag {{t.Text}},
            last_modified {{t.Text}},
            cache_until {{t.Time}},
            created_at {{t.Time}} NOT NULL,
            expires_at {{t.Time}} NOT NULL,
            deleted_at {{t.Time}});
        CREATE INDEX media_links ON media(channel_id, source_url, created_at) WHERE source_url IS NOT NULL AND deleted_at IS NULL;
        CREATE INDEX media_expiry ON media(expires_at) WHERE deleted_at IS NULL;
        """;

    public static string Templates(SchemaTypes t) =>
        $$"""
        -- templates
        CREATE TABLE templates (
            id {{t.Key}} PRIMARY KEY,
            account_id {{t.Key}} NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name {{t.Key}} NOT NULL,
            language {{t.Key}} NOT NULL,
            category {{t.Text}} NOT NULL,
            sub_category {{t.Text}},
            parameter_format {{t.Text}} NOT NULL,
            status {{t.Text}} NOT NULL,
            rejected_reason {{t.Text}} NOT NULL,
            components {{t.Text}} NOT NULL,
            created_at {{t.Time}} NOT NULL,
            updated_at {{t.Time}} NOT NULL,
            edit_count {{t.Int}} NOT NULL DEFAULT 0,
            edit_window_start {{t.Time}},
            last_edited_at {{t.Time}},
            review_due_at {{t.Time}},
            UNIQUE (account_id, name, language));
        CREATE INDEX templates_account ON templates(account_id, id);
        CREATE INDEX templates_review_due ON templates(review_due_at) WHERE review_due_at IS NOT NULL;
        """;

    public static string Uploads(SchemaTypes t) =>
        $$"""
        -- Resumable Upload API sessions; a completed session's handle names its file (blob upload-{id}).
        CREATE TABLE upload_sessions (
            id {{t.Key}} PRIMARY KEY,
            account_id {{t.Key}} NOT NULL,
            app_id {{t.Text}} NOT NULL,
            file_name {{t.Text}} NOT NULL,
            file_type {{t.Text}} NOT NULL,
            file_length {{t.Time}} NOT NULL,
            file_offset {{t.Time}} NOT NULL,
            chunks {{t.Text}} NOT NULL,
            handle {{t.Key}} UNIQUE,
            sha256 {{t.Text}},
            created_at {{t.Time}} NOT NULL,
            completed_at {{t.Time}}){{t.Rowless}};
        -- names of deleted APPROVED templates, held for 30 days (digest §5.1).
        CREATE TABLE deleted_template_names (
            account_id {{t.Key}} NOT NULL,
            name {{t.Key}} NOT NULL,
            deleted_at {{t.Time}} NOT NULL,
            PRIMARY KEY (account_id, name)){{t.Rowless}};
        """;

    public static string BirdIds(SchemaTypes t) =>
        $$"""
        -- channels dialect: UUIDs of workspaces (accounts) and channels, Channels message ids over canonical messages
        CREATE TABLE channels_workspaces (
            account_id {{t.Key}} PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            workspace_id {{t.Key}} NOT NULL UNIQUE);
        CREATE TABLE channels_channel_ids (
            phone_number_id {{t.Key}} PRIMARY KEY REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            channel_id {{t.Key}} NOT NULL UNIQUE);
        INSERT INTO channels_workspaces (account_id, workspace_id) SELECT id, {{t.Uuid}} FROM accounts;
        INSERT INTO channels_channel_ids (phone_number_id, channel_id) SELECT phone_number_id, {{t.Uuid}} FROM channels;
        CREATE TABLE channels_messages (
            id {{t.Key}} PRIMARY KEY,
            channel_id {{t.Key}} NOT NULL,
            request {{t.Text}} NOT NULL,
            reference {{t.Text}},
            created_at {{t.Time}} NOT NULL);
        CREATE TABLE channels_message_parts (
            wamid {{t.Key}} PRIMARY KEY,
            id {{t.Key}} NOT NULL,
            channel_id {{t.Key}} NOT NULL,
            part {{t.Int}} NOT NULL,
            parts {{t.Int}} NOT NULL);
        CREATE INDEX channels_message_parts_id ON channels_message_parts(id);
        """;

    public static string UpstreamIds(SchemaTypes t) =>
        $$"""
        -- meta upstream: the wamid Meta gave each message sent through it, to find the message when its statuses arrive.
        CREATE TABLE upstream_message_ids (
            channel_id {{t.Key}} NOT NULL,
            upstream_id {{t.Key}} NOT NULL,
            message_id {{t.Key}} NOT NULL,
            PRIMARY KEY (channel_id, upstream_id)){{t.Rowless}};
        """;

    /// <summary>
    /// Graph's webhook overrides and settings: a subscription's override level (0 the app's callback, 1 a WABA's
    /// <c>override_callback_uri</c>, 2 a phone number's; <see cref="SubscriptionSql.NotOverridden"/>), and the settings
    /// set through Graph on a business account or a phone number (<see cref="IGraphSettingsStore"/>).
    /// </summary>
    public static string GraphOverrides(SchemaTypes t) =>
        $$"""
        ALTER TABLE webhook_subscriptions ADD COLUMN override_level {{t.Int}} NOT NULL DEFAULT 0;
        CREATE TABLE graph_settings (
            owner_id {{t.Key}} NOT NULL,
            scope {{t.Key}} NOT NULL,
            settings {{t.Text}} NOT NULL,
            updated_at {{t.Time}} NOT NULL,
            PRIMARY KEY (owner_id, scope)){{t.Rowless}};
        """;

    /// <summary>
    /// The WhatsApp users of a channel (<see cref="IUserStore"/>): phone number, BSUID, parent BSUID, username, profile
    /// name; and every identity ever seen of each (aliases) mapped to the user's conversation key, which
    /// <c>conversation_windows.wa_id</c> holds from now on. It may run again (a test re-runs the migrations before it).
    /// </summary>
    public static string Users(SchemaTypes t) =>
        $$"""
        -- users: business-scoped user ids (BSUIDs), usernames, and the identities of one conversation
        CREATE TABLE IF NOT EXISTS wa_users (
            channel_id {{t.Key}} NOT NULL,
            user_key {{t.Key}} NOT NULL,
            wa_id {{t.Text}},
            user_id {{t.Text}},
            parent_user_id {{t.Text}},
            username {{t.Text}},
            profile_name {{t.Text}} NOT NULL,
            updated_at {{t.Time}} NOT NULL,
            PRIMARY KEY (channel_id, user_key)){{t.Rowless}};
        CREATE TABLE IF NOT EXISTS wa_user_aliases (
            channel_id {{t.Key}} NOT NULL,
            alias {{t.Key}} NOT NULL,
            user_key {{t.Key}} NOT NULL,
            PRIMARY KEY (channel_id, alias)){{t.Rowless}};
        CREATE INDEX IF NOT EXISTS wa_user_aliases_user ON wa_user_aliases(channel_id, user_key);
        """;

    /// <summary>Per-message pricing: what each outbound message was priced at (<see cref="IPricingStore"/>).</summary>
    public static string Pricing(SchemaTypes t) =>
        $$"""
        -- pricing: what each outbound message was priced at when a status reported it (per-message pricing), in millionths
        -- of the currency; statistics add these up.
        CREATE TABLE message_pricing (
            message_id {{t.Key}} PRIMARY KEY,
            channel_id {{t.Key}} NOT NULL,
            category {{t.Text}} NOT NULL,
            type {{t.Text}} NOT NULL,
            billable {{t.Bool}} NOT NULL,
            country {{t.Text}} NOT NULL,
            price_micros {{t.Time}} NOT NULL,
            currency {{t.Text}} NOT NULL,
            priced_at {{t.Time}} NOT NULL){{t.Rowless}};
        CREATE INDEX message_pricing_channel ON message_pricing(channel_id, priced_at);
        """;

    /// <summary>Records a status's pricing once per message (the first status that carries it); <c>@name</c> parameters.</summary>
    public const string RecordPricing =
        """
        INSERT INTO message_pricing (message_id, channel_id, category, type, billable, country, price_micros, currency, priced_at)
        VALUES (@id, @channel, @category, @type, @billable, @country, @price, @currency, @at)
        ON CONFLICT (message_id) DO NOTHING
        """;

    /// <summary>
    /// Coexistence: whether a number is also in use with the WhatsApp Business app (Meta's <c>is_on_biz_app</c>), which
    /// fixes its throughput at 20 messages per second. Numbers stored before are not.
    /// </summary>
    public static string OnBizApp(SchemaTypes t) =>
        $"ALTER TABLE channel_profiles ADD COLUMN is_on_biz_app {t.Bool} NOT NULL DEFAULT FALSE;";

    /// <summary>
    /// Inbound messages by user: a partial index (outbound messages, the accept path's rows, are not in it) for the
    /// lookups of one user's recent inbound messages, such as the free entry point a send is priced by.
    /// </summary>
    public const string InboundPeerIndex =
        "CREATE INDEX IF NOT EXISTS messages_inbound_peer ON messages(channel_id, peer, created_at) WHERE direction = 1";

    /// <summary>Groups made through the Groups API, their participants and join requests (<see cref="IGroupStore"/>).</summary>
    public static string Groups(SchemaTypes t) =>
        $$"""
        -- groups: a business phone number's WhatsApp groups, who is in them (and who the business removed: they cannot
        -- join again through the link) and who asked to join.
        CREATE TABLE wa_groups (
            id {{t.Key}} PRIMARY KEY,
            channel_id {{t.Key}} NOT NULL REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            subject {{t.Text}} NOT NULL,
            description {{t.Text}} NOT NULL,
            join_approval_mode {{t.Text}} NOT NULL,
            invite_code {{t.Text}},
            picture_media_id {{t.Text}},
            state {{t.Text}} NOT NULL,
            suspended {{t.Bool}} NOT NULL,
            created_at {{t.Time}} NOT NULL,
            updated_at {{t.Time}} NOT NULL){{t.Rowless}};
        CREATE INDEX wa_groups_channel ON wa_groups(channel_id, state, created_at, id);
        CREATE UNIQUE INDEX wa_groups_invite ON wa_groups(invite_code);
        CREATE TABLE wa_group_participants (
            group_id {{t.Key}} NOT NULL REFERENCES wa_groups(id) ON DELETE CASCADE,
            wa_id {{t.Key}} NOT NULL,
            user_id {{t.Text}},
            joined_at {{t.Time}} NOT NULL,
            removed_at {{t.Time}},
            PRIMARY KEY (group_id, wa_id)){{t.Rowless}};
        CREATE TABLE wa_group_join_requests (
            id {{t.Key}} PRIMARY KEY,
            group_id {{t.Key}} NOT NULL REFERENCES wa_groups(id) ON DELETE CASCADE,
            wa_id {{t.Key}} NOT NULL,
            user_id {{t.Text}},
            state {{t.Text}} NOT NULL,
            created_at {{t.Time}} NOT NULL,
            closed_at {{t.Time}}){{t.Rowless}};
        CREATE INDEX wa_group_join_requests_group ON wa_group_join_requests(group_id, state, created_at);
        """;

    /// <summary>
    /// How far each message sent to a group got with each participant (<see cref="IGroupReceiptStore"/>): a status with
    /// a participant reaches the webhook when it advances that participant's receipt.
    /// </summary>
    public static string GroupReceipts(SchemaTypes t) =>
        $$"""
        -- group receipts: each participant's delivered and read of a message sent to a group (the message's own status
        -- advances on the first participant's).
        CREATE TABLE wa_group_receipts (
            message_id {{t.Key}} NOT NULL,
            participant {{t.Key}} NOT NULL,
            status {{t.Int}} NOT NULL,
            at {{t.Time}} NOT NULL,
            PRIMARY KEY (message_id, participant)){{t.Rowless}};
        CREATE INDEX wa_group_receipts_participant ON wa_group_receipts(participant, message_id);
        """;

    /// <summary>WhatsApp Flows of business accounts and the phone numbers' business encryption keys (<see cref="IFlowStore"/>).</summary>
    public static string Flows(SchemaTypes t) =>
        $$"""
        -- flows: a business account's WhatsApp Flows (name unique within the account), with the current Flow JSON and
        -- what validating it found; business keys: each phone number's public key for flow endpoints.
        CREATE TABLE wa_flows (
            id {{t.Key}} PRIMARY KEY,
            account_id {{t.Key}} NOT NULL,
            name {{t.Key}} NOT NULL,
            categories {{t.Text}} NOT NULL,
            status {{t.Text}} NOT NULL,
            flow_json {{t.Text}},
            validation_errors {{t.Text}} NOT NULL,
            json_version {{t.Text}},
            data_api_version {{t.Text}},
            endpoint_uri {{t.Text}},
            preview_token {{t.Text}},
            preview_expires_at {{t.Time}},
            created_at {{t.Time}} NOT NULL,
            updated_at {{t.Time}} NOT NULL,
            UNIQUE (account_id, name)){{t.Rowless}};
        CREATE INDEX wa_flows_account ON wa_flows(account_id, created_at, id);
        CREATE TABLE wa_business_keys (
            channel_id {{t.Key}} PRIMARY KEY REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            public_key {{t.Text}} NOT NULL,
            updated_at {{t.Time}} NOT NULL){{t.Rowless}};
        """;

    /// <summary>Each business number's blocklist (<see cref="IBlockStore"/>): the blocked users and the list's version for page cursors.</summary>
    public static string Blocklists(SchemaTypes t) =>
        $$"""
        -- blocklists: the users each business number blocked (listed by phone number, or BSUID when that is all the
        -- channel knows; user_id is the BSUID when known), and a version per number that every change bumps.
        CREATE TABLE wa_blocked_users (
            channel_id {{t.Key}} NOT NULL,
            wa_id {{t.Key}} NOT NULL,
            user_id {{t.Text}},
            blocked_at {{t.Time}} NOT NULL,
            PRIMARY KEY (channel_id, wa_id)){{t.Rowless}};
        CREATE INDEX wa_blocked_users_user ON wa_blocked_users(channel_id, user_id);
        CREATE INDEX wa_blocked_users_time ON wa_blocked_users(channel_id, blocked_at);
        CREATE TABLE wa_blocklists (
            channel_id {{t.Key}} PRIMARY KEY,
            version {{t.Time}} NOT NULL){{t.Rowless}};
        """;

    /// <summary>Message QR codes of business phone numbers (<see cref="IQrCodeStore"/>).</summary>
    public static string QrCodes(SchemaTypes t) =>
        $$"""
        -- message QR codes: a phone number's codes (Meta's message_qrdls), each with its pre-filled message; the code is
        -- unique across numbers (the deep link and the image name the code alone).
        CREATE TABLE wa_qr_codes (
            code {{t.Key}} PRIMARY KEY,
            channel_id {{t.Key}} NOT NULL REFERENCES channels(phone_number_id) ON DELETE CASCADE,
            prefilled_message {{t.Text}} NOT NULL,
            created_at {{t.Time}} NOT NULL,
            updated_at {{t.Time}} NOT NULL){{t.Rowless}};
        CREATE INDEX wa_qr_codes_channel ON wa_qr_codes(channel_id, created_at, code);
        """;

    /// <summary>
    /// Commerce (issue 15 part 3, <see cref="ICatalogStore"/>): product catalogs with their owner account, their
    /// products (price as invariant decimal text), and the one catalog connected to each business account.
    /// </summary>
    public static string Commerce(SchemaTypes t) =>
        $$"""
        CREATE TABLE commerce_catalogs (
            id {{t.Key}} PRIMARY KEY,
            owner_account_id {{t.Key}} NOT NULL,
            name {{t.Text}} NOT NULL,
            updated_at {{t.Time}} NOT NULL){{t.Rowless}};
        CREATE TABLE commerce_products (
            catalog_id {{t.Key}} NOT NULL,
            retailer_id {{t.Key}} NOT NULL,
            name {{t.Text}} NOT NULL,
            price {{t.Text}} NOT NULL,
            currency {{t.Text}} NOT NULL,
            PRIMARY KEY (catalog_id, retailer_id)){{t.Rowless}};
        CREATE TABLE commerce_catalog_links (
            account_id {{t.Key}} PRIMARY KEY,
            catalog_id {{t.Key}} NOT NULL,
            connected_at {{t.Time}} NOT NULL){{t.Rowless}};
        """;

    /// <summary>
    /// Template analytics (issue 15): the URL button taps a simulated user made on a template message by following its
    /// tracked link, one row per message and button (<see cref="ITemplateAnalyticsStore"/>).
    /// </summary>
    public static string TemplateClicks(SchemaTypes t) =>
        $$"""
        CREATE TABLE template_clicks (
            message_id {{t.Key}} NOT NULL,
            button_index {{t.Int}} NOT NULL,
            channel_id {{t.Key}} NOT NULL,
            clicked_at {{t.Time}} NOT NULL,
            PRIMARY KEY (message_id, button_index)){{t.Rowless}};
        """;
}
