using Parley.Core.Model;

namespace Parley.Storage;

/// <summary>
/// A channel's messages of both directions by their <b>message number</b>: a per-channel sequence (1, 2, 3, …) over
/// inbound and outbound messages, as 1msg's <c>messageNumber</c> (seed 000, "Get messages list"). Numbers never change
/// once given and are given in the order they become visible, so a reader that pages with "after the last number I saw"
/// misses nothing. An accepted message may be numbered lazily (PostgreSQL numbers outbound messages when the history is
/// read, so the accept path takes no per-channel lock); a message is listed once it has its number.
/// </summary>
public interface IMessageHistoryStore
{
    Task<IReadOnlyList<NumberedMessage>> ListNumberedAsync(NumberedMessageQuery query, CancellationToken cancellationToken);
}

/// <summary>Filters of <see cref="IMessageHistoryStore.ListNumberedAsync"/>. Oldest (lowest number) first unless <see cref="Newest"/>.</summary>
/// <param name="AfterNumber">Only numbers greater than this (1msg <c>lastMessageNumber</c>).</param>
/// <param name="FromNumber">Only numbers from this one on (1msg <c>firstMessageNumber</c>).</param>
/// <param name="Newest">The highest numbers, highest first (1msg <c>last=true</c>).</param>
public sealed record NumberedMessageQuery(
    string ChannelId,
    long? AfterNumber = null,
    long? FromNumber = null,
    string? Peer = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? MessageId = null,
    bool Newest = false,
    int Limit = 100);

public sealed record NumberedMessage(long Number, StoredMessage Message);

/// <summary>The canonical inbound event payload carries its message number for formats that show it.</summary>
public static class MessageNumberPayload
{
    public const string Property = "message_number";

    /// <summary><c>{…}</c> → <c>{…,"message_number":n}</c>: the payload is a JSON object written by <see cref="CanonicalEvents.Inbound"/>.</summary>
    public static string With(string payload, long number)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload[..payload.LastIndexOf('}')] + ",\"" + Property + "\":" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
    }
}
