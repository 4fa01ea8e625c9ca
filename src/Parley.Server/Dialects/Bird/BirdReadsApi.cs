using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Core.Phones;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// The Channels API's reads (dialects digest B.11): one message, a channel's messages (paged, filtered), a message's
/// interactions, and a contact's channel details — the customer care window.
/// </summary>
internal static class BirdReadsApi
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    /// <summary>How many of the contact's later inbound messages are searched for taps on a message's buttons.</summary>
    private const int InteractionScan = 200;

    public static void MapBirdReads(this RouteGroupBuilder group)
    {
        group.MapGet("/messages", ListAsync).WithSummary("List a channel's messages, newest first (limit, pageToken, direction, status, startAt, endAt)");
        group.MapGet("/messages/{messageId}", GetAsync).WithSummary("Get a message");
        group.MapGet("/messages/{messageId}/interactions", InteractionsAsync).WithSummary("List a message's interactions (read, clicked)");
        group.MapGet("/contacts/{contactId}", ContactAsync).WithSummary("Get channel details for a contact: when its customer care window expires");
    }

    internal sealed record ListParameters
    {
        public string? Limit { get; init; }

        public string? PageToken { get; init; }

        public string? Direction { get; init; }

        public string? Status { get; init; }

        public string? StartAt { get; init; }

        public string? EndAt { get; init; }
    }

    private static async Task<IResult> ListAsync(
        BirdTarget target, [AsParameters] ListParameters query, IMessageStore store, IBirdDialectStore dialect, BirdMessages messages, CancellationToken cancellationToken)
    {
        var fields = new BirdFields();
        var limit = DefaultPageSize;
        if (query.Limit is not null && !(int.TryParse(query.Limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxPageSize))
        {
            fields.Add("limit", $"must be between 1 and {MaxPageSize}");
        }
        MessageDirection? direction = query.Direction switch
        {
            null => null,
            "incoming" => MessageDirection.Inbound,
            "outgoing" => MessageDirection.Outbound,
            _ => Invalid(fields, "direction", "must be incoming or outgoing"),
        };
        string[] statuses = [BirdStatus.Accepted, BirdStatus.Sent, BirdStatus.Delivered, BirdStatus.SendingFailed, BirdStatus.DeliveryFailed];
        if (query.Status is not null && !statuses.Contains(query.Status, StringComparer.Ordinal))
        {
            fields.Add("status", $"must be one of {string.Join(", ", statuses)}");
        }
        var startAt = Time(fields, "startAt", query.StartAt);
        var endAt = Time(fields, "endAt", query.EndAt);
        if (query.PageToken is not null && await store.GetAsync(target.Channel.PhoneNumberId, query.PageToken, cancellationToken) is null)
        {
            fields.Add("pageToken", "must be a nextPageToken returned by this endpoint");
        }
        if (!fields.IsValid)
        {
            return BirdError.Invalid(fields.Details);
        }

        var page = await store.ListAsync(
            new MessageQuery(target.Channel.PhoneNumberId, direction, null, null, startAt, endAt, query.PageToken, limit), cancellationToken);
        var ids = await dialect.IdsOfAsync(target.Channel.PhoneNumberId, [.. page.Items.Select(m => m.Id)], cancellationToken);
        var results = new JsonArray();
        foreach (var item in page.Items)
        {
            var reference = ids[item.Id];
            if (reference.Part > 0)
            {
                continue; // a message of several parts is listed once, where its first part is
            }
            var message = reference.Parts == 1
                ? await messages.LoadAsync(target.Channel.PhoneNumberId, reference.Id,
                    await dialect.GetMessageAsync(target.Channel.PhoneNumberId, reference.Id, cancellationToken), [item.Id], cancellationToken)
                : await messages.GetAsync(target.Channel.PhoneNumberId, reference.Id, cancellationToken);
            if (message is not null && (query.Status is null || message.Status == query.Status))
            {
                results.Add(BirdMessageView.Render(target.Channel, target.ChannelUuid, message));
            }
        }
        var body = new JsonObject { ["results"] = results };
        if (page.NextCursor is not null)
        {
            body["nextPageToken"] = page.NextCursor;
        }
        return new BirdResult(StatusCodes.Status200OK, body);
    }

    private static async Task<IResult> GetAsync(
        BirdTarget target, string messageId, BirdMessages messages, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(target.Channel.PhoneNumberId, messageId.ToLowerInvariant(), cancellationToken);
        return message is null
            ? BirdError.NotFound("message")
            : new BirdResult(StatusCodes.Status200OK, BirdMessageView.Render(target.Channel, target.ChannelUuid, message));
    }

    /// <summary>
    /// <c>read</c> once every WhatsApp message of it was read; <c>clicked</c> for each later inbound tap on one of its
    /// buttons or list rows (<c>metadata.button.payload</c> = the postback payload).
    /// </summary>
    private static async Task<IResult> InteractionsAsync(
        BirdTarget target, string messageId, BirdMessages messages, IMessageStore store, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(target.Channel.PhoneNumberId, messageId.ToLowerInvariant(), cancellationToken);
        if (message is null)
        {
            return BirdError.NotFound("message");
        }
        var results = new JsonArray();
        if (!message.Incoming && BirdStatus.ReachedAt(message.Histories, MessageStatus.Read) is { } readAt)
        {
            results.Add(Interaction(target, message, "read", readAt, null, null));
        }
        if (!message.Incoming)
        {
            var partIds = message.Parts.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var replies = await store.ListAsync(
                new MessageQuery(target.Channel.PhoneNumberId, MessageDirection.Inbound, message.First.Peer, Since: message.First.CreatedAt, Limit: InteractionScan),
                cancellationToken);
            foreach (var reply in replies.Items.OrderBy(r => r.CreatedAt))
            {
                if (JsonNode.Parse(reply.Payload) is JsonObject payload && payload["context"]?["id"]?.GetValue<string>() is { } quoted
                    && partIds.Contains(quoted) && TappedId(payload) is { } tapped)
                {
                    results.Add(Interaction(target, message, "clicked", reply.CreatedAt, "item_clicked", tapped));
                }
            }
        }
        return new BirdResult(StatusCodes.Status200OK, new JsonObject { ["results"] = results });
    }

    /// <summary>The id of the reply button, list row or template quick reply an inbound message tapped; null for other messages.</summary>
    public static string? TappedId(JsonObject inbound) =>
        inbound["interactive"]?["button_reply"]?["id"]?.GetValue<string>()
        ?? inbound["interactive"]?["list_reply"]?["id"]?.GetValue<string>()
        ?? inbound["button"]?["payload"]?.GetValue<string>();

    public static JsonObject Interaction(BirdTarget target, BirdMessage message, string type, DateTimeOffset at, string? details, string? payload)
    {
        var interaction = new JsonObject
        {
            ["type"] = type,
            ["messageId"] = message.Id,
            ["channelId"] = target.ChannelUuid,
            ["receiver"] = new JsonObject { ["contacts"] = new JsonArray(BirdMessageView.ContactOf(target.Channel.PhoneNumberId, message.First)) },
            ["createdAt"] = BirdMessageView.Time(at),
        };
        if (details is not null)
        {
            interaction["details"] = details;
        }
        if (payload is not null)
        {
            interaction["metadata"] = new JsonObject { ["button"] = new JsonObject { ["payload"] = payload } };
        }
        return interaction;
    }

    /// <summary>
    /// <c>serviceWindowExpireAt</c>: 24 hours after the contact last wrote (null when they never did) — past means
    /// closed, and only a template can be sent. The contact is named by <c>contactIdentifierValue</c> (its phone
    /// number or BSUID), or by either in place of <c>contactId</c>.
    /// </summary>
    private static async Task<IResult> ContactAsync(
        BirdTarget target, string contactId, string? contactIdentifierValue, CustomerCareWindow window, CancellationToken cancellationToken)
    {
        var identifier = (string.IsNullOrWhiteSpace(contactIdentifierValue) ? contactId : contactIdentifierValue).Trim();
        // A contact known only by BSUID is named by it; the window is the user's, whichever identity names them.
        var normalized = BirdContacts.IsBsuid(identifier) ? identifier : PhoneNumbers.Normalize(identifier, target.Channel.CountryCallingCode) is { Succeeded: true } phone ? phone.Value : null;
        if (normalized is null)
        {
            return BirdError.Invalid("contactIdentifierValue", "must be the contact's phone number, e.g. +31612345678, or their BSUID");
        }
        var expires = await window.ExpiresAtAsync(target.Channel, normalized, cancellationToken);
        return new BirdResult(StatusCodes.Status200OK, new JsonObject
        {
            ["serviceWindowExpireAt"] = expires is { } at ? BirdMessageView.Time(at) : null,
            ["isPermanentSession"] = false,
            ["metadata"] = null,
        });
    }

    private static MessageDirection? Invalid(BirdFields fields, string field, string message)
    {
        fields.Add(field, message);
        return null;
    }

    private static DateTimeOffset? Time(BirdFields fields, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }
        fields.Add(field, "must be an RFC 3339 date-time, e.g. 2025-01-31T12:00:00Z");
        return null;
    }
}
