using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Lookup;

/// <summary>
/// Parley's own read API over a channel's messages: one message with its full status history, and a paged,
/// filtered list. Authorized with the channel's Cloud API token (or an account token); errors in the Graph envelope.
/// </summary>
internal static class MessageLookupApi
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapMessageLookup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/channels/{phoneNumberId}/messages").WithTags("Messages").WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"));
        group.MapGet("/", ListAsync).WithSummary("List a channel's messages, newest first (filters: direction, peer, status, since, until; cursor: before)");
        group.MapGet("/{messageId}", GetAsync).WithSummary("One message with its full status history");
        return group;
    }

    /// <summary>The list's query, bound as text so that a malformed value is answered with a Graph error, not a bare 400.</summary>
    internal sealed record ListParameters
    {
        public string? Direction { get; init; }

        public string? Peer { get; init; }

        public string? Status { get; init; }

        public string? Since { get; init; }

        public string? Until { get; init; }

        public string? Before { get; init; }

        public string? Limit { get; init; }
    }

    private static async Task<Results<Ok<MessagePage>, Refusal>> ListAsync(
        CallerChannel caller, [AsParameters] ListParameters query, IMessageStore store, CancellationToken cancellationToken)
    {
        var phoneNumberId = caller.Value.PhoneNumberId;
        MessageDirection? direction = query.Direction?.ToLowerInvariant() switch
        {
            null => null,
            "outbound" => MessageDirection.Outbound,
            "inbound" => MessageDirection.Inbound,
            _ => (MessageDirection)(-1),
        };
        if (direction == (MessageDirection)(-1))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("direction must be 'inbound' or 'outbound'."));
        }
        MessageStatus? status = null;
        if (query.Status is not null)
        {
            if (!MessageStatusNames.TryParse(query.Status, out var parsed))
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With("status must be one of accepted, sent, delivered, read, failed."));
            }
            status = parsed;
        }
        var limit = 50;
        if (query.Limit is not null
            && !(int.TryParse(query.Limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxPageSize))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"limit must be between 1 and {MaxPageSize}."));
        }
        if (!TryParseTime(query.Since, out var since) || !TryParseTime(query.Until, out var until))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("since and until must be ISO 8601 date-times, e.g. 2025-01-31T12:00:00Z."));
        }
        if (query.Before is not null && await store.GetAsync(phoneNumberId, query.Before, cancellationToken) is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("before must be a next_cursor returned by this endpoint."));
        }
        var page = await store.ListAsync(
            new MessageQuery(phoneNumberId, direction, query.Peer, status, since, until, query.Before, limit), cancellationToken);
        return TypedResults.Ok(new MessagePage(page.Items.Select(m => View(m, null)).ToArray(), page.NextCursor));
    }

    private static bool TryParseTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (value is null)
        {
            return true;
        }
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }
        time = parsed;
        return true;
    }

    private static async Task<Results<Ok<MessageView>, Refusal>> GetAsync(
        CallerChannel caller, string messageId, IMessageStore store, IPricingStore pricing, CancellationToken cancellationToken)
    {
        var message = await store.GetAsync(caller.Value.PhoneNumberId, messageId, cancellationToken);
        if (message is null)
        {
            return new Refusal(ErrorCatalog.UnknownObject(messageId, "get"));
        }
        var history = await store.GetHistoryAsync(messageId, cancellationToken);
        var priced = message.Direction == MessageDirection.Outbound ? await pricing.GetAsync(messageId, cancellationToken) : null;
        return TypedResults.Ok(View(message, history) with
        {
            Pricing = priced is null ? null : new PricingView(priced.Category, priced.Type, priced.Billable, priced.Country, priced.Price, priced.Currency, priced.PricedAt),
        });
    }

    private static MessageView View(StoredMessage m, IReadOnlyList<StatusChange>? history) => new(
        m.Id,
        m.Direction == MessageDirection.Outbound ? "outbound" : "inbound",
        m.Peer,
        m.Type,
        m.Status.ToWire(),
        Json(m.Payload)!.Value,
        m.BizOpaqueCallbackData,
        Json(m.ErrorJson),
        m.CreatedAt,
        m.UpdatedAt,
        history?.Select(h => new StatusView(h.Status.ToWire(), h.At, Json(h.ErrorJson))).ToArray());

    private static JsonElement? Json(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

internal sealed record MessageView(
    string Id, string Direction, string Peer, string Type, string Status, JsonElement Message, string? BizOpaqueCallbackData,
    JsonElement? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<StatusView>? Statuses)
{
    /// <summary>How the message was priced, once a status reported it (outbound messages only).</summary>
    public PricingView? Pricing { get; init; }
}

/// <summary>A message's per-message pricing as recorded: category, type, whether charged, the market and the price from the table.</summary>
internal sealed record PricingView(string Category, string Type, bool Billable, string Country, decimal Price, string Currency, DateTimeOffset PricedAt);

internal sealed record StatusView(string Status, DateTimeOffset At, JsonElement? Error);

internal sealed record MessagePage(IReadOnlyList<MessageView> Data, string? NextCursor);
