using System.Data.Common;
using Parley.Core.Model;

namespace Parley.Storage.Sql;

/// <summary>Accounts, channels, tokens and subscriptions: the same statements on both stores.</summary>
internal sealed class SqlAccountStore(ISqlDatabase db) : IAccountStore
{
    private const string ChannelColumns =
        "phone_number_id, account_id, display_phone_number, country_calling_code, verified_name, upstream, upstream_settings, app_secret, messages_per_second, created_at";
    private const string TokenColumns = "id, hash, account_id, channel_id, label, created_at, revoked_at";
    private const string SubscriptionColumns = "id, channel_id, url, format, secret, events, batch_size, created_at, graph_version, override_level";

    public Task CreateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) =>
        db.ExecuteAsync("INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @at)",
            [("id", account.Id), ("name", account.Name), ("at", account.CreatedAt)], cancellationToken);

    public Task<BusinessAccount?> GetAccountAsync(string id, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync("SELECT id, name, created_at FROM accounts WHERE id = @id", MapAccount, [("id", id)], cancellationToken);

    public async Task<IReadOnlyList<BusinessAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        await db.QueryAsync("SELECT id, name, created_at FROM accounts ORDER BY created_at, id", MapAccount, [], cancellationToken);

    public Task<bool> UpdateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) =>
        db.ChangesAsync("UPDATE accounts SET name = @name WHERE id = @id", [("id", account.Id), ("name", account.Name)], cancellationToken);

    /// <summary>Channels, tokens and subscriptions go with the account through <c>ON DELETE CASCADE</c>.</summary>
    public Task<bool> DeleteAccountAsync(string id, CancellationToken cancellationToken) =>
        db.ChangesAsync("DELETE FROM accounts WHERE id = @id", [("id", id)], cancellationToken);

    public Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            $"INSERT INTO channels ({ChannelColumns}) VALUES (@id, @account, @display, @cc, @name, @upstream, @settings, @secret, @mps, @at)",
            ChannelArgs(channel), cancellationToken);

    public Task<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {ChannelColumns} FROM channels WHERE phone_number_id = @id", MapChannel, [("id", phoneNumberId)], cancellationToken);

    public async Task<IReadOnlyList<Channel>> ListChannelsAsync(string? accountId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {ChannelColumns} FROM channels WHERE @account IS NULL OR account_id = @account ORDER BY created_at, phone_number_id",
            MapChannel, [("account", accountId)], cancellationToken);

    public Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        db.ChangesAsync(
            """
            UPDATE channels SET display_phone_number = @display, country_calling_code = @cc, verified_name = @name,
                upstream = @upstream, upstream_settings = @settings, app_secret = @secret, messages_per_second = @mps
            WHERE phone_number_id = @id AND account_id = @account
            """,
            ChannelArgs(channel), cancellationToken);

    public Task<bool> DeleteChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        db.ChangesAsync("DELETE FROM channels WHERE phone_number_id = @id", [("id", phoneNumberId)], cancellationToken);

    public Task CreateTokenAsync(TokenRecord token, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            $"INSERT INTO tokens ({TokenColumns}) VALUES (@id, @hash, @account, @channel, @label, @at, NULL)",
            [("id", token.Id), ("hash", token.Hash), ("account", token.AccountId), ("channel", token.ChannelId), ("label", token.Label), ("at", token.CreatedAt)],
            cancellationToken);

    public Task<TokenRecord?> FindTokenByHashAsync(string hash, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {TokenColumns} FROM tokens WHERE hash = @hash", MapToken, [("hash", hash)], cancellationToken);

    public async Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? accountId, string? channelId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"""
            SELECT {TokenColumns} FROM tokens
            WHERE (@account IS NULL OR account_id = @account) AND (@channel IS NULL OR channel_id = @channel)
            ORDER BY created_at, id
            """,
            MapToken, [("account", accountId), ("channel", channelId)], cancellationToken);

    public Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.ChangesAsync("UPDATE tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", [("id", id), ("at", at)], cancellationToken);

    public Task CreateSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            $"INSERT INTO webhook_subscriptions ({SubscriptionColumns}) VALUES (@id, @channel, @url, @format, @secret, @events, @batch, @at, @version, @level)",
            [("id", subscription.Id), ("channel", subscription.ChannelId), ("url", subscription.Url), ("format", subscription.Format),
             ("secret", subscription.Secret), ("events", subscription.Events), ("batch", subscription.BatchSize), ("at", subscription.CreatedAt),
             ("version", subscription.GraphVersion), ("level", subscription.OverrideLevel)],
            cancellationToken);

    public Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        db.FirstOrDefaultAsync($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = @id", MapSubscription, [("id", id)], cancellationToken);

    public async Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(string channelId, CancellationToken cancellationToken) =>
        await db.QueryAsync(
            $"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE channel_id = @channel ORDER BY created_at, id",
            MapSubscription, [("channel", channelId)], cancellationToken);

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        db.ChangesAsync("DELETE FROM webhook_subscriptions WHERE id = @id", [("id", id)], cancellationToken);

    private static SqlArg[] ChannelArgs(Channel channel) =>
    [
        ("id", channel.PhoneNumberId), ("account", channel.AccountId), ("display", channel.DisplayPhoneNumber),
        ("cc", channel.CountryCallingCode), ("name", channel.VerifiedName), ("upstream", channel.Upstream),
        ("settings", channel.UpstreamSettings), ("secret", channel.AppSecret), ("mps", channel.MessagesPerSecond), ("at", channel.CreatedAt),
    ];

    private static BusinessAccount MapAccount(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.Time(2));

    private static Channel MapChannel(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetInt32(8), r.Time(9));

    private static TokenRecord MapToken(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetString(4), r.Time(5), r.NullableTime(6));

    private static WebhookSubscription MapSubscription(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.GetInt32(6), r.Time(7), r.GetString(8), r.GetInt32(9));
}
