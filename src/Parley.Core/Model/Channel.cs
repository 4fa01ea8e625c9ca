namespace Parley.Core.Model;

/// <summary>A business account (WABA): owns channels.</summary>
public sealed record BusinessAccount(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>One business phone number and how Parley reaches WhatsApp for it.</summary>
/// <param name="PhoneNumberId">The Cloud API phone number id (digits).</param>
/// <param name="AccountId">The owning business account (WABA id).</param>
/// <param name="DisplayPhoneNumber">The number as WhatsApp users see it, digits only.</param>
/// <param name="CountryCallingCode">Prepended to recipient numbers sent without <c>+</c>.</param>
/// <param name="Upstream">Upstream kind: <c>sandbox</c> or <c>meta</c>.</param>
/// <param name="UpstreamSettings">Upstream-specific settings as a JSON object.</param>
/// <param name="AppSecret">Signs this channel's webhooks (HMAC-SHA256); never returned by the API.</param>
/// <param name="MessagesPerSecond">Dispatch pacing for this channel.</param>
public sealed record Channel(
    string PhoneNumberId,
    string AccountId,
    string DisplayPhoneNumber,
    string CountryCallingCode,
    string VerifiedName,
    string Upstream,
    string UpstreamSettings,
    string AppSecret,
    int MessagesPerSecond,
    DateTimeOffset CreatedAt)
{
    public const string SandboxUpstream = "sandbox";
    public const string MetaUpstream = "meta";
    public const int DefaultMessagesPerSecond = 80;
}
