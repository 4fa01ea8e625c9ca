using Parley.Core.Errors;

namespace Parley.Core.Profiles;

/// <summary>
/// WhatsApp's rate limits on a business number (M:throughput; cloud-api-digest §6): the number's throughput counts its
/// inbound and outbound messages of every type in a second; the pair rate limit counts the messages to one user.
/// </summary>
public static class Throughput
{
    /// <summary>Throughput is messages per second: a sliding window of this length.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>Numbers in use with both the WhatsApp Business app and the Cloud API (coexistence) have a fixed 20 mps.</summary>
    public const int CoexistenceMessagesPerSecond = 20;

    /// <summary>Pair rate: one message every 6 s from a business number to the same user...</summary>
    public static readonly TimeSpan PairInterval = TimeSpan.FromSeconds(6);

    /// <summary>...with bursts of up to 45 messages borrowing from the future quota, paid back at the same rate.</summary>
    public const int PairBurst = 45;

    /// <summary>The messages per second a number at <paramref name="level"/> (<c>STANDARD</c>, <c>HIGH</c>) may handle.</summary>
    public static int MessagesPerSecond(string level) =>
        level == "HIGH" ? PhoneNumberValues.HighMessagesPerSecond : PhoneNumberValues.StandardMessagesPerSecond;

    /// <summary>
    /// The messages per second a number may handle: <see cref="CoexistenceMessagesPerSecond"/> when it is also on the
    /// WhatsApp Business app (<paramref name="onBizApp"/>), whatever its level; otherwise as its <paramref name="level"/> allows.
    /// </summary>
    public static int MessagesPerSecond(string level, bool onBizApp) => onBizApp ? CoexistenceMessagesPerSecond : MessagesPerSecond(level);

    /// <summary>130429, as Meta answers a send over the number's throughput.</summary>
    public static WhatsAppError Exceeded() => ErrorCatalog.RateLimitHit.With("Cloud API message throughput has been reached.");

    /// <summary>131056, as Meta answers a send over the pair rate limit.</summary>
    public static WhatsAppError PairExceeded() => ErrorCatalog.PairRateLimitHit.With(
        "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.");
}
