using Parley.Core.Errors;
using Parley.Core.Model;

namespace Parley.Core.Messages;

/// <summary>
/// WhatsApp's customer service window: a business may send free-form messages to a user only until 24 hours after the
/// user last wrote; templates go at any time (cloud-api-digest §6 "Customer service window", §2.2 131047). WhatsApp
/// accepts a send outside the window and then fails it with 131047, so Parley applies this after acceptance, on the
/// clock of the network the channel sends through, whatever that network is.
/// </summary>
public static class CustomerServiceWindow
{
    /// <summary>24 h from the user's last message (cloud-api-digest §6; M:messages/send-messages).</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether <paramref name="message"/> may go only inside the window: every message to an individual user except a
    /// template. Group messages have no per-user window.
    /// </summary>
    public static bool Applies(OutboundMessage message) => message.RecipientType != "group" && message.Type != "template";

    /// <summary>
    /// Whether an inbound message of <paramref name="type"/> opens the window: every message the user writes, but not a
    /// <c>system</c> message (a change of number or BSUID is WhatsApp's notice, not the user writing).
    /// </summary>
    public static bool OpensWith(string type) => type != "system";

    /// <summary>When the window closes (or closed) for a user who last wrote at <paramref name="lastInbound"/>; null when the user never wrote.</summary>
    public static DateTimeOffset? ClosesAt(DateTimeOffset? lastInbound) => lastInbound + Length;

    /// <summary>Whether the window is open at <paramref name="now"/> (the network's time) for a user who last wrote at <paramref name="lastInbound"/>.</summary>
    public static bool IsOpen(DateTimeOffset? lastInbound, DateTimeOffset now) => ClosesAt(lastInbound) is { } closes && now < closes;

    /// <summary>The error a message that needs the window fails with when it is closed (131047, as a <c>failed</c> status).</summary>
    public static WhatsAppError Closed() => ErrorCatalog.ReEngagementMessage.With(
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");
}
