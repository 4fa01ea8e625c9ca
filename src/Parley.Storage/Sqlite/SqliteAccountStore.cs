using Microsoft.Data.Sqlite;
using Parley.Core.Model;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteAccountStore(SqliteDatabase database) : IAccountStore
{
    private const string ChannelColumns =
        "phone_number_id, account_id, display_phone_number, country_calling_code, verified_name, upstream, upstream_settings, app_secret, messages_per_second, created_at";
    private const string TokenColumns = "id, hash, account_id, channel_id, label, created_at, revoked_at";
    private const string SubscriptionColumns = "id, channel_id, url, format, secret, events, batch_size, created_at";

    public Task CreateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "INSERT INTO accounts (id, name, created_at) VALUES ($id, $name, $at)",
            ("$id", account.Id), ("$name", account.Name), ("$at", account.CreatedAt.Ms())), cancellationToken);

    public Task<BusinessAccount?> GetAccountAsync(string id, CancellationToken cancellationToken) =>
        Read(c => c.Query("SELECT id, name, created_at FROM accounts WHERE id = $id", MapAccount, ("$id", id)).FirstOrDefault());

    public Task<IReadOnlyList<BusinessAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<BusinessAccount>>(c => c.Query("SELECT id, name, created_at FROM accounts ORDER BY created_at, id", MapAccount));

    public Task<bool> UpdateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute("UPDATE accounts SET name = $name WHERE id = $id", ("$id", account.Id), ("$name", account.Name)) > 0, cancellationToken);

    public Task<bool> DeleteAccountAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute("DELETE FROM accounts WHERE id = $id", ("$id", id)) > 0, cancellationToken);

    public Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            $"INSERT INTO channels ({ChannelColumns}) VALUES ($id, $account, $display, $cc, $name, $upstream, $settings, $secret, $mps, $at)",
            ChannelParameters(channel)), cancellationToken);

    public Task<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        Read(c => c.Query($"SELECT {ChannelColumns} FROM channels WHERE phone_number_id = $id", MapChannel, ("$id", phoneNumberId)).FirstOrDefault());

    public Task<IReadOnlyList<Channel>> ListChannelsAsync(string? accountId, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Channel>>(c => c.Query(
            $"SELECT {ChannelColumns} FROM channels WHERE $account IS NULL OR account_id = $account ORDER BY created_at, phone_number_id",
            MapChannel, ("$account", accountId)));

    public Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            """
            UPDATE channels SET display_phone_number = $display, country_calling_code = $cc, verified_name = $name,
                upstream = $upstream, upstream_settings = $settings, app_secret = $secret, messages_per_second = $mps
            WHERE phone_number_id = $id AND account_id = $account
            """,
            ChannelParameters(channel)) > 0, cancellationToken);

    public Task<bool> DeleteChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute("DELETE FROM channels WHERE phone_number_id = $id", ("$id", phoneNumberId)) > 0, cancellationToken);

    public Task CreateTokenAsync(TokenRecord token, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            $"INSERT INTO tokens ({TokenColumns}) VALUES ($id, $hash, $account, $channel, $label, $at, NULL)",
            ("$id", token.Id), ("$hash", token.Hash), ("$account", token.AccountId), ("$channel", token.ChannelId),
            ("$label", token.Label), ("$at", token.CreatedAt.Ms())), cancellationToken);

    public Task<TokenRecord?> FindTokenByHashAsync(string hash, CancellationToken cancellationToken) =>
        Read(c => c.Query($"SELECT {TokenColumns} FROM tokens WHERE hash = $hash", MapToken, ("$hash", hash)).FirstOrDefault());

    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? accountId, string? channelId, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<TokenRecord>>(c => c.Query(
            $"""
            SELECT {TokenColumns} FROM tokens
            WHERE ($account IS NULL OR account_id = $account) AND ($channel IS NULL OR channel_id = $channel)
            ORDER BY created_at, id
            """,
            MapToken, ("$account", accountId), ("$channel", channelId)));

    public Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            "UPDATE tokens SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL", ("$id", id), ("$at", at.Ms())) > 0, cancellationToken);

    public Task CreateSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(
            $"INSERT INTO webhook_subscriptions ({SubscriptionColumns}) VALUES ($id, $channel, $url, $format, $secret, $events, $batch, $at)",
            ("$id", subscription.Id), ("$channel", subscription.ChannelId), ("$url", subscription.Url), ("$format", subscription.Format),
            ("$secret", subscription.Secret), ("$events", subscription.Events), ("$batch", subscription.BatchSize), ("$at", subscription.CreatedAt.Ms())), cancellationToken);

    public Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        Read(c => c.Query($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = $id", MapSubscription, ("$id", id)).FirstOrDefault());

    public Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(string channelId, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<WebhookSubscription>>(c => c.Query(
            $"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE channel_id = $channel ORDER BY created_at, id",
            MapSubscription, ("$channel", channelId)));

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute("DELETE FROM webhook_subscriptions WHERE id = $id", ("$id", id)) > 0, cancellationToken);

    private Task<T> Read<T>(Func<SqliteConnection, T> read) => Task.FromResult(database.Read(read));

    private static (string, object?)[] ChannelParameters(Channel channel) =>
    [
        ("$id", channel.PhoneNumberId), ("$account", channel.AccountId), ("$display", channel.DisplayPhoneNumber),
        ("$cc", channel.CountryCallingCode), ("$name", channel.VerifiedName), ("$upstream", channel.Upstream),
        ("$settings", channel.UpstreamSettings), ("$secret", channel.AppSecret), ("$mps", channel.MessagesPerSecond),
        ("$at", channel.CreatedAt.Ms()),
    ];

    private static BusinessAccount MapAccount(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.Time(2));

    private static Channel MapChannel(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetInt32(8), r.Time(9));

    private static TokenRecord MapToken(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetString(4), r.Time(5), r.NullableTime(6));

    private static WebhookSubscription MapSubscription(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.GetInt32(6), r.Time(7));
}
