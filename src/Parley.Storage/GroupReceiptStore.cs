using Parley.Core.Model;

namespace Parley.Storage;

/// <summary>A message the channel sent to a group, as one participant received it: their latest status and when.</summary>
/// <param name="Payload">The Cloud API message object the business sent.</param>
/// <param name="Status"><see cref="MessageStatus.Delivered"/> or <see cref="MessageStatus.Read"/>.</param>
public sealed record GroupReceipt(string MessageId, string Type, string Payload, MessageStatus Status, DateTimeOffset At);

/// <summary>
/// What each participant of a group received. The receipts are written by the event store as per-participant statuses
/// (<see cref="StatusEvent.ParticipantId"/>) arrive: each status that advances a participant's receipt reaches the
/// webhook once, while the message's own status advances on the first participant's.
/// </summary>
public interface IGroupReceiptStore
{
    /// <summary>Up to <paramref name="limit"/> of the messages the channel sent to the group that reached the participant, oldest first.</summary>
    Task<IReadOnlyList<GroupReceipt>> ListReceivedAsync(string channelId, string groupId, string participant, int limit, CancellationToken cancellationToken);
}
