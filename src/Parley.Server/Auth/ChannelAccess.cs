using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Auth;

/// <summary>
/// Decides whether a presented token may act on a channel: the token must be live and scoped to that channel or to
/// the business account that owns it.
/// </summary>
internal sealed class ChannelAccess(Tokens tokens, IAccountStore store, ChannelDirectory channels)
{
    public static WhatsAppError TokenRequired => ErrorCatalog.AccessTokenRequired.With("An access token is required to request this resource.");

    public static WhatsAppError TokenInvalid => ErrorCatalog.InvalidAccessToken.With("The access token could not be decrypted or has been revoked.");

    /// <summary>The channel, when <paramref name="token"/> may use it; otherwise the Graph error to answer with.</summary>
    public async ValueTask<Outcome<Channel>> AuthorizeAsync(string? token, string phoneNumberId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenRequired;
        }
        var record = await tokens.ResolveAsync(token, cancellationToken);
        if (record is null)
        {
            return TokenInvalid;
        }
        if (await ReachAsync(record, phoneNumberId, cancellationToken) is not { } channel)
        {
            // A token never learns whether another tenant's channel exists.
            return ErrorCatalog.UnknownObject(phoneNumberId);
        }
        return channel;
    }

    /// <summary>The channel, when the live token <paramref name="record"/> may use it: scoped to it, or to the account that owns it.</summary>
    public async ValueTask<Channel?> ReachAsync(TokenRecord record, string phoneNumberId, CancellationToken cancellationToken)
    {
        var channel = await channels.GetChannelAsync(phoneNumberId, cancellationToken);
        return channel is not null && (record.ChannelId == channel.PhoneNumberId || (record.ChannelId is null && record.AccountId == channel.AccountId)) ? channel : null;
    }

    /// <summary>
    /// The business account (WABA), when <paramref name="token"/> may manage it: a token scoped to the account, or to one
    /// of its channels. Otherwise the Graph error to answer with.
    /// </summary>
    public async ValueTask<Outcome<BusinessAccount>> AuthorizeAccountAsync(string? token, string accountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenRequired;
        }
        var record = await tokens.ResolveAsync(token, cancellationToken);
        if (record is null)
        {
            return TokenInvalid;
        }
        if (await AccountOfAsync(record, cancellationToken) != accountId || await store.GetAccountAsync(accountId, cancellationToken) is not { } account)
        {
            return ErrorCatalog.UnknownObject(accountId);
        }
        return account;
    }

    /// <summary>The business account a token acts for: its own, or its channel's; null when it has neither.</summary>
    public async ValueTask<string?> AccountOfAsync(TokenRecord record, CancellationToken cancellationToken) =>
        record.AccountId ?? (record.ChannelId is null ? null : (await channels.GetChannelAsync(record.ChannelId, cancellationToken))?.AccountId);
}
