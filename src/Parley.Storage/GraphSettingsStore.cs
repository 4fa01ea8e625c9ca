namespace Parley.Storage;

/// <summary>Whose Graph settings a <see cref="IGraphSettingsStore"/> row holds.</summary>
public static class GraphSettingsScopes
{
    /// <summary>A WhatsApp Business Account (<c>POST /{waba-id}</c>, <c>/{waba-id}/subscribed_apps</c>); the owner is the account id.</summary>
    public const string BusinessAccount = "waba";

    /// <summary>A phone number's <c>/{phone-number-id}/settings</c>; the owner is the phone number id.</summary>
    public const string PhoneNumber = "phone_number";

    /// <summary>A phone number's WhatsApp Business Profile object (its Graph id, <c>account_name</c>); the owner is the phone number id.</summary>
    public const string BusinessProfile = "business_profile";

    /// <summary>Which phone number a WhatsApp Business Profile id belongs to (<c>{"phone_number_id":…}</c>); the owner is the profile id.</summary>
    public const string BusinessProfileOwner = "business_profile_owner";

    /// <summary>A phone number's conversational components (<c>/{phone-number-id}/conversational_automation</c>, 1msg <c>/conversationalAutomation</c>); the owner is the phone number id.</summary>
    public const string ConversationalAutomation = "conversational_automation";

    /// <summary>A phone number's <c>/{phone-number-id}/whatsapp_commerce_settings</c> (and 1msg <c>/commerce</c>); the owner is the phone number id.</summary>
    public const string Commerce = "commerce";

    /// <summary>Template analytics of a business account (<c>is_enabled_for_insights</c>, 1msg's <c>template_analytics_enabled</c>); the owner is the account id.</summary>
    public const string TemplateAnalytics = "template_analytics";

    /// <summary>A template's URL click tracking opt-out (<c>cta_url_link_tracking_opted_out</c>); the owner is the template id.</summary>
    public const string TemplateClickTracking = "template_click_tracking";
}

/// <summary>
/// Settings set through Graph on a business account or a phone number, as one JSON object per owner and scope
/// (<see cref="GraphSettingsScopes"/>): what Parley keeps but does not act on beyond answering it back.
/// </summary>
public interface IGraphSettingsStore
{
    /// <summary>The settings object (JSON text), or null when none were ever set.</summary>
    Task<string?> GetAsync(string ownerId, string scope, CancellationToken cancellationToken);

    /// <summary>Replaces the settings object.</summary>
    Task SetAsync(string ownerId, string scope, string settings, DateTimeOffset at, CancellationToken cancellationToken);
}
