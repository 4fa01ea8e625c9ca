namespace Parley.Core.Tests.Messages;

/// <summary>Valid interactive messages: every sub-type of digest §1.5.</summary>
internal static partial class Samples
{
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
}
