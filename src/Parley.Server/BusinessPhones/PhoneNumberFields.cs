using System.Text.Json.Nodes;
using Parley.Core.Model;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// The fields of a phone-number node (S <c>PhoneNumberInfo</c>, <c>WhatsAppBusinessAccountPhoneNumber</c>; digest
/// §5.2, §6) and how each is rendered from a <see cref="PhoneNumberView"/>.
/// </summary>
internal static class PhoneNumberFields
{
    public const string NodeType = "WhatsAppBusinessPhoneNumber";

    private static readonly Dictionary<string, Func<PhoneNumberView, JsonNode?>> Fields = new(StringComparer.Ordinal)
    {
        ["id"] = v => v.Channel.PhoneNumberId,
        ["display_phone_number"] = v => DisplayPhoneNumber(v.Channel),
        ["verified_name"] = v => v.Channel.VerifiedName,
        ["quality_rating"] = v => v.Phone.QualityRating,
        ["name_status"] = v => v.Phone.NameStatus,
        ["code_verification_status"] = v => v.Phone.CodeVerificationStatus,
        ["throughput"] = v => new JsonObject { ["level"] = v.ThroughputLevel },
        ["whatsapp_business_manager_messaging_limit"] = v => v.Phone.MessagingLimitTier,
        ["messaging_limit_tier"] = v => v.Phone.MessagingLimitTier,
        ["platform_type"] = v => v.Phone.Registered ? "CLOUD_API" : "NOT_APPLICABLE",
        ["is_on_biz_app"] = v => v.OnBizApp,
        ["host_platform"] = v => v.Phone.Registered ? "CLOUD_API" : "NOT_APPLICABLE",
        ["status"] = v => v.Phone.Status,
        ["account_mode"] = v => v.Phone.AccountMode,
        ["is_official_business_account"] = _ => false,
        ["is_pin_enabled"] = v => v.Phone.PinHash is not null,
        ["country_dial_code"] = v => v.Channel.CountryCallingCode,
    };

    /// <summary>S <c>/{Phone-Number-ID}</c> GET: "If not specified, only default fields … are returned"; <c>fields</c> adds to them.</summary>
    public static readonly IReadOnlyList<string> NodeDefaults = ["id", "display_phone_number", "verified_name", "quality_rating"];

    /// <summary>S <c>/{WABA-ID}/phone_numbers</c> example: the fields of each number when <c>fields</c> is not given.</summary>
    public static readonly IReadOnlyList<string> ListDefaults =
    [
        "id", "display_phone_number", "verified_name", "status", "quality_rating", "code_verification_status",
        "account_mode", "host_platform", "messaging_limit_tier", "is_official_business_account",
    ];

    public static IReadOnlyCollection<string> Known => Fields.Keys;

    /// <summary>The node with <paramref name="names"/>, in that order (<c>id</c> always included, as Graph does).</summary>
    public static JsonObject Render(PhoneNumberView view, IEnumerable<string> names)
    {
        var json = new JsonObject();
        foreach (var name in names.Prepend("id").Distinct(StringComparer.Ordinal))
        {
            json[name] = Fields[name](view);
        }
        return json;
    }

    /// <summary>
    /// The number as WhatsApp shows it: <c>+1 555-555-5555</c> for North American numbers (S <c>PhoneNumberInfo</c>
    /// example), otherwise <c>+&lt;country code&gt; &lt;national number&gt;</c>.
    /// </summary>
    public static string DisplayPhoneNumber(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var digits = channel.DisplayPhoneNumber;
        var cc = channel.CountryCallingCode;
        if (cc.Length == 0 || !digits.StartsWith(cc, StringComparison.Ordinal) || digits.Length == cc.Length)
        {
            return "+" + digits;
        }
        var national = digits[cc.Length..];
        return cc == "1" && national.Length == 10
            ? $"+1 {national[..3]}-{national[3..6]}-{national[6..]}"
            : $"+{cc} {national}";
    }
}
