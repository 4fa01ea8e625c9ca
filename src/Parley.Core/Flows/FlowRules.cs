using Parley.Core.Errors;

namespace Parley.Core.Flows;

/// <summary>
/// WhatsApp's rules for managing flows (Meta, "WhatsApp Flows error codes" and the Flows API reference): names,
/// categories, endpoints, and what each status allows. Each check answers the error Meta answers, or null.
/// </summary>
public static class FlowRules
{
    /// <summary>Meta states no limit; 200 is what AWS's mirror of the API enforces (UNCONFIRMED at Meta).</summary>
    public const int NameMaxLength = 200;

    /// <summary>A Flow JSON asset may be at most 10 MB (UNCONFIRMED at Meta; AWS's mirror).</summary>
    public const int FlowJsonMaxBytes = 10 * 1024 * 1024;

    /// <summary>How long a preview URL works (Meta: 30 days).</summary>
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromDays(30);

    /// <summary>The asset type and name of the one asset a flow has.</summary>
    public const string FlowJsonAssetType = "FLOW_JSON";
    public const string FlowJsonAssetName = "flow.json";

    /// <summary>The Flow JSON versions from which the endpoint is the flow's <c>endpoint_uri</c> rather than the JSON's <c>data_channel_uri</c>.</summary>
    public const string EndpointUriFromJsonVersion = "3.0";

    public static WhatsAppError? CheckName(string? name) => name switch
    {
        null or "" => ErrorCatalog.InvalidParameter.With("The parameter name is required."),
        _ when string.IsNullOrWhiteSpace(name) => ErrorCatalog.InvalidParameter.With("Flow name must not be blank."),
        { Length: > NameMaxLength } => ErrorCatalog.InvalidParameter.With($"Flow name must be at most {NameMaxLength} characters."),
        _ => null,
    };

    public static WhatsAppError? CheckCategories(IReadOnlyList<string>? categories)
    {
        if (categories is null || categories.Count == 0)
        {
            return ErrorCatalog.InvalidParameter.With("The parameter categories is required: a list of one or more of " + string.Join(", ", FlowCategories.All) + ".");
        }
        return categories.FirstOrDefault(c => !FlowCategories.All.Contains(c, StringComparer.Ordinal)) is { } unknown
            ? ErrorCatalog.InvalidParameter.With($"Param categories[] must be one of {{{string.Join(", ", FlowCategories.All)}}}, not \"{unknown}\".")
            : null;
    }

    /// <summary>An endpoint is an absolute https URL.</summary>
    public static WhatsAppError? CheckEndpointUri(string? endpointUri) =>
        endpointUri is null || (Uri.TryCreate(endpointUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            ? null
            : ErrorCatalog.InvalidParameter.With("Param endpoint_uri must be an absolute https URL.");

    public static WhatsAppError NameNotUnique() =>
        ErrorCatalog.InvalidParameter.With("Flow name is not unique: another flow of this WhatsApp Business Account has that name.");

    /// <summary>Metadata and Flow JSON change only while the flow is a draft: a published flow and its assets are immutable.</summary>
    public static WhatsAppError? CheckUpdatable(Flow flow) =>
        flow.Status == FlowStatuses.Draft
            ? null
            : ErrorCatalog.FlowUpdatingError.With($"You can't update a flow that is {flow.Status}. Clone it into a new flow to change it.");

    /// <summary>What must hold before publishing (the endpoint's health check comes after these).</summary>
    public static WhatsAppError? CheckPublishable(Flow flow, bool accountHasEncryptionKey)
    {
        if (flow.Status != FlowStatuses.Draft)
        {
            return ErrorCatalog.FlowPublishingError.With("Publishing Flow in invalid state: only a DRAFT flow can be published.");
        }
        if (flow.FlowJson is null)
        {
            return ErrorCatalog.FlowPublishingError.With("Publishing Flow without Flow JSON: upload a flow.json asset first.");
        }
        if (flow.ValidationErrors.Count > 0)
        {
            return ErrorCatalog.FlowPublishingError.With("Publishing Flow with validation errors.");
        }
        if (flow.DataApiVersion is not null && flow.EndpointUri is null)
        {
            return ErrorCatalog.FlowPublishingError.With("Publishing without specifying endpoint_uri is forbidden.");
        }
        if (flow.UsesEndpoint && !accountHasEncryptionKey)
        {
            return ErrorCatalog.FlowPublishingError.With("Missing Flows Signed Public Key: upload the business public key of a phone number of this account.");
        }
        return null;
    }

    public static WhatsAppError? CheckDeprecatable(Flow flow) => flow.Status switch
    {
        FlowStatuses.Deprecated => ErrorCatalog.FlowDeprecatingError.With("Flow is already deprecated."),
        FlowStatuses.Draft => ErrorCatalog.FlowDeprecatingError.With("Can't deprecate unpublished flow."),
        _ => null,
    };

    public static WhatsAppError? CheckDeletable(Flow flow) =>
        flow.Status == FlowStatuses.Draft ? null : ErrorCatalog.FlowDeletingError.With("Can't delete published Flow: only a DRAFT flow can be deleted.");

    /// <summary>Publishing failed because the endpoint's health check did (Meta: "Endpoint Not Available").</summary>
    public static WhatsAppError EndpointNotAvailable(string why) =>
        ErrorCatalog.FlowPublishingError.With($"Endpoint Not Available: {why}");

    /// <summary>A THROTTLED flow may be sent this many times in a sliding hour (Meta, "Flow health": 10 messages per hour).</summary>
    public const int ThrottledSendsPerHour = 10;

    /// <summary>The window <see cref="ThrottledSendsPerHour"/> counts in.</summary>
    public static readonly TimeSpan ThrottleWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether a message may open <paramref name="flow"/> (null: no flow of the sending account has that id or name,
    /// which <paramref name="reference"/> names): a PUBLISHED flow, a DRAFT one only with <c>mode: "draft"</c>, a
    /// THROTTLED one while fewer than <see cref="ThrottledSendsPerHour"/> were sent in the last hour. Meta has no
    /// flow-specific code for an unknown, draft or deprecated flow; Parley answers 131009 naming it (UNCONFIRMED).
    /// </summary>
    public static WhatsAppError? CheckSendable(Flow? flow, string? mode, string reference, int sentInLastHour) => flow is null
        ? ErrorCatalog.ParameterValueNotValid.With($"Flow {reference} does not exist in this WhatsApp Business Account.")
        : flow.Status switch
    {
        FlowStatuses.Published => null,
        FlowStatuses.Draft => mode == "draft"
            ? null
            : ErrorCatalog.ParameterValueNotValid.With($"Flow {reference} is in DRAFT status: publish it, or send it with mode \"draft\" to test it."),
        FlowStatuses.Deprecated => ErrorCatalog.ParameterValueNotValid.With($"Flow {reference} is DEPRECATED and can no longer be sent."),
        FlowStatuses.Blocked => ErrorCatalog.FlowBlocked.With($"Flow {reference} is blocked: it can't be sent or opened."),
        FlowStatuses.Throttled => sentInLastHour < ThrottledSendsPerHour
            ? null
            : ErrorCatalog.FlowThrottled.With($"Flow {reference} is throttled: {ThrottledSendsPerHour} messages with it were sent in the last hour."),
        _ => ErrorCatalog.ParameterValueNotValid.With($"Flow {reference} can't be sent while {flow.Status}."),
    };

    /// <summary>
    /// A template's FLOW button names a flow by <c>flow_id</c> or <c>flow_name</c>: it must be a PUBLISHED flow of the
    /// template's account (null: none has that id or name). Meta: "specify the ID or name of an already published Flow".
    /// </summary>
    public static WhatsAppError? CheckTemplateButtonFlow(Flow? flow, string reference) => flow switch
    {
        null => ErrorCatalog.InvalidParameter.With($"The FLOW button's flow {reference} does not exist in this WhatsApp Business Account."),
        { Status: FlowStatuses.Published } => null,
        _ => ErrorCatalog.InvalidParameter.With($"The FLOW button's flow {reference} is {flow.Status}: a template's FLOW button needs a PUBLISHED flow."),
    };
}
