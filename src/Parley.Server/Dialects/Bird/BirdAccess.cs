using Microsoft.Net.Http.Headers;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>The channel a Channels request addresses, with its Channels id.</summary>
internal sealed record BirdTarget(Channel Channel, string ChannelUuid);

/// <summary>
/// Channels API access: <c>Authorization: AccessKey &lt;key&gt;</c>, where a key is a Parley token — scoped to the channel
/// or to its business account, exactly as for the Cloud API dialect. The workspace and channel UUIDs of the path
/// must name a channel of that workspace; a key never learns whether another tenant's workspace or channel exists.
/// </summary>
internal sealed class BirdAccess(Tokens tokens, ChannelAccess channels, IBirdDialectStore dialect)
{
    private const string Scheme = "AccessKey ";

    public async Task<(BirdTarget? Target, BirdError? Error)> AuthorizeAsync(
        HttpRequest request, string workspaceId, string channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return (null, BirdError.Unauthorized("An access key is required: Authorization: AccessKey <key>."));
        }
        var token = await tokens.ResolveAsync(header[Scheme.Length..].Trim(), cancellationToken);
        if (token is null)
        {
            return (null, BirdError.Unauthorized("The access key is not valid or has been revoked."));
        }
        var accountId = BirdIds.IsUuid(workspaceId) ? await dialect.FindAccountAsync(workspaceId.ToLowerInvariant(), cancellationToken) : null;
        var accountOfToken = token.AccountId ?? (token.ChannelId is null ? null : (await channels.GetChannelAsync(token.ChannelId, cancellationToken))?.AccountId);
        if (accountId is null || accountId != accountOfToken)
        {
            return (null, BirdError.NotFound("workspace"));
        }
        var phoneNumberId = BirdIds.IsUuid(channelId) ? await dialect.FindChannelAsync(channelId.ToLowerInvariant(), cancellationToken) : null;
        var channel = phoneNumberId is null ? null : await channels.GetChannelAsync(phoneNumberId, cancellationToken);
        if (channel is null || channel.AccountId != accountId
            || !(token.ChannelId == channel.PhoneNumberId || (token.ChannelId is null && token.AccountId == channel.AccountId)))
        {
            return (null, BirdError.NotFound("channel"));
        }
        return (new BirdTarget(channel, channelId.ToLowerInvariant()), null);
    }
}
