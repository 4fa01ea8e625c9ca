namespace Parley.Core.Profiles;

/// <summary>
/// A phone number's WhatsApp Business profile (S <c>WhatsAppBusinessProfile</c>; digest §5.3). Empty strings and an
/// empty website list mean "not set". <see cref="ProfilePictureHandle"/> is the Resumable Upload handle last set.
/// </summary>
public sealed record BusinessProfile(
    string About,
    string Address,
    string Description,
    string Email,
    string Vertical,
    IReadOnlyList<string> Websites,
    string ProfilePictureHandle)
{
    /// <summary>A number's profile before anything is set: Meta shows an empty profile with vertical <c>UNDEFINED</c>.</summary>
    public static BusinessProfile Empty { get; } = new("", "", "", "", "UNDEFINED", [], "");

    /// <summary>This profile with the fields <paramref name="update"/> gives replaced (a partial update).</summary>
    public BusinessProfile With(BusinessProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new(
            update.About ?? About,
            update.Address ?? Address,
            update.Description ?? Description,
            update.Email ?? Email,
            update.Vertical ?? Vertical,
            update.Websites ?? Websites,
            update.ProfilePictureHandle ?? ProfilePictureHandle);
    }
}

/// <summary>The fields of a profile update; <c>null</c> leaves a field as it is.</summary>
public sealed record BusinessProfileUpdate(
    string? About = null,
    string? Address = null,
    string? Description = null,
    string? Email = null,
    string? Vertical = null,
    IReadOnlyList<string>? Websites = null,
    string? ProfilePictureHandle = null);

/// <summary>
/// The business profile's limits, each named once with its source: Meta "Business Profiles" (M) and the Graph v23.0
/// OpenAPI file (S <c>WhatsAppBusinessProfile*</c>), as condensed in reference/cloud-api-digest.md §5.3.
/// Lengths count Unicode code points, so an emoji is one character.
/// </summary>
public static class BusinessProfileLimits
{
    /// <summary>M: "about … Minimum 1 character. Maximum 139 characters."</summary>
    public const int AboutMinLength = 1;
    /// <summary>M: <c>about</c> maximum 139 characters.</summary>
    public const int AboutMaxLength = 139;
    /// <summary>M and S: <c>address</c> maximum 256 characters.</summary>
    public const int AddressMaxLength = 256;
    /// <summary>M: <c>description</c> maximum 512 characters (the spec's 256 is older; Meta's page wins).</summary>
    public const int DescriptionMaxLength = 512;
    /// <summary>M: <c>email</c> "Maximum 128 characters".</summary>
    public const int EmailMaxLength = 128;
    /// <summary>M: <c>websites</c> "Maximum of 2 websites".</summary>
    public const int MaxWebsites = 2;
    /// <summary>M: each website "Maximum of 256 characters".</summary>
    public const int WebsiteMaxLength = 256;

    /// <summary>
    /// S <c>WhatsAppBusinessProfile.vertical</c> enum, plus <c>UNDEFINED</c> and <c>NOT_A_BIZ</c> that Meta's page also
    /// lists (an empty string clears the vertical back to <c>UNDEFINED</c>).
    /// </summary>
    public static readonly IReadOnlySet<string> Verticals = new HashSet<string>(StringComparer.Ordinal)
    {
        "UNDEFINED", "OTHER", "AUTO", "BEAUTY", "APPAREL", "EDU", "ENTERTAIN", "EVENT_PLAN", "FINANCE", "GROCERY", "GOVT",
        "HOTEL", "HEALTH", "NONPROFIT", "PROF_SERVICES", "RETAIL", "TRAVEL", "RESTAURANT", "NOT_A_BIZ", "ALCOHOL",
        "ONLINE_GAMBLING", "PHYSICAL_GAMBLING", "OTC_DRUGS",
    };

    /// <summary>The fields <c>GET …/whatsapp_business_profile?fields=</c> can return (M "Business Profiles").</summary>
    public static readonly IReadOnlyList<string> ReadableFields =
        ["about", "address", "description", "email", "profile_picture_url", "websites", "vertical"];
}
