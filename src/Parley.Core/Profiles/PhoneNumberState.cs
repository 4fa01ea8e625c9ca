namespace Parley.Core.Profiles;

/// <summary>
/// What WhatsApp knows about a business phone number beyond its channel settings (digest §5.2, §6; S
/// <c>PhoneNumberInfo</c>, <c>WhatsAppBusinessAccountPhoneNumber</c>). <see cref="ThroughputLevel"/> <c>null</c> means
/// "follow the channel's messages_per_second" (<see cref="PhoneNumberValues.ThroughputFor"/>).
/// </summary>
/// <param name="Registered">Whether the number is registered on the Cloud API (can send); <c>/deregister</c> clears it.</param>
/// <param name="PinHash">SHA-256 (hex) of the two-step verification PIN, once one is set; the PIN itself is never stored.</param>
/// <param name="OnBizApp">
/// Whether the number is also in use with the WhatsApp Business app ("coexistence", Meta's <c>is_on_biz_app</c>): its
/// throughput is then fixed at <see cref="Throughput.CoexistenceMessagesPerSecond"/>.
/// </param>
public sealed record PhoneNumberState(
    bool Registered,
    string? PinHash,
    string QualityRating,
    string? ThroughputLevel,
    string MessagingLimitTier,
    string NameStatus,
    string CodeVerificationStatus,
    string AccountMode,
    string Status,
    bool OnBizApp = false)
{
    /// <summary>
    /// A channel Parley has no row for: a registered, verified Cloud API number in good standing. TIER_1K: the tier a
    /// number that has passed the 250 starter limit is in (M:messaging-limits), so tests are not capped by default.
    /// </summary>
    public static PhoneNumberState Default { get; } = new(
        Registered: true,
        PinHash: null,
        QualityRating: "GREEN",
        ThroughputLevel: null,
        MessagingLimitTier: "TIER_1K",
        NameStatus: "APPROVED",
        CodeVerificationStatus: "VERIFIED",
        AccountMode: "LIVE",
        Status: "CONNECTED",
        OnBizApp: false);
}

/// <summary>The values each phone-number field may take, with their sources.</summary>
public static class PhoneNumberValues
{
    /// <summary>S <c>PhoneNumberInfo.quality_rating</c>.</summary>
    public static readonly IReadOnlySet<string> QualityRatings = Set("GREEN", "YELLOW", "RED", "NA");

    /// <summary>M:throughput: <c>STANDARD</c> (80 mps), <c>HIGH</c> (1,000 mps); <c>NOT_APPLICABLE</c> for unregistered numbers.</summary>
    public static readonly IReadOnlySet<string> ThroughputLevels = Set("STANDARD", "HIGH", "NOT_APPLICABLE");

    /// <summary>
    /// S <c>messaging_limit_tier</c> enum (deprecated field) plus <c>TIER_2K</c>, the 2,000 step of today's scaling path
    /// (M:messaging-limits, digest §6) that <c>whatsapp_business_manager_messaging_limit</c> reports.
    /// </summary>
    public static readonly IReadOnlySet<string> MessagingLimitTiers = Set("TIER_50", "TIER_250", "TIER_1K", "TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED");

    /// <summary>S <c>PhoneNumberInfo.name_status</c>.</summary>
    public static readonly IReadOnlySet<string> NameStatuses = Set("APPROVED", "AVAILABLE_WITHOUT_REVIEW", "DECLINED", "EXPIRED", "PENDING_REVIEW", "NONE");

    /// <summary>S <c>PhoneNumberInfo.code_verification_status</c>; the WABA list also shows <c>NOT_VERIFIED</c>, <c>EXPIRED</c>.</summary>
    public static readonly IReadOnlySet<string> CodeVerificationStatuses = Set("VERIFIED", "UNVERIFIED", "NOT_VERIFIED", "EXPIRED");

    /// <summary>S <c>WhatsAppBusinessAccountPhoneNumber.account_mode</c>.</summary>
    public static readonly IReadOnlySet<string> AccountModes = Set("LIVE", "SANDBOX");

    /// <summary>
    /// The number's connection status: Meta's node answers <c>CONNECTED</c>/<c>DISCONNECTED</c> and the states of S
    /// <c>WhatsAppBusinessAccountPhoneNumber.status</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> Statuses = Set(
        "CONNECTED", "DISCONNECTED", "PENDING", "LINKED", "UNLINKED", "DELETED", "MIGRATED", "BANNED", "RESTRICTED", "FLAGGED", "RATE_LIMITED", "UNVERIFIED");

    /// <summary>M:throughput: a registered number sends 80 messages per second by default.</summary>
    public const int StandardMessagesPerSecond = 80;

    /// <summary>M:throughput: after the automatic upgrade, 1,000 messages per second.</summary>
    public const int HighMessagesPerSecond = 1000;

    /// <summary>The level a channel paced at <paramref name="messagesPerSecond"/> has when none was set: above 80 mps is <c>HIGH</c>.</summary>
    public static string ThroughputFor(int messagesPerSecond) => messagesPerSecond > StandardMessagesPerSecond ? "HIGH" : "STANDARD";

    /// <summary>
    /// The <c>throughput.level</c> Meta reports for a number: a coexistence number's fixed 20 mps is below every upgrade,
    /// so it is <c>STANDARD</c> whatever level was set; otherwise <paramref name="level"/>.
    /// </summary>
    public static string ThroughputLevel(string level, bool onBizApp) => onBizApp ? "STANDARD" : level;

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
