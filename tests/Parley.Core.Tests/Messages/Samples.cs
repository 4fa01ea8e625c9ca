namespace Parley.Core.Tests.Messages;

/// <summary>
/// Valid request bodies of every message type and interactive sub-type, taken from the spec's examples
/// (placeholder URLs made real), the seeds and Meta's docs as condensed in the digest.
/// </summary>
internal static class Samples
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

    /// <summary>S "Send Reply Button", with an image header and a footer.</summary>
    public const string ReplyButtons = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"button","header":{"type":"image","image":{"link":"https://example.com/h.png"}},
          "body":{"text":"Pick one"},"footer":{"text":"Footer"},
          "action":{"buttons":[{"type":"reply","reply":{"id":"UNIQUE_BUTTON_ID_1","title":"BUTTON_TITLE_1"}},
                               {"type":"reply","reply":{"id":"UNIQUE_BUTTON_ID_2","title":"BUTTON_TITLE_2"}}]}}}
        """;

    /// <summary>S "Send List Message" (titles shortened to fit their limits).</summary>
    public const string List = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"list","header":{"type":"text","text":"HEADER_TEXT"},"body":{"text":"BODY_TEXT"},"footer":{"text":"FOOTER_TEXT"},
          "action":{"button":"BUTTON_TEXT","sections":[
            {"title":"SECTION_1_TITLE","rows":[{"id":"S1R1","title":"Row 1","description":"First"},{"id":"S1R2","title":"Row 2","description":"Second"}]},
            {"title":"SECTION_2_TITLE","rows":[{"id":"S2R1","title":"Row 3"},{"id":"S2R2","title":"Row 4"}]}]}}}
        """;

    /// <summary>S "Send Single Product Message".</summary>
    public const string Product = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"product","body":{"text":"optional body text"},"footer":{"text":"optional footer text"},
          "action":{"catalog_id":"367025965434465","product_retailer_id":"ID_TEST_ITEM_1"}}}
        """;

    /// <summary>S "Send Multi-Product Message".</summary>
    public const string ProductList = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"product_list","header":{"type":"text","text":"header-content"},"body":{"text":"body-content"},"footer":{"text":"footer-content"},
          "action":{"catalog_id":"146265584024623","sections":[
            {"title":"section-title-1","product_items":[{"product_retailer_id":"sku-1"},{"product_retailer_id":"sku-2"}]},
            {"title":"section-title-2","product_items":[{"product_retailer_id":"sku-3"}]}]}}}
        """;

    /// <summary>S "Send Catalog Message".</summary>
    public const string CatalogMessage = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"catalog_message","body":{"text":"Hello! Thanks for your interest."},"footer":{"text":"Best grocery deals on WhatsApp!"},
          "action":{"name":"catalog_message","parameters":{"thumbnail_product_retailer_id":"2lc20305pt"}}}}
        """;

    /// <summary>S "Send Published Flow by ID".</summary>
    public const string FlowById = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"flow","header":{"type":"text","text":"Flow header"},"body":{"text":"Flow body"},"footer":{"text":"Flow footer"},
          "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s","flow_id":"1234567890",
            "flow_cta":"Book!","flow_action":"navigate","flow_action_payload":{"screen":"WELCOME","data":{"user_name":"name","user_age":25}}}}}}
        """;

    /// <summary>S "Send Draft Flow by Name".</summary>
    public const string DraftFlowByName = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"interactive",
         "interactive":{"type":"flow","body":{"text":"Not shown in draft mode"},
          "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_name":"appointment","flow_cta":"Not shown in draft mode","mode":"draft"}}}}
        """;

    public const string DataExchangeFlow = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"interactive",
         "interactive":{"type":"flow","body":{"text":"Sign up"},
          "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_id":"42","flow_cta":"Sign up","flow_action":"data_exchange"}}}}
        """;

    public const string CtaUrl = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"cta_url","header":{"type":"video","video":{"link":"https://example.com/intro.mp4"}},
          "body":{"text":"Tap the button below to see available dates."},"footer":{"text":"Dates subject to change."},
          "action":{"name":"cta_url","parameters":{"display_text":"See Dates","url":"https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4"}}}}
        """;

    public const string LocationRequest = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"location_request_message","body":{"text":"Let us start with your pickup. You can either manually *enter an address* or *share your current location*."},
          "action":{"name":"send_location"}}}
        """;

    /// <summary>seed004 "Send Address Message" for India with a saved address.</summary>
    public const string AddressIndia = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+919876543210","type":"interactive",
         "interactive":{"type":"address_message","body":{"text":"Thanks for your order! Tell us what address you’d like this order delivered to."},
          "action":{"name":"address_message","parameters":{"country":"IN","saved_addresses":[{"id":"address1","value":{
            "name":"CUSTOMER_NAME","phone_number":"+919876543210","in_pin_code":"400063","floor_number":"8","building_name":"",
            "address":"Wing A, Cello Triumph,IB Patel Rd","landmark_area":"Goregaon","city":"Mumbai"}}]}}}}
        """;

    /// <summary>seed004 "Send an Address Message with Validation Errors" for Singapore.</summary>
    public const string AddressSingapore = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+6591234567","type":"interactive",
         "interactive":{"type":"address_message","body":{"text":"Thanks for your order!"},
          "action":{"name":"address_message","parameters":{"country":"SG",
            "values":{"name":"CUSTOMER_NAME","phone_number":"+6591234567","sg_post_code":"666666","address":"Some other location","city":"Singapore"},
            "validation_errors":{"sg_post_code":"We could not locate this pin code."}}}}}
        """;

    public const string CarouselWithUrlButtons = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"interactive",
         "interactive":{"type":"carousel","body":{"text":"Here are three of our latest arrivals, each under $25:"},
          "action":{"cards":[
            {"card_index":0,"type":"cta_url","header":{"type":"image","image":{"link":"https://www.luckyshrub.com/assets/blue-echeveria.jpeg"}},
             "body":{"text":"*Blue Echeveria*\n\nA rosette-shaped succulent."},
             "action":{"name":"cta_url","parameters":{"display_text":"Buy now","url":"https://shop.luckyshrub.com/rcaponi01"}}},
            {"card_index":1,"type":"cta_url","header":{"type":"image","image":{"link":"https://www.luckyshrub.com/assets/aloe.jpeg"}},
             "action":{"name":"cta_url","parameters":{"display_text":"Buy now","url":"https://shop.luckyshrub.com/aloe"}}}]}}}
        """;

    public const string CarouselWithQuickReplies = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"interactive",
         "interactive":{"type":"carousel","body":{"text":"Pick a plant"},
          "action":{"cards":[
            {"card_index":0,"header":{"type":"video","video":{"link":"https://example.com/a.mp4"}},"body":{"text":"A"},
             "action":{"buttons":[{"type":"quick_reply","quick_reply":{"id":"learn-a","title":"Learn more"}},{"type":"quick_reply","quick_reply":{"id":"buy-a","title":"Buy"}}]}},
            {"card_index":1,"header":{"type":"video","video":{"id":"778899"}},"body":{"text":"B"},
             "action":{"buttons":[{"type":"quick_reply","quick_reply":{"id":"learn-b","title":"Learn more"}},{"type":"quick_reply","quick_reply":{"id":"buy-b","title":"Buy"}}]}}]}}}
        """;

    public const string CallPermissionRequest = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"interactive",
         "interactive":{"type":"call_permission_request","body":{"text":"We would like to call you about your order."},"action":{"name":"call_permission_request"}}}
        """;

    /// <summary>S "Send Order Details Message".</summary>
    public const string OrderDetails = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+919876543210","type":"interactive",
         "interactive":{"type":"order_details","header":{"type":"image","image":{"link":"https://example.com/bread.jpg"}},
          "body":{"text":"your-text-body-content"},"footer":{"text":"your-text-footer-content"},
          "action":{"name":"review_and_pay","parameters":{"reference_id":"unique-reference-id","type":"digital-goods","payment_type":"upi",
            "payment_configuration":"my-payment-config-name","currency":"INR","total_amount":{"value":1100,"offset":100},
            "order":{"status":"pending","items":[{"retailer_id":"1234567","name":"bread","amount":{"value":1500,"offset":100},"quantity":1,
              "sale_amount":{"value":1000,"offset":100}}],"subtotal":{"value":1000,"offset":100},
              "tax":{"value":100,"offset":100,"description":"optional_text"},"shipping":{"value":100,"offset":100,"description":"optional_text"},
              "discount":{"value":100,"offset":100,"description":"optional_text","discount_program_name":"optional_text"}}}}}}
        """;

    /// <summary>S "Send Order Status Message".</summary>
    public const string OrderStatus = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+919876543210","type":"interactive",
         "interactive":{"type":"order_status","body":{"text":"your-text-body-content"},
          "action":{"name":"review_order","parameters":{"reference_id":"unique-reference-id-from-order-details-msg","order":{"status":"processing","description":"optional-text"}}}}}
        """;

    /// <summary>S "Send Test Message".</summary>
    public const string TemplateHelloWorld = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}
        """;

    /// <summary>S "Send Message Template Interactive": media header, text/currency/date_time body, two quick replies.</summary>
    public const string TemplateInteractive = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"template",
         "template":{"name":"template-name","language":{"code":"en_US","policy":"deterministic"},"components":[
          {"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/the-image.png"}}]},
          {"type":"body","parameters":[{"type":"text","text":"text-string"},
            {"type":"currency","currency":{"fallback_value":"$100.99","code":"USD","amount_1000":100990}},
            {"type":"date_time","date_time":{"fallback_value":"February 25, 1977","calendar":"GREGORIAN","day_of_month":25,"day_of_week":5,"hour":15,"minute":33,"month":2,"year":1977}}]},
          {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"aGlzIHRoaXMgaXMgY29v"}]},
          {"type":"button","sub_type":"quick_reply","index":"1","parameters":[{"type":"payload","payload":"9rwnB8RbYmPF5t2Mn09x4h"}]}]}}
        """;

    /// <summary>seed004 "Location-based Message Templates".</summary>
    public const string TemplateLocationHeader = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"12245554792","type":"template",
         "template":{"name":"order_delivery_update","language":{"code":"en_US"},"components":[
          {"type":"header","parameters":[{"type":"location","location":{"latitude":"37.483307","longitude":"122.148981","name":"Pablo Morales","address":"1 Hacker Way, Menlo Park, CA 94025"}}]},
          {"type":"body","parameters":[{"type":"text","text":"Pablo"},{"type":"text","text":"566701"}]}]}}
        """;

    /// <summary>seed004 "Sending Authentication Templates with One-Time Password Buttons".</summary>
    public const string TemplateOneTimePassword = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"12015553931","type":"template",
         "template":{"name":"verification_code","language":{"code":"en_US"},"components":[
          {"type":"body","parameters":[{"type":"text","text":"J$FpnYnP"}]},
          {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"J$FpnYnP"}]}]}}
        """;

    /// <summary>seed004 "Sending Multi-Product Template Messages".</summary>
    public const string TemplateMultiProduct = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
         "template":{"name":"abandoned_cart","language":{"code":"en_US"},"components":[
          {"type":"header","parameters":[{"type":"text","text":"Pablo"}]},
          {"type":"body","parameters":[{"type":"text","text":"10OFF"}]},
          {"type":"button","sub_type":"mpm","index":0,"parameters":[{"type":"action","action":{"thumbnail_product_retailer_id":"2lc20305pt","sections":[
            {"title":"Popular Bundles","product_items":[{"product_retailer_id":"2lc20305pt"},{"product_retailer_id":"nseiw1x3ch"}]},
            {"title":"Premium Packages","product_items":[{"product_retailer_id":"n6k6x0y7oe"}]}]}}]}]}}
        """;

    /// <summary>S "Send Catalog Template Message" (upper-case sub_type, numeric index).</summary>
    public const string TemplateCatalog = """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","type":"template",
         "template":{"name":"intro_catalog_offer","language":{"code":"en_US"},"components":[
          {"type":"body","parameters":[{"type":"text","text":"100"},{"type":"text","text":"400"},{"type":"text","text":"3"}]},
          {"type":"button","sub_type":"CATALOG","index":0,"parameters":[{"type":"action","action":{"thumbnail_product_retailer_id":"2lc20305pt"}}]}]}}
        """;

    /// <summary>S "Send Flow Template Message".</summary>
    public const string TemplateFlow = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"template",
         "template":{"name":"book_now","language":{"code":"en_US"},"components":[
          {"type":"button","sub_type":"flow","index":"0","parameters":[{"type":"action","action":{"flow_token":"<FLOW_TOKEN>","flow_action_data":{"<CUSTOM_KEY>":"<CUSTOM_VALUE>"}}}]}]}}
        """;

    public const string TemplateCopyCodeAndDocument = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"template",
         "template":{"name":"coupon","language":{"code":"en"},"components":[
          {"type":"header","parameters":[{"type":"document","document":{"id":"4455","filename":"coupon.pdf"}}]},
          {"type":"body","parameters":[{"type":"text","parameter_name":"first_name","text":"Jessica"}]},
          {"type":"button","sub_type":"copy_code","index":1,"parameters":[{"type":"coupon_code","coupon_code":"SUMMER25"}]}]}}
        """;

    public const string TemplateCarousel = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"template",
         "template":{"name":"summer_carousel","language":{"code":"en_US"},"components":[
          {"type":"body","parameters":[{"type":"text","text":"Pablo"}]},
          {"type":"carousel","cards":[
            {"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"1111"}}]},
              {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"more-0"}]}]},
            {"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"2222"}}]},
              {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"summer-1"}]}]}]}]}}
        """;

    public const string TemplateLimitedTimeOffer = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"template",
         "template":{"name":"limited_time_offer_tuscan_getaway_2023","language":{"code":"en_US"},"components":[
          {"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/tuscany.jpg"}}]},
          {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1209600000}}]},
          {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"TUSCANY"}]},
          {"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"n3mtql"}]}]}}
        """;

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
