namespace Parley.Core.Tests.Messages;

/// <summary>
/// Valid request bodies of every message type and interactive sub-type, taken from the spec's examples
/// (placeholder URLs made real), the seeds and Meta's docs as condensed in the digest.
/// </summary>
internal static partial class Samples
{
    public const string Text = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"text",
         "text":{"preview_url":false,"body":"Hello"}}
        """;

    /// <summary>S "Send Text Message with Preview URL": no type, no recipient_type, number without +.</summary>
    public const string TextWithDefaults = """
        {"messaging_product":"whatsapp","to":"16505551234","text":{"body":"Please visit https://youtu.be/hpltvTEiRrY.","preview_url":true}}
        """;

    public const string TextReply = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"text",
         "context":{"message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"},
         "biz_opaque_callback_data":"campaign-42","text":{"body":"Reply"}}
        """;

    public const string ImageById = """{"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"image","image":{"id":"1234567890"}}""";
    public const string ImageByLink = """{"messaging_product":"whatsapp","to":"+16505551234","type":"image","image":{"link":"https://example.com/cat.jpg","caption":"A cat"}}""";
    public const string AudioById = """{"messaging_product":"whatsapp","to":"+16505551234","type":"audio","audio":{"id":"<AUDIO_OBJECT_ID>"}}""";
    public const string AudioByLink = """{"messaging_product":"whatsapp","to":"+16505551234","type":"audio","audio":{"link":"http://example.com/a.ogg"}}""";
    public const string VideoByLink = """{"messaging_product":"whatsapp","to":"+16505551234","type":"video","video":{"link":"https://example.com/v.mp4","caption":"Video"}}""";
    public const string DocumentById = """{"messaging_product":"whatsapp","to":"+16505551234","type":"document","document":{"id":"998877","caption":"Invoice","filename":"invoice.pdf"}}""";
    public const string DocumentByLink = """{"messaging_product":"whatsapp","to":"+16505551234","type":"document","document":{"link":"https://example.com/invoice.pdf","caption":"Invoice"}}""";
    public const string StickerById = """{"messaging_product":"whatsapp","to":"+16505551234","type":"sticker","sticker":{"id":"556677"}}""";
    public const string StickerByLink = """{"messaging_product":"whatsapp","to":"+16505551234","type":"sticker","sticker":{"link":"https://example.com/s.webp"}}""";

    /// <summary>S "Send Location Message".</summary>
    public const string Location = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"location",
         "location":{"address":"1 Hacker Way, Menlo Park, CA 94025","latitude":37.758056,"longitude":-122.425332,"name":"META HQ"}}
        """;

    /// <summary>The spec types coordinates as strings; only they are required today.</summary>
    public const string LocationWithStringCoordinates = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":"-90","longitude":"180"}}
        """;

    /// <summary>S "Send Contact Message".</summary>
    public const string Contacts = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"contacts","contacts":[{
          "addresses":[{"city":"Menlo Park","country":"United States","country_code":"us","state":"CA","street":"1 Hacker Way","type":"HOME","zip":"94025"},
                       {"city":"Menlo Park","country":"United States","country_code":"us","state":"CA","street":"200 Jefferson Dr","type":"WORK","zip":"94025"}],
          "birthday":"2012-08-18",
          "emails":[{"email":"test@fb.com","type":"WORK"},{"email":"test@whatsapp.com","type":"HOME"}],
          "name":{"first_name":"John","formatted_name":"John Smith","last_name":"Smith","middle_name":"D.","prefix":"Dr","suffix":"Jr"},
          "org":{"company":"WhatsApp","department":"Design","title":"Manager"},
          "phones":[{"phone":"+1 (940) 555-1234","type":"HOME"},{"phone":"+1 (650) 555-1234","type":"WORK","wa_id":"16505551234"}],
          "urls":[{"type":"WORK","url":"https://www.facebook.com"},{"type":"HOME","url":"https://www.whatsapp.com"}]}]}
        """;

    public const string Reaction = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"reaction",
         "reaction":{"message_id":"wamid.HBgLM...","emoji":"\uD83D\uDE00"}}
        """;

    public const string ReactionRemoved = """{"messaging_product":"whatsapp","to":"+16505551234","type":"reaction","reaction":{"message_id":"wamid.HBgLM...","emoji":""}}""";

    public const string GroupText = """
        {"messaging_product":"whatsapp","recipient_type":"group","to":"Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjMzOTQzMTYzMTgxMjMw","type":"text","text":{"body":"Hi all"}}
        """;

    /// <summary>S "Send typing indicator and read receipt".</summary>
    public const string MarkReadWithTyping = """
        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=","typing_indicator":{"type":"text"}}
        """;

    public const string MarkRead = """{"messaging_product":"whatsapp","status":"read","message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA="}""";

    /// <summary>Every send sample by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sends = new Dictionary<string, string>
    {
        [nameof(Text)] = Text,
        [nameof(TextWithDefaults)] = TextWithDefaults,
        [nameof(TextReply)] = TextReply,
        [nameof(ImageById)] = ImageById,
        [nameof(ImageByLink)] = ImageByLink,
        [nameof(AudioById)] = AudioById,
        [nameof(AudioByLink)] = AudioByLink,
        [nameof(VideoByLink)] = VideoByLink,
        [nameof(DocumentById)] = DocumentById,
        [nameof(DocumentByLink)] = DocumentByLink,
        [nameof(StickerById)] = StickerById,
        [nameof(StickerByLink)] = StickerByLink,
        [nameof(Location)] = Location,
        [nameof(LocationWithStringCoordinates)] = LocationWithStringCoordinates,
        [nameof(Contacts)] = Contacts,
        [nameof(Reaction)] = Reaction,
        [nameof(ReactionRemoved)] = ReactionRemoved,
        [nameof(ReplyButtons)] = ReplyButtons,
        [nameof(List)] = List,
        [nameof(Product)] = Product,
        [nameof(ProductList)] = ProductList,
        [nameof(CatalogMessage)] = CatalogMessage,
        [nameof(FlowById)] = FlowById,
        [nameof(DraftFlowByName)] = DraftFlowByName,
        [nameof(DataExchangeFlow)] = DataExchangeFlow,
        [nameof(CtaUrl)] = CtaUrl,
        [nameof(LocationRequest)] = LocationRequest,
        [nameof(AddressIndia)] = AddressIndia,
        [nameof(AddressSingapore)] = AddressSingapore,
        [nameof(CarouselWithUrlButtons)] = CarouselWithUrlButtons,
        [nameof(CarouselWithQuickReplies)] = CarouselWithQuickReplies,
        [nameof(CallPermissionRequest)] = CallPermissionRequest,
        [nameof(OrderDetails)] = OrderDetails,
        [nameof(OrderStatus)] = OrderStatus,
        [nameof(TemplateHelloWorld)] = TemplateHelloWorld,
        [nameof(TemplateInteractive)] = TemplateInteractive,
        [nameof(TemplateLocationHeader)] = TemplateLocationHeader,
        [nameof(TemplateOneTimePassword)] = TemplateOneTimePassword,
        [nameof(TemplateMultiProduct)] = TemplateMultiProduct,
        [nameof(TemplateCatalog)] = TemplateCatalog,
        [nameof(TemplateFlow)] = TemplateFlow,
        [nameof(TemplateCopyCodeAndDocument)] = TemplateCopyCodeAndDocument,
        [nameof(TemplateCarousel)] = TemplateCarousel,
        [nameof(TemplateLimitedTimeOffer)] = TemplateLimitedTimeOffer,
        [nameof(GroupText)] = GroupText,
    };

    public static TheoryData<string> SendNames => [.. Sends.Keys];
}
