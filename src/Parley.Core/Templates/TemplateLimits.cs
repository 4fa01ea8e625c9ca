namespace Parley.Core.Templates;

/// <summary>Every template-management limit, named once with its source (digest §5.1 unless said otherwise).</summary>
public static class TemplateLimits
{
    /// <summary>Template names: <c>^[a-z0-9_]+$</c>, at most 512 characters.</summary>
    public const int NameMaxLength = 512;
    /// <summary>Templates per WABA (M:support/error-codes, 2388019).</summary>
    public const int DefaultMaxTemplatesPerAccount = 250;
    public const int HeaderTextMaxLength = 60;
    public const int HeaderTextMaxVariables = 1;
    public const int BodyTextMaxLength = 1024;
    public const int FooterTextMaxLength = 60;
    public const int ButtonsMax = 10;
    public const int UrlButtonsMax = 2;
    public const int PhoneButtonsMax = 1;
    public const int ButtonTextMaxLength = 25;
    public const int ButtonUrlMaxLength = 2000;
    /// <summary>Phone numbers on a PHONE_NUMBER button (Meta template components: 20 characters).</summary>
    public const int ButtonPhoneMaxLength = 20;
    /// <summary>The example offer code of a COPY_CODE button (digest §1.6: offer code ≤15 characters).</summary>
    public const int CopyCodeExampleMaxLength = 15;
    public const int CarouselCardsMin = 2;
    public const int CarouselCardsMax = 10;
    /// <summary>Card body text (Meta "media card carousel templates": 160 characters).</summary>
    public const int CarouselCardBodyMaxLength = 160;
    public const int CarouselCardButtonsMax = 2;
    /// <summary>Limited-time offer text (M:templates/marketing-templates/limited-time-offer-templates: 16 characters).</summary>
    public const int LimitedTimeOfferTextMaxLength = 16;
    /// <summary>Authentication templates: <c>code_expiration_minutes</c> 1–90 (M authentication templates).</summary>
    public const int CodeExpirationMinutesMin = 1, CodeExpirationMinutesMax = 90;
    /// <summary>Edits of an approved template: at most 10 in 30 days and one per 24 hours (digest §5.1).</summary>
    public const int ApprovedEditsPerWindow = 10;
    public static readonly TimeSpan ApprovedEditWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan ApprovedEditSpacing = TimeSpan.FromHours(24);
    /// <summary>Bulk delete: at most 100 ids (digest §5.1).</summary>
    public const int BulkDeleteMax = 100;
}
