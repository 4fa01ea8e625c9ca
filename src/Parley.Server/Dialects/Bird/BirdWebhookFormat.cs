using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Server.Delivery.Webhooks;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// The Channels API's webhook events (dialects digest B.10): <c>{"service": "channels", "event", "payload"}</c> —
/// <c>whatsapp.inbound</c> with the received message, <c>whatsapp.outbound</c> with an outgoing message whose status
/// changed (<c>sent</c>, <c>delivered</c>, <c>sending_failed</c>, <c>delivery_failed</c>), and <c>whatsapp.interaction</c>
/// (<c>read</c>, and <c>clicked</c> when an inbound message taps one of its buttons). A message of several WhatsApp messages changes status once all its parts did (fails once, with the
/// first part that fails). A message sent to a group changes status once too: of the per-participant
/// <c>delivered</c> and <c>read</c>, only the one that brought the message there is an event (the later participants'
/// are <see cref="EventKinds.ParticipantStatuses"/>, which this format does not render). Group events
/// (<see cref="EventKinds.Groups"/>) have no Channels shape and are not posted. One event is one POST body; a batch of several is a JSON array of them. Signed as Bird
/// signs: <c>messagebird-signature</c> = base64 HMAC-SHA256 over <c>"{timestamp}\n{url}\n{SHA-256 of the body}"</c>.
/// </summary>
internal sealed class BirdWebhookFormat(BirdMessages messages, IBirdDialectStore dialect) : IWebhookFormat
{
    public const string FormatName = "channels";
    public const string SignatureHeader = "messagebird-signature";
    public const string TimestampHeader = "messagebird-request-timestamp";

    public string Name => FormatName;

    public IReadOnlySet<string> Kinds { get; } = new HashSet<string>([EventKinds.Messages, EventKinds.Statuses], StringComparer.Ordinal);

    public byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events)
    {
        var json = events.Count == 1 ? events[0].Payload : "[" + string.Join(",", events.Select(e => e.Payload)) + "]";
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Turns each canonical event into its Channels event (in <see cref="OutboxEvent.Payload"/>), or leaves it out.</summary>
    public async ValueTask<IReadOnlyList<OutboxEvent>> PrepareAsync(Channel channel, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(events);
        var channelUuid = await dialect.ChannelIdAsync(channel.PhoneNumberId, cancellationToken);
        var target = new BirdTarget(channel, channelUuid);
        var prepared = new List<OutboxEvent>(events.Count);
        foreach (var item in events)
        {
            if (item.Kind == EventKinds.Messages)
            {
                // An inbound tap is two events: the message, then the click on the message it answers.
                foreach (var rendered in await InboundAsync(target, item, cancellationToken))
                {
                    prepared.Add(item with { Payload = rendered.ToJsonString() });
                }
            }
            else if (await StatusAsync(target, item, cancellationToken) is { } status)
            {
                prepared.Add(item with { Payload = status.ToJsonString() });
            }
        }
        return prepared;
    }

    /// <summary>
    /// <c>whatsapp.inbound</c> with the received message; when it taps a reply button, list row or template quick
    /// reply of one of the channel's outgoing messages, also <c>whatsapp.interaction</c> <c>clicked</c> for that
    /// message (<c>details: "item_clicked"</c>, <c>metadata.button.payload</c> = the button's id or payload), the
    /// same interaction the interactions endpoint lists.
    /// </summary>
    private async Task<List<JsonObject>> InboundAsync(BirdTarget target, OutboxEvent item, CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(item.Payload);
        var inbound = root?["message"] as JsonObject;
        var username = root?["contact"]?["profile"]?["username"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;
        var wamid = inbound?["id"]?.GetValue<string>();
        if (wamid is null || await messages.OfWamidAsync(target.Channel.PhoneNumberId, wamid, cancellationToken) is not var (message, _))
        {
            return [];
        }
        var events = new List<JsonObject> { Event("whatsapp.inbound", BirdMessageView.Render(target.Channel, target.ChannelUuid, message, username: username)) };
        if (inbound!["context"]?["id"]?.GetValue<string>() is { } quoted && BirdReadsApi.TappedId(inbound) is { } tapped
            && await messages.OfWamidAsync(target.Channel.PhoneNumberId, quoted, cancellationToken) is var (tappedMessage, _) && !tappedMessage.Incoming)
        {
            events.Add(Event("whatsapp.interaction",
                BirdReadsApi.Interaction(target, tappedMessage, "clicked", message.First.CreatedAt, "item_clicked", tapped)));
        }
        return events;
    }

    private async Task<JsonObject?> StatusAsync(BirdTarget target, OutboxEvent item, CancellationToken cancellationToken)
    {
        var status = JsonNode.Parse(item.Payload);
        var wamid = status?["id"]?.GetValue<string>();
        if (wamid is null || !MessageStatusNames.TryParse(status?["status"]?.GetValue<string>(), out var canonical)
            || await messages.OfWamidAsync(target.Channel.PhoneNumberId, wamid, cancellationToken) is not var (message, _))
        {
            return null;
        }
        if (canonical == MessageStatus.Failed)
        {
            var firstFailed = message.Parts.FirstOrDefault(p => p.Status == MessageStatus.Failed);
            return firstFailed?.Id == wamid
                ? Event("whatsapp.outbound", BirdMessageView.Render(target.Channel, target.ChannelUuid, message, message.Status, firstFailed.UpdatedAt))
                : null;
        }
        // The part's place among the parts that exist (a planned part may never have been accepted).
        var part = message.Parts.ToList().FindIndex(p => p.Id == wamid);
        if (message.Parts.Any(p => p.Status == MessageStatus.Failed) || LastToReach(message, part, canonical) is not { } at)
        {
            return null;
        }
        if (canonical == MessageStatus.Read)
        {
            return Event("whatsapp.interaction", BirdReadsApi.Interaction(target, message, "read", at, null, null));
        }
        var channelsStatus = canonical == MessageStatus.Sent ? BirdStatus.Sent : BirdStatus.Delivered;
        return canonical == MessageStatus.Accepted
            ? null
            : Event("whatsapp.outbound", BirdMessageView.Render(target.Channel, target.ChannelUuid, message, channelsStatus, at));
    }

    /// <summary>
    /// When part <paramref name="part"/>'s reaching <paramref name="status"/> brought the whole message there: it was
    /// the last part to reach it (the highest part on a tie). Null when another part did, or one has not yet.
    /// </summary>
    public static DateTimeOffset? LastToReach(BirdMessage message, int part, MessageStatus status)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reached = message.Histories
            .Select(h => h.Where(c => c.Status >= status && c.Status != MessageStatus.Failed).Select(c => (DateTimeOffset?)c.At).Min())
            .ToList();
        if (part >= reached.Count || reached.Any(r => r is null))
        {
            return null;
        }
        var all = reached.Max()!.Value;
        var last = reached.FindLastIndex(r => r == all);
        return last == part ? all : null;
    }

    private static JsonObject Event(string name, JsonObject payload) => new() { ["service"] = "channels", ["event"] = name, ["payload"] = payload };

    public IEnumerable<KeyValuePair<string, string>> Sign(byte[] body, string secret, string url, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return
        [
            new(SignatureHeader, Signature(body, secret, url, timestamp)),
            new(TimestampHeader, timestamp),
        ];
    }

    /// <summary>Bird's webhook signature (docs.bird.com, "Verifying a webhook subscription").</summary>
    public static string Signature(byte[] body, string secret, string url, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(body);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{timestamp}\n{url}\n"), .. SHA256.HashData(body)];
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
