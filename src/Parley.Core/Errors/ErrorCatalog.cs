namespace Parley.Core.Errors;

/// <summary>
/// Every WhatsApp error Parley produces, in one place. Each dialect renders these in its own wire format.
/// Source: Meta's error-code table (reference/cloud-api-digest.md §2.2) and the Graph spec's response examples.
/// </summary>
public static class ErrorCatalog
{
    // Graph / authentication
    public static readonly ErrorDefinition UnknownError = new(1, "An unknown error occurred", 500, IsTransient: true);
    public static readonly ErrorDefinition ServiceUnavailable = new(2, "Service temporarily unavailable", 503, IsTransient: true);
    public static readonly ErrorDefinition TooManyCalls = new(4, "Application request limit reached", 429, IsTransient: true);
    public static readonly ErrorDefinition PermissionDenied = new(10, "Permission denied", 403);
    /// <summary>Since Graph v16 every code-100 error carries the title "Invalid parameter"; the cause goes to details.</summary>
    public static readonly ErrorDefinition InvalidParameter = new(100, "Invalid parameter", 400);
    /// <summary>Code 100 subcode 33: object id unknown or not accessible with this token.</summary>
    public static readonly ErrorDefinition UnsupportedRequest = new(100, "Unsupported post request", 400, "GraphMethodException");
    public static readonly ErrorDefinition AccessTokenRequired = new(104, "An access token is required to request this resource", 401);
    public static readonly ErrorDefinition InvalidAccessToken = new(190, "Invalid OAuth access token - Cannot parse access token", 401);
    public static readonly ErrorDefinition ApiPermission = new(200, "Permission error", 403);
    public static readonly ErrorDefinition ObjectNotFound = new(803, "Some of the aliases you requested do not exist", 404, "GraphMethodException");
    public static readonly ErrorDefinition RequestTooLarge = new(100, "Invalid parameter", 413);
    public static readonly ErrorDefinition UnknownPath = new(2500, "Unknown path components", 400);
    /// <summary>
    /// A callback URL did not answer Graph's verification <c>GET</c> (<c>hub.mode=subscribe</c>) with 200 and the
    /// <c>hub.challenge</c> it was sent, so the subscription or override is not made (M:graph-api/webhooks/getting-started).
    /// </summary>
    public static readonly ErrorDefinition CallbackVerificationFailed = new(2200, "Callback verification failed", 400);

    // WhatsApp messaging
    public static readonly ErrorDefinition RateLimitHit = new(130429, "Rate limit hit", 429, IsTransient: true);
    public static readonly ErrorDefinition SomethingWentWrong = new(131000, "Something went wrong", 500, IsTransient: true);
    public static readonly ErrorDefinition AccessDenied = new(131005, "Access denied", 403);
    public static readonly ErrorDefinition RequiredParameterMissing = new(131008, "Required parameter is missing", 400);
    public static readonly ErrorDefinition ParameterValueNotValid = new(131009, "Parameter value is not valid", 400);
    public static readonly ErrorDefinition ServiceTemporarilyUnavailable = new(131016, "Service unavailable", 500, IsTransient: true);
    public static readonly ErrorDefinition RecipientCannotBeSender = new(131021, "Recipient cannot be sender", 400);
    public static readonly ErrorDefinition MessageUndeliverable = new(131026, "Message Undeliverable", 400);
    public static readonly ErrorDefinition ReEngagementMessage = new(131047, "Re-engagement message", 400);
    public static readonly ErrorDefinition UnsupportedMessageType = new(131051, "Unsupported message type", 400);
    public static readonly ErrorDefinition MediaDownloadError = new(131052, "Media download error", 400);
    public static readonly ErrorDefinition MediaUploadError = new(131053, "Media upload error", 400);
    /// <summary>A message that needs the user's phone number (authentication templates) sent to a BSUID only (Meta, "Business-scoped user IDs").</summary>
    public static readonly ErrorDefinition BsuidRecipientNotSupported = new(131062, "Business-scoped User ID recipients are not supported for this message", 400);
    public static readonly ErrorDefinition PairRateLimitHit = new(131056, "(Business Account, Consumer Account) pair rate limit hit", 400, IsTransient: true);
    public static readonly ErrorDefinition AccountInMaintenance = new(131057, "Account in maintenance mode", 500, IsTransient: true);

    // Groups (Meta, "Groups API Error Codes and Troubleshooting")
    /// <summary>A message to a group whose only member is the business.</summary>
    public static readonly ErrorDefinition BadGroup = new(131020, "Bad Group", 400);
    /// <summary>The group does not exist, or the business is not a member (deleted, or another number's).</summary>
    public static readonly ErrorDefinition GroupUnknown = new(131041, "Group unknown", 400);
    public static readonly ErrorDefinition InvalidCursor = new(131059, "Invalid cursor", 400);
    /// <summary>Not every participant-level operation of the request succeeded (HTTP 206).</summary>
    public static readonly ErrorDefinition RequestPartiallySucceeded = new(131201, "Request partially succeeded", 206);
    public static readonly ErrorDefinition DuplicateParticipant = new(131202, "Duplicate participant", 400);
    public static readonly ErrorDefinition ParticipantOverlimit = new(131204, "Participant overlimit", 400);
    public static readonly ErrorDefinition GroupSuspended = new(131207, "Group suspended", 403);
    public static readonly ErrorDefinition GroupRateLimitHit = new(131208, "Group Rate Limit Hit", 429, IsTransient: true);
    public static readonly ErrorDefinition GroupPictureAspectRatio = new(131209, "Invalid Group Profile Picture Aspect Ratio", 400);
    public static readonly ErrorDefinition GroupPictureTooSmall = new(131210, "Image is Too Small to Process", 400);
    public static readonly ErrorDefinition GroupCreateLimitReached = new(131211, "Group create limit reached", 400);
    public static readonly ErrorDefinition ParticipantNotInGroup = new(131212, "Participant is not a part of the group.", 400);
    public static readonly ErrorDefinition JoinRequestNotFound = new(131213, "Group join request does not exist.", 400);

    // Flows (Meta, "WhatsApp Flows error codes": Flow Management API; sending flows)
    /// <summary>WhatsApp's integrity checks blocked the flow's creation, update or publishing.</summary>
    public static readonly ErrorDefinition FlowBlockedByIntegrity = new(139000, "Blocked By Integrity", 400);
    /// <summary>The flow (or its Flow JSON) cannot be changed: it is not a draft, or the change is invalid.</summary>
    public static readonly ErrorDefinition FlowUpdatingError = new(139001, "Flow can't be updated", 400);
    public static readonly ErrorDefinition FlowPublishingError = new(139002, "Flow can't be published", 400);
    public static readonly ErrorDefinition FlowDeprecatingError = new(139003, "Flow can't be deprecated", 400);
    public static readonly ErrorDefinition FlowDeletingError = new(139004, "Flow can't be deleted", 400);
    /// <summary>A send of a flow WhatsApp blocked (its endpoint's health).</summary>
    public static readonly ErrorDefinition FlowBlocked = new(132068, "Flow is in blocked state", 400);
    /// <summary>A send of a throttled flow beyond its 10 messages an hour.</summary>
    public static readonly ErrorDefinition FlowThrottled = new(132069, "Flow is in throttled state and 10 messages using this flow were already sent in the last hour", 400);

    // Blocking users (Meta, "Block users": error codes; issue 15 part 4). Per-user failures also use 131047 (the user has
    // not written in the last 24 hours, or is not a WhatsApp user) and 131021 (the business's own number).
    /// <summary>Some or all users of a block or unblock request failed; <c>block_users.failed_users</c> says why, per user.</summary>
    public static readonly ErrorDefinition BlockUsersFailed = new(139100, "Failed to block/unblock users", 400);
    /// <summary>The number's blocklist holds its 64,000 users.</summary>
    public static readonly ErrorDefinition BlocklistLimitReached = new(139101, "Blocklist limit reached", 400);
    /// <summary>A page of the blocklist asked with a cursor of a blocklist that changed since (the cursor's version does not match).</summary>
    public static readonly ErrorDefinition BlocklistConcurrentUpdate = new(139102, "Blocklist concurrent update", 400);
    /// <summary>A message to a user the business blocked (a <c>failed</c> status; do not retry, unblock first).</summary>
    public static readonly ErrorDefinition BusinessBlockedUser = new(130403, "Business has blocked the end user", 400);

    // Template analytics (issue 15: seed 000 "Template Analytics"; Meta, "Template analytics")
    /// <summary>Analytics asked of an account that has not turned them on (details: "Template analytics is disabled for this channel.").</summary>
    public static readonly ErrorDefinition TemplateAnalyticsDisabled = new(100, "Invalid parameter", 400);
    /// <summary>Template analytics of a business whose number is of the EU, the UK or Japan (seed 000: "not supported"; UNCONFIRMED code).</summary>
    public static readonly ErrorDefinition TemplateAnalyticsNotSupported = new(200, "Permission error", 403);

    // Templates
    public static readonly ErrorDefinition TemplateParamCountMismatch = new(132000, "Number of parameters does not match the expected number of params", 400);
    public static readonly ErrorDefinition TemplateDoesNotExist = new(132001, "Template name does not exist in the translation", 404);
    public static readonly ErrorDefinition TemplateParameterFormatMismatch = new(132012, "Parameter format does not match format in the created template", 400);
    public static readonly ErrorDefinition TemplatePaused = new(132015, "Template is Paused", 400);
    public static readonly ErrorDefinition TemplateDisabled = new(132016, "Template is Disabled", 400);

    // ---- phone numbers and business profile ----
    /// <summary>Digest §2.2: wrong two-step verification <c>pin</c> on <c>/register</c>.</summary>
    public static readonly ErrorDefinition TwoStepPinMismatch = new(133005, "Two step verification PIN Mismatch", 400);
    /// <summary>Digest §2.2: the number must be verified again (request_code / verify_code) before registering.</summary>
    public static readonly ErrorDefinition ReVerificationNeeded = new(133006, "Phone number re-verification needed", 400);
    /// <summary>Digest §2.2: sending from a number that is not registered on the Cloud API.</summary>
    public static readonly ErrorDefinition PhoneNumberNotRegistered = new(133010, "Phone number Not Registered", 400);
    /// <summary>Digest §5.3: POST whatsapp_business_profile answers 422/100 "The profile picture handle is invalid or expired".</summary>
    public static readonly ErrorDefinition InvalidProfilePictureHandle = new(100, "Invalid parameter", 422);
    // ---- templates ----
    /// <summary>Template management answers code 100 with these subcodes (M:support/error-codes; digest §2.2).</summary>
    public const int TemplateLimitExceededSubcode = 2388019;
    public const int TemplateDuplicateSubcode = 2388024;
    public const int TemplateCharacterLimitSubcode = 2388040;
    public const int TemplateHeaderFormatSubcode = 2388047;
    public const int TemplateBodyFormatSubcode = 2388072;
    public const int TemplateFooterFormatSubcode = 2388073;
    public const int TemplateLeadingTrailingParamsSubcode = 2388299;

    // ---- management: registration throttling ----
    /// <summary>Digest §2.2 / §5.2: too many wrong two-step verification PINs on <c>/register</c>.</summary>
    public static readonly ErrorDefinition TooManyPinGuesses = new(133008, "Too Many two step verification PIN Guesses", 400);
    /// <summary>Digest §2.2 / §5.2: a PIN guessed again too soon after a wrong one.</summary>
    public static readonly ErrorDefinition PinGuessedTooFast = new(133009, "Two step verification PIN Guessed Too Fast", 400);
    /// <summary>Digest §2.2 / §6: too many <c>/register</c> and <c>/deregister</c> requests for one number.</summary>
    public static readonly ErrorDefinition RegisterDeregisterRateLimit = new(133016, "Account register deregister rate limit exceeded", 400);

    // ---- uploads, template samples ----
    /// <summary>
    /// Template creation with a media header whose <c>example.header_handle</c> is not an upload handle of the business
    /// (observed: Meta answers a URL there with code 100 subcode 2388273 "Templates with IMAGE header type need an
    /// example/sample, but it was not provided").
    /// </summary>
    public const int TemplateHeaderSampleSubcode = 2388273;
    /// <summary>
    /// Creating a template whose name an approved template had until it was deleted less than 30 days ago (digest §5.1;
    /// observed: code 100 subcode 2388023 "Message Template Language Is Being Deleted", a hold of about four weeks).
    /// </summary>
    public const int TemplateNameBeingDeletedSubcode = 2388023;

    // ---- message QR codes (issue 15 part 6; Meta's OpenAPI file, /{phone-number-id}/message_qrdls) ----
    /// <summary>A QR code the phone number does not have, or a deleted one: 404, code 803, "QR code not found".</summary>
    public static readonly ErrorDefinition QrCodeNotFound = new(803, "QR code not found", 404, "GraphMethodException");

    // ---- commerce (issue 15 part 3): catalogs connected to the account, products, orders ----
    /// <summary>
    /// A product, catalog or product-carousel message while no catalog is connected to the business account, or naming
    /// another catalog. UNCONFIRMED: Meta documents no code of its own for this; it answers 131009 "Parameter value is not
    /// valid" with the reason in the details, as for an unknown product (docs/commerce.md).
    /// </summary>
    public static readonly ErrorDefinition CatalogNotConnected = new(131009, "Parameter value is not valid", 400);
    /// <summary>A product the connected catalog does not hold (131009, details "Products not found in FB Catalog").</summary>
    public static readonly ErrorDefinition ProductNotFound = new(131009, "Parameter value is not valid", 400);

    // ---- 1msg completeness (issue 15 part 8): address messages ----
    /// <summary>
    /// An address message to a recipient whose number is not in the message's country (seed004 "Address Messages": India
    /// and Singapore only; "businesses will be unable to request an address message" from a +91 number as Singapore):
    /// accepted, then the message fails with this code (M: error codes, 1026 "Receiver Incapable").
    /// </summary>
    public static readonly ErrorDefinition ReceiverIncapable = new(1026, "Receiver Incapable", 400);

    /// <summary>The Graph "object does not exist" error (code 100, subcode 33) for an id the caller cannot reach.</summary>
    public static WhatsAppError UnknownObject(string id, string method = "post")
    {
        var text = $"Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";
        return new WhatsAppError(UnsupportedRequest, text, 33, text);
    }
}
