using Npgsql;
using Parley.Core.Model;

namespace Parley.Storage.Postgres;

internal sealed class PostgresAccountStore(PostgresDatabase database) : IAccountStore
{
    private const string ChannelColumns =
        "phone_number_id, account_id, display_phone_number, country_calling_code, verified_name, upstream, upstream_settings, app_secret, messages_per_second, created_at";
    private const string TokenColumns = "id, hash, account_id, channel_id, label, created_at, revoked_at";
    private const string SubscriptionColumns = "id, channel_id, url, format, secret, events, batch_size, created_at";

    public Task CreateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) =>
        database.Command("INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @at)")
            .With("id", account.Id).With("name", account.Name).With("at", account.CreatedAt.Ms())
            .ExecuteAsync(cancellationToken);

    public Task<BusinessAccount?> GetAccountAsync(string id, CancellationToken cancellationToken) =>
        database.Command("SELECT id, name, created_at FROM accounts WHERE id = @id").With("id", id)
            .FirstOrDefaultAsync(MapAccount, cancellationToken);

    public async Task<IReadOnlyList<BusinessAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        await database.Command("SELECT id, name, created_at FROM accounts ORDER BY created_at, id").ListAsync(MapAccount, cancellationToken);

    public async Task<bool> UpdateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) =>
        await database.Command("UPDATE accounts SET name = @name WHERE id = @id")
            .With("id", account.Id).With("name", account.Name).ExecuteAsync(cancellationToken) > 0;

    /// <summary>Channels, tokens and subscriptions go with the account through <c>ON DELETE CASCADE</c>.</summary>
    public async Task<bool> DeleteAccountAsync(string id, CancellationToken cancellationToken) =>
        await database.Command("DELETE FROM accounts WHERE id = @id").With("id", id).ExecuteAsync(cancellationToken) > 0;

    public Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        WithChannel(database.Command(
            $"""
            INSERT INTO channels ({ChannelColumns})
            VALUES (@id, @account, @display, @cc, @name, @upstream, @settings, @secret, @mps, @at)
            """), channel).With("at", channel.CreatedAt.Ms()).ExecuteAsync(cancellationToken);

    public Task<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        database.Command($"SELECT {ChannelColumns} FROM channels WHERE phone_number_id = @id").With("id", phoneNumberId)
            .FirstOrDefaultAsync(MapChannel, cancellationToken);

    public async Task<IReadOnlyList<Channel>> ListChannelsAsync(string? accountId, CancellationToken cancellationToken) =>
        await database.Command(
                $"SELECT {ChannelColumns} FROM channels WHERE @account IS NULL OR account_id = @account ORDER BY created_at, phone_number_id")
            .With("account", accountId).ListAsync(MapChannel, cancellationToken);

    public async Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        await WithChannel(database.Command(
            """
            UPDATE channels SET display_phone_number = @display, country_calling_code = @cc, verified_name = @name,
                upstream = @upstream, upstream_settings = @settings, app_secret = @secret, messages_per_second = @mps
            WHERE phone_number_id = @id AND account_id = @account
            """), channel).ExecuteAsync(cancellationToken) > 0;

    public async Task<bool> DeleteChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        await database.Command("DELETE FROM channels WHERE phone_number_id = @id").With("id", phoneNumberId).ExecuteAsync(cancellationToken) > 0;

    public Task CreateTokenAsync(TokenRecord token, CancellationToken cancellationToken) =>
        database.Command($"INSERT INTO tokens ({TokenColumns}) VALUES (@id, @hash, @account, @channel, @label, @at, NULL)")
            .With("id", token.Id).With("hash", token.Hash).With("account", token.AccountId).With("channel", token.ChannelId)
            .With("label", token.Label).With("at", token.CreatedAt.Ms())
            .ExecuteAsync(cancellationToken);

    public Task<TokenRecord?> FindTokenByHashAsync(string hash, CancellationToken cancellationToken) =>
        database.Command($"SELECT {TokenColumns} FROM tokens WHERE hash = @hash").With("hash", hash)
            .FirstOrDefaultAsync(MapToken, cancellationToken);

    public async Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? accountId, string? channelId, CancellationToken cancellationToken) =>
        await database.Command(
                $"""
                SELECT {TokenColumns} FROM tokens
                WHERE (@account IS NULL OR account_id = @account) AND (@channel IS NULL OR channel_id = @channel)
                ORDER BY created_at, id
                """)
            .With("account", accountId).With("channel", channelId).ListAsync(MapToken, cancellationToken);

    public async Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.Command("UPDATE tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL")
            .With("id", id).With("at", at.Ms()).ExecuteAsync(cancellationToken) > 0;

    public Task CreateSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        database.Command(
                $"INSERT INTO webhook_subscriptions ({SubscriptionColumns}) VALUES (@id, @channel, @url, @format, @secret, @events, @batch, @at)")
            .With("id", subscription.Id).With("channel", subscription.ChannelId).With("url", subscription.Url).With("format", subscription.Format)
            .With("secret", subscription.Secret).With("events", subscription.Events).With("batch", subscription.BatchSize)
            .With("at", subscription.CreatedAt.Ms())
            .ExecuteAsync(cancellationToken);

    public Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        database.Command($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = @id").With("id", id)
            .FirstOrDefaultAsync(MapSubscription, cancellationToken);

    public async Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(string channelId, CancellationToken cancellationToken) =>
        await database.Command($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE channel_id = @channel ORDER BY created_at, id")
            .With("channel", channelId).ListAsync(MapSubscription, cancellationToken);

    public async Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        await database.Command("DELETE FROM webhook_subscriptions WHERE id = @id").With("id", id).ExecuteAsync(cancellationToken) > 0;

    private static NpgsqlCommand WithChannel(NpgsqlCommand command, Channel channel) => command
        .With("id", channel.PhoneNumberId).With("account", channel.AccountId).With("display", channel.DisplayPhoneNumber)
        .With("cc", channel.CountryCallingCode).With("name", channel.VerifiedName).With("upstream", channel.Upstream)
        .With("settings", channel.UpstreamSettings).With("secret", channel.AppSecret).With("mps", channel.MessagesPerSecond);

    private static BusinessAccount MapAccount(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.Time(2));

    private static Channel MapChannel(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetInt32(8), r.Time(9));

    private static TokenRecord MapToken(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetString(4), r.Time(5), r.NullableTime(6));

    private static WebhookSubscription MapSubscription(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.GetInt32(6), r.Time(7));
}
