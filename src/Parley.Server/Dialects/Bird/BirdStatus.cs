using Parley.Core.Model;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// Channels message statuses (dialects digest B.9) from canonical ones. Read is not a Channels status: it is an
/// interaction, so a read message stays <c>delivered</c>. A failure before the network took the message is
/// <c>sending_failed</c>, after it <c>delivery_failed</c>. A Channels message made of several WhatsApp messages has
/// the status of its least advanced part, and fails when any part fails.
/// </summary>
internal static class BirdStatus
{
    public const string Accepted = "accepted";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string SendingFailed = "sending_failed";
    public const string DeliveryFailed = "delivery_failed";

    /// <summary>One part's state: its status and whether the network ever took it.</summary>
    public readonly record struct Part(MessageStatus Status, bool EverSent);

    public static Part PartOf(StoredMessage message, IEnumerable<StatusChange> history)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Part(message.Status, history.Any(h => h.Status is MessageStatus.Sent or MessageStatus.Delivered or MessageStatus.Read));
    }

    public static string Aggregate(IReadOnlyList<Part> parts)
    {
        if (parts.Count == 0)
        {
            return Accepted;
        }
        if (parts.FirstOrDefault(p => p.Status == MessageStatus.Failed) is { Status: MessageStatus.Failed } failed)
        {
            return failed.EverSent ? DeliveryFailed : SendingFailed;
        }
        return parts.Min(p => p.Status) switch
        {
            MessageStatus.Accepted => Accepted,
            MessageStatus.Sent => Sent,
            _ => Delivered,
        };
    }

    /// <summary>When every part had reached <paramref name="status"/> (or beyond, failure aside); null when some part has not.</summary>
    public static DateTimeOffset? ReachedAt(IReadOnlyList<IReadOnlyList<StatusChange>> histories, MessageStatus status)
    {
        DateTimeOffset? latest = null;
        foreach (var history in histories)
        {
            var reached = history.Where(h => h.Status >= status && h.Status != MessageStatus.Failed).Select(h => (DateTimeOffset?)h.At).Min();
            if (reached is null)
            {
                return null;
            }
            latest = latest is null || reached > latest ? reached : latest;
        }
        return latest;
    }
}
