namespace Parley.Core.Tests.Messages;

/// <summary>Valid template messages: every component and parameter type of digest §1.6.</summary>
internal static partial class Samples
{
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
}
