using System.Globalization;
using System.Text.Json.Serialization;
using Parley.Core.Pricing;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>The answer of every send (seed 000): <c>{"sent":true,"id":"…","message":"Sent to 12020721369@c.us","description":"…"}</c>.</summary>
internal sealed record OneMsgSentResponse(
    [property: JsonPropertyName("sent")] bool Sent,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("description")] string Description);

/// <summary><c>{"result": "success"}</c> (readMessage) or <c>{"result": "&lt;ip&gt;"}</c> (outputIP).</summary>
internal sealed record OneMsgResultResponse([property: JsonPropertyName("result")] string Result);

/// <summary><c>GET /status</c>: <c>connected</c>, <c>connecting</c>, <c>disconnected</c>, <c>uninitialized</c> or <c>unregistered</c>.</summary>
internal sealed record OneMsgStatusResponse([property: JsonPropertyName("status")] string Status);

/// <summary><c>POST /webhook</c>: whether the request changed the webhook, and the URL(s) now set.</summary>
internal sealed record OneMsgWebhookSetResponse(
    [property: JsonPropertyName("set")] bool Set,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("webhookUrl")] IReadOnlyList<string> WebhookUrl);

internal sealed record OneMsgWebhookResponse([property: JsonPropertyName("webhookUrl")] IReadOnlyList<string> WebhookUrl);

/// <summary><c>GET /statistics</c>: the month and what its charged template messages cost.</summary>
internal sealed record OneMsgStatisticsResponse(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("templates_cost")] decimal TemplatesCost);

/// <summary>One month of <c>GET /extendedStatistics</c> (digest A.4), plus <c>categories</c>: the same counts per pricing category.</summary>
internal sealed record OneMsgExtendedStatistics(
    [property: JsonPropertyName("period_date")] string PeriodDate,
    [property: JsonPropertyName("quantity")] long Quantity,
    [property: JsonPropertyName("paid_quantity")] long PaidQuantity,
    [property: JsonPropertyName("free_quantity")] long FreeQuantity,
    [property: JsonPropertyName("free_tier")] long FreeTier,
    [property: JsonPropertyName("free_entry_point")] long FreeEntryPoint,
    [property: JsonPropertyName("business_initiated_quantity")] long BusinessInitiatedQuantity,
    [property: JsonPropertyName("business_initiated_paid_quantity")] long BusinessInitiatedPaidQuantity,
    [property: JsonPropertyName("business_initiated_price")] decimal BusinessInitiatedPrice,
    [property: JsonPropertyName("user_initiated_quantity")] long UserInitiatedQuantity,
    [property: JsonPropertyName("user_initiated_paid_quantity")] long UserInitiatedPaidQuantity,
    [property: JsonPropertyName("user_initiated_price")] decimal UserInitiatedPrice,
    [property: JsonPropertyName("total_price")] decimal TotalPrice,
    [property: JsonPropertyName("categories")] IReadOnlyDictionary<string, OneMsgCategoryStatistics> Categories)
{
    /// <summary>1msg's words for a month of usage; <c>free_tier</c> counts the free customer service messages.</summary>
    public static OneMsgExtendedStatistics From(UsageSummary usage) => new(
        usage.PeriodStart.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        usage.Quantity, usage.PaidQuantity, usage.FreeQuantity, usage.FreeCustomerService, usage.FreeEntryPoint,
        usage.BusinessInitiatedQuantity, usage.BusinessInitiatedPaidQuantity, usage.BusinessInitiatedPrice,
        usage.UserInitiatedQuantity, usage.UserInitiatedPaidQuantity, usage.UserInitiatedPrice, usage.TotalPrice,
        usage.ByCategory.ToDictionary(c => c.Key, c => new OneMsgCategoryStatistics(c.Value.Quantity, c.Value.PaidQuantity, c.Value.Price), StringComparer.Ordinal));
}

/// <summary>One pricing category's messages in a month of <c>GET /extendedStatistics</c>.</summary>
internal sealed record OneMsgCategoryStatistics(
    [property: JsonPropertyName("quantity")] long Quantity,
    [property: JsonPropertyName("paid_quantity")] long PaidQuantity,
    [property: JsonPropertyName("price")] decimal Price);
