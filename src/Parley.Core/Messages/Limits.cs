namespace Parley.Core.Messages;

/// <summary>
/// Every WhatsApp limit the send validator enforces, named once. Sources: the Graph v23.0 OpenAPI file
/// (<c>S #/components/schemas/…</c>), Meta's docs as condensed in reference/cloud-api-digest.md §1, and the seeds.
/// Lengths count Unicode code points, so an emoji is one character.
/// </summary>
public static class Limits
{
    // Envelope
    /// <summary>S BaseMessageProperties; seed003 "Maximum number of characters: 512".</summary>
    public const int BizOpaqueCallbackDataMaxLength = 512;
    /// <summary>seed003: a WAMID "can have a maximum length of up to 128 characters".</summary>
    public const int MessageIdMaxLength = 128;
    /// <summary>Group ids are opaque tokens; Parley caps them like message ids (digest §1.2, group sends).</summary>
    public const int GroupIdMaxLength = 128;
    /// <summary>E.164: at most 15 digits including the country calling code.</summary>
    public const int PhoneNumberMaxDigits = 15;
    /// <summary>Shortest plausible international number (country code plus a short national number).</summary>
    public const int PhoneNumberMinDigits = 7;
    /// <summary>System.Text.Json's default maximum depth; deeper bodies are rejected before validation.</summary>
    public const int MaxJsonDepth = 64;

    // Text, media, location, contacts
    /// <summary>M:messages/text-messages; seed003 "Maximum length: 4096 characters".</summary>
    public const int TextBodyMaxLength = 4096;
    /// <summary>S MediaObject_1 <c>caption.maxLength</c>.</summary>
    public const int MediaCaptionMaxLength = 1024;
    /// <summary>Decimal degrees (seed003 location object).</summary>
    public const double LatitudeMin = -90, LatitudeMax = 90, LongitudeMin = -180, LongitudeMax = 180;
    /// <summary>S ContactsMessage <c>contacts.minItems/maxItems</c>.</summary>
    public const int ContactsMin = 1, ContactsMax = 5;

    // Interactive: common parts (S HeaderObject, BodyObject, FooterObject)
    public const int HeaderTextMaxLength = 60;
    public const int HeaderSubTextMaxLength = 60;
    public const int BodyTextMaxLength = 1024;
    /// <summary>M:interactive-list-messages says 4096 where the spec says 1024 (digest §1.8); Parley takes the docs.</summary>
    public const int ListBodyTextMaxLength = 4096;
    public const int FooterTextMaxLength = 60;

    // Interactive: reply buttons (S ActionObject; M:interactive-reply-buttons-messages)
    public const int ReplyButtonsMin = 1, ReplyButtonsMax = 3;
    public const int ReplyButtonIdMaxLength = 256;
    public const int ReplyButtonTitleMaxLength = 20;

    // Interactive: list (S ActionObject, SectionObject; M:interactive-list-messages)
    public const int ListButtonTextMaxLength = 20;
    public const int ListSectionsMin = 1, ListSectionsMax = 10;
    /// <summary>"You can have a total of 10 rows across your sections" (seed003).</summary>
    public const int ListRowsTotalMax = 10;
    /// <summary>Every list section carries at least one row (M:interactive-list-messages).</summary>
    public const int ListRowsPerSectionMin = 1;
    public const int SectionTitleMaxLength = 24;
    public const int RowIdMaxLength = 200;
    public const int RowTitleMaxLength = 24;
    public const int RowDescriptionMaxLength = 72;

    // Interactive: products (S SectionObject; seed003/004 multi-product messages)
    public const int ProductSectionsMin = 1, ProductSectionsMax = 10;
    public const int ProductItemsPerSectionMin = 1, ProductItemsPerSectionMax = 30;
    /// <summary>"Supports up to 30 products total, across all sections" (seed004).</summary>
    public const int ProductItemsTotalMax = 30;

    // Interactive: flows, CTA URL, carousel
    /// <summary>S ActionObject <c>flow_cta.maxLength</c> (seed003 says 20; the spec is newer, digest §1.8).</summary>
    public const int FlowCtaMaxLength = 30;
    /// <summary>S ActionObject: <c>flow_message_version</c> "Must be 3".</summary>
    public const string FlowMessageVersion = "3";
    /// <summary>M:messages/interactive-cta-url-messages.</summary>
    public const int CtaUrlDisplayTextMaxLength = 20;
    /// <summary>M:messages/interactive-media-carousel-messages: "between 2 and 10 cards", <c>card_index</c> 0–9.</summary>
    public const int CarouselCardsMin = 2, CarouselCardsMax = 10;
    public const int CarouselCardIndexMax = 9;
    /// <summary>Carousel card body: "Max 160 characters, and up to 2 line breaks".</summary>
    public const int CarouselCardBodyMaxLength = 160;
    public const int CarouselCardBodyMaxLineBreaks = 2;
    /// <summary>"Cards must include either one URL button or one or more quick-reply buttons".</summary>
    public const int CarouselQuickRepliesMin = 1;
    public const int QuickReplyIdMaxLength = 256;
    public const int QuickReplyTitleMaxLength = 20;

    // Interactive: address messages (seed004 field table)
    public const int AddressPostCodeMaxLength = 6;

    // Interactive: order details and order status (Meta, "Payments API India": order_details message reference)
    /// <summary><c>reference_id</c>: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, "should not exceed 35 characters".</summary>
    public const int OrderReferenceIdMaxLength = 35;
    /// <summary>Every amount is <c>{value, offset}</c> in INR with "offset: Required. Must be 100 for INR".</summary>
    public const int OrderAmountOffset = 100;
    /// <summary>An order lists at least one item; Meta's Orders API caps <c>order.items</c> at 999.</summary>
    public const int OrderItemsMin = 1, OrderItemsMax = 999;
    /// <summary>Item <c>name</c> "cannot exceed 60 characters"; the discount program name too.</summary>
    public const int OrderItemNameMaxLength = 60;
    /// <summary>Order status <c>description</c>: at most 120 characters.</summary>
    public const int OrderStatusDescriptionMaxLength = 120;

    // Templates (S TemplateObject, TextParameter; seed003; seed004 MPM)
    /// <summary>Template names are at most 512 characters (template management docs).</summary>
    public const int TemplateNameMaxLength = 512;
    /// <summary>S TextParameter <c>text.maxLength</c>.</summary>
    public const int TemplateTextParameterMaxLength = 32768;
    /// <summary>seed003: "You can have up to 10 buttons using index values of 0 to 9".</summary>
    public const int TemplateButtonIndexMax = 9;
    /// <summary>Copy-code button offer code (digest §1.6).</summary>
    public const int CouponCodeMaxLength = 15;
    /// <summary>S HeaderComponent and ButtonComponent <c>parameters.minItems</c>.</summary>
    public const int TemplateComponentParametersMin = 1;
    /// <summary>A limited-time-offer component carries exactly one <c>limited_time_offer</c> parameter.</summary>
    public const int TemplateOfferParametersCount = 1;
    /// <summary>Carousel templates: up to 10 cards, <c>card_index</c> 0–9.</summary>
    public const int TemplateCarouselCardsMin = 1, TemplateCarouselCardsMax = 10;
    public const int TemplateCarouselCardIndexMax = 9;
    /// <summary>Each carousel card repeats the card's components, so it has at least one.</summary>
    public const int TemplateCarouselCardComponentsMin = 1;
}
