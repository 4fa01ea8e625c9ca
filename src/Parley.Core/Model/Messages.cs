namespace Parley.Core.Model;

public enum MessageDirection { Outbound, Inbound }

/// <summary>The life of a message. Order matters: a status never moves backwards, <see cref="Failed"/> is final.</summary>
public enum MessageStatus { Accepted = 0, Sent = 1, Delivered = 2, Read = 3, Failed = 4 }

public static class MessageStatusNames
{
    public static string ToWire(this MessageStatus status) => status switch
    {
        MessageStatus.Accepted => "accepted",
        MessageStatus.Sent => "sent",
        MessageStatus.Delivered => "delivered",
        MessageStatus.Read => "read",
        MessageStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? value, out MessageStatus status)
    {
        foreach (var candidate in Enum.GetValues<MessageStatus>())
        {
            if (string.Equals(candidate.ToWire(), value, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>Whether moving from <paramref name="current"/> to <paramref name="next"/> is progress.</summary>
    public static bool CanAdvanceTo(this MessageStatus current, MessageStatus next) =>
        current != MessageStatus.Failed && current != MessageStatus.Read ? next > current || next == MessageStatus.Failed : false;
}

/// <summary>
/// The canonical outbound message: a validated Cloud API message object plus what Parley derived from it.
/// </summary>
/// <param name="Id">Parley's message id (<c>wamid.</c>…).</param>
/// <param name="ChannelId">The sending channel's phone number id.</param>
/// <param name="To">Normalized recipient: a WhatsApp id (digits) or a group id.</param>
/// <param name="Input">The recipient exactly as the client sent it.</param>
/// <param name="Type">The Cloud API message type (<c>text</c>, <c>image</c>, …).</param>
/// <param name="Payload">The Cloud API message object as JSON, with <c>to</c> normalized.</param>
public sealed record OutboundMessage(
    string Id,
    string ChannelId,
    string To,
    string Input,
    string RecipientType,
    string Type,
    string Payload,
    string? BizOpaqueCallbackData,
    string? ContextMessageId,
    DateTimeOffset CreatedAt);

/// <summary>A stored message of either direction, with its current state.</summary>
public sealed record StoredMessage(
    string Id,
    string ChannelId,
    MessageDirection Direction,
    string Peer,
    string Type,
    string Payload,
    MessageStatus Status,
    string? BizOpaqueCallbackData,
    string? ErrorJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One step in a message's status history.</summary>
public sealed record StatusChange(MessageStatus Status, DateTimeOffset At, string? ErrorJson);
