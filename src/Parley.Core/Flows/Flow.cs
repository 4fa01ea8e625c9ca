namespace Parley.Core.Flows;

/// <summary>
/// A WhatsApp Flow of a business account (WABA): its metadata, its current Flow JSON and where it is in its lifecycle
/// (<see cref="FlowStatuses"/>). A flow is sendable while <see cref="FlowStatuses.Published"/>, or as a draft to
/// testers (<c>mode: "draft"</c>).
/// </summary>
/// <param name="Id">The Graph id of the flow (numeric, like Meta's).</param>
/// <param name="AccountId">The business account (WABA) that owns it.</param>
/// <param name="Name">Unique within the account (what a v24+ send names it by).</param>
/// <param name="Categories">One or more of <see cref="FlowCategories.All"/>.</param>
/// <param name="FlowJson">The uploaded Flow JSON asset, as uploaded; null until one is uploaded.</param>
/// <param name="ValidationErrors">What <see cref="FlowJsonValidator"/> found in <paramref name="FlowJson"/> (empty when valid or none uploaded).</param>
/// <param name="JsonVersion">The Flow JSON's <c>version</c>, when it has one.</param>
/// <param name="DataApiVersion">The Flow JSON's <c>data_api_version</c>: set when the flow exchanges data with an endpoint.</param>
/// <param name="EndpointUri">The business's flow endpoint (Meta's <c>endpoint_uri</c>), when the flow has one.</param>
/// <param name="PreviewToken">The token of the current preview URL; a new one when the preview is invalidated.</param>
/// <param name="PreviewExpiresAt">When the current preview URL stops working.</param>
public sealed record Flow(
    string Id,
    string AccountId,
    string Name,
    IReadOnlyList<string> Categories,
    string Status,
    string? FlowJson,
    IReadOnlyList<FlowValidationError> ValidationErrors,
    string? JsonVersion,
    string? DataApiVersion,
    string? EndpointUri,
    string? PreviewToken,
    DateTimeOffset? PreviewExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the flow talks to the business's endpoint (and so needs a healthy one to publish).</summary>
    public bool UsesEndpoint => EndpointUri is not null || DataApiVersion is not null;
}

/// <summary>A flow's lifecycle: DRAFT → PUBLISHED → DEPRECATED; WhatsApp may block or throttle a published flow.</summary>
public static class FlowStatuses
{
    public const string Draft = "DRAFT";
    public const string Published = "PUBLISHED";
    public const string Deprecated = "DEPRECATED";
    /// <summary>WhatsApp blocked the flow (its endpoint failed too often): it cannot be sent until unblocked.</summary>
    public const string Blocked = "BLOCKED";
    /// <summary>WhatsApp limits how often the flow can be sent (its endpoint is unhealthy).</summary>
    public const string Throttled = "THROTTLED";

    public static readonly IReadOnlyList<string> All = [Draft, Published, Deprecated, Blocked, Throttled];
}

/// <summary>The values of a flow's <c>categories</c> (Meta's <c>FlowCategory</c> enum; SHOPPING is in Meta's current list, not in seed 000).</summary>
public static class FlowCategories
{
    public static readonly IReadOnlyList<string> All =
        ["SIGN_UP", "SIGN_IN", "APPOINTMENT_BOOKING", "LEAD_GENERATION", "SHOPPING", "CONTACT_US", "CUSTOMER_SUPPORT", "SURVEY", "OTHER"];
}
