using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Parley.Server.Admin;

internal sealed record CreateAccountRequest(string? Id, string? Name);
internal sealed record UpdateAccountRequest(string? Name);
/// <param name="WorkspaceId">The account's workspace id in the Channels API dialect (a UUID).</param>
internal sealed record AccountView(string Id, string Name, DateTimeOffset CreatedAt, string? WorkspaceId = null);

internal sealed record CreateChannelRequest(
    string? PhoneNumberId,
    string? AccountId,
    string? DisplayPhoneNumber,
    string? CountryCallingCode,
    string? VerifiedName,
    string? Upstream,
    JsonObject? UpstreamSettings,
    string? AppSecret,
    int? MessagesPerSecond);

internal sealed record UpdateChannelRequest(
    string? DisplayPhoneNumber,
    string? CountryCallingCode,
    string? VerifiedName,
    string? Upstream,
    JsonObject? UpstreamSettings,
    string? AppSecret,
    int? MessagesPerSecond);

/// <summary>A channel as the API shows it: never its app secret.</summary>
/// <param name="WorkspaceId">Its account's workspace id in the Channels API dialect (a UUID).</param>
/// <param name="BirdChannelId">Its channel id in the Channels API dialect (a UUID).</param>
internal sealed record ChannelView(
    string PhoneNumberId,
    string AccountId,
    string DisplayPhoneNumber,
    string CountryCallingCode,
    string VerifiedName,
    string Upstream,
    JsonElement UpstreamSettings,
    int MessagesPerSecond,
    DateTimeOffset CreatedAt,
    string? WorkspaceId = null,
    [property: JsonPropertyName("channels_channel_id")] string? BirdChannelId = null);

/// <summary>Answer to a channel creation: the app secret is shown here once.</summary>
internal sealed record ChannelCreatedView(ChannelView Channel, string AppSecret);

internal sealed record CreateTokenRequest(string? ChannelId, string? AccountId, string? Label);
internal sealed record TokenView(string Id, string? ChannelId, string? AccountId, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
/// <summary>Answer to a token creation: the token value is shown here once.</summary>
internal sealed record TokenCreatedView(TokenView Token, string AccessToken);

/// <param name="VerifyToken">When given, the URL is verified as Meta verifies a callback (a <c>GET</c> with <c>hub.challenge</c>) before the subscription is made.</param>
internal sealed record CreateWebhookRequest(string? Url, string? Format, string? Secret, string? Events, int? BatchSize, string? GraphVersion = null, string? VerifyToken = null);
internal sealed record WebhookView(string Id, string ChannelId, string Url, string Format, string Events, int BatchSize, bool HasSecret, DateTimeOffset CreatedAt, string GraphVersion);

internal sealed record DeadLetterView(long Id, string SubscriptionId, string ChannelId, string Kind, JsonElement Event, DateTimeOffset CreatedAt, int Attempts, string? LastError, DateTimeOffset? DeadAt);
internal sealed record ReplayRequest(string? ChannelId, IReadOnlyList<long>? Ids);
internal sealed record ReplayView(int Replayed);
