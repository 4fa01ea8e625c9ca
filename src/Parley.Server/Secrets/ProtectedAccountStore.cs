using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Server.Upstreams.Meta;
using Parley.Storage;

namespace Parley.Server.Secrets;

/// <summary>
/// The one place channel secrets are encrypted and decrypted: channels are written with their secrets (the
/// <see cref="Channel.AppSecret"/> and the <see cref="MetaSettings.SecretNames"/> of the upstream settings) protected,
/// and read with them in plaintext, so the database holds ciphertext and everything above the store sees plaintext.
/// </summary>
/// <remarks>
/// A stored secret this node's key cannot open is a configuration problem (nodes with different keys, a lost
/// <c>secret.key</c>), not a request's: the channel is still read — so its admin API, token checks and every other
/// channel keep working — with that secret left in its stored form, and an error naming the channel and the setting is
/// logged once per process. The stored form is no valid credential, so the channel's calls to its upstream and its
/// webhook signatures are refused by the other side until the right key is set; no plaintext is ever guessed. Writing
/// the channel back keeps the stored form as it is, so an update made with the wrong key loses nothing.
/// </remarks>
internal sealed partial class ProtectedAccountStore(IAccountStore inner, ChannelSecretProtector protector, ILogger<ProtectedAccountStore> logger)
    : IAccountStore
{
    private readonly ConcurrentDictionary<(string Channel, string Secret), bool> _reported = new();

    public Task CreateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        inner.CreateChannelAsync(Protect(channel), cancellationToken);

    public Task<bool> UpdateChannelAsync(Channel channel, CancellationToken cancellationToken) =>
        inner.UpdateChannelAsync(Protect(channel), cancellationToken);

    public async Task<Channel?> GetChannelAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        await inner.GetChannelAsync(phoneNumberId, cancellationToken) is { } channel ? Unprotect(channel) : null;

    public async Task<IReadOnlyList<Channel>> ListChannelsAsync(string? accountId, CancellationToken cancellationToken) =>
        (await inner.ListChannelsAsync(accountId, cancellationToken)).Select(Unprotect).ToList();

    private Channel Protect(Channel channel) => channel with
    {
        AppSecret = protector.Protect(channel.AppSecret),
        UpstreamSettings = MapSecrets(channel.UpstreamSettings, (_, value) => protector.Protect(value)),
    };

    private Channel Unprotect(Channel channel) => channel with
    {
        AppSecret = Open(channel.PhoneNumberId, "app_secret", channel.AppSecret),
        UpstreamSettings = channel.UpstreamSettings.Contains(ChannelSecretProtector.Prefix, StringComparison.Ordinal)
            ? MapSecrets(channel.UpstreamSettings, (name, value) => Open(channel.PhoneNumberId, "upstream_settings." + name, value))
            : channel.UpstreamSettings,
    };

    private string Open(string channelId, string secret, string stored)
    {
        if (protector.TryUnprotect(stored, out var plaintext))
        {
            return plaintext;
        }
        if (_reported.TryAdd((channelId, secret), true))
        {
            Log.Unreadable(logger, channelId, secret);
        }
        return stored;
    }

    /// <summary>The settings with each secret string value replaced by <paramref name="map"/>'s; settings that are not a JSON object are kept.</summary>
    private static string MapSecrets(string settings, Func<string, string, string> map)
    {
        JsonObject? s;
        try
        {
            s = JsonNode.Parse(settings) as JsonObject;
        }
        catch (JsonException)
        {
            return settings;
        }
        if (s is null || !MetaSettings.SecretNames.Any(n => s[n] is JsonValue))
        {
            return settings;
        }
        foreach (var name in MetaSettings.SecretNames)
        {
            if (s[name] is JsonValue v && v.TryGetValue<string>(out var value))
            {
                s[name] = map(name, value);
            }
        }
        return s.ToJsonString();
    }

    public Task CreateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) => inner.CreateAccountAsync(account, cancellationToken);
    public Task<BusinessAccount?> GetAccountAsync(string id, CancellationToken cancellationToken) => inner.GetAccountAsync(id, cancellationToken);
    public Task<IReadOnlyList<BusinessAccount>> ListAccountsAsync(CancellationToken cancellationToken) => inner.ListAccountsAsync(cancellationToken);
    public Task<bool> UpdateAccountAsync(BusinessAccount account, CancellationToken cancellationToken) => inner.UpdateAccountAsync(account, cancellationToken);
    public Task<bool> DeleteAccountAsync(string id, CancellationToken cancellationToken) => inner.DeleteAccountAsync(id, cancellationToken);
    public Task<bool> DeleteChannelAsync(string phoneNumberId, CancellationToken cancellationToken) => inner.DeleteChannelAsync(phoneNumberId, cancellationToken);
    public Task CreateTokenAsync(TokenRecord token, CancellationToken cancellationToken) => inner.CreateTokenAsync(token, cancellationToken);
    public Task<TokenRecord?> FindTokenByHashAsync(string hash, CancellationToken cancellationToken) => inner.FindTokenByHashAsync(hash, cancellationToken);
    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? accountId, string? channelId, CancellationToken cancellationToken) =>
        inner.ListTokensAsync(accountId, channelId, cancellationToken);
    public Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => inner.RevokeTokenAsync(id, at, cancellationToken);
    public Task CreateSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        inner.CreateSubscriptionAsync(subscription, cancellationToken);
    public Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) => inner.GetSubscriptionAsync(id, cancellationToken);
    public Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(string channelId, CancellationToken cancellationToken) =>
        inner.ListSubscriptionsAsync(channelId, cancellationToken);
    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) => inner.DeleteSubscriptionAsync(id, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error,
            "Channel {ChannelId}: the stored {Secret} cannot be decrypted with this node's secret key (Parley:SecretKey, or secret.key in the data directory). Configure the key the secret was written with; until then the channel's upstream calls and webhook signatures use no valid credential")]
        public static partial void Unreadable(ILogger logger, string channelId, string secret);
    }
}
