namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// A valid send request body. <c>{TO}</c> is replaced by the recipient (a phone number, or a group id for group
/// sends) and <c>{INBOUND}</c> by the id of a message that recipient sent first. Media is real: <c>{MEDIA}</c> is a
/// local server's base URL (links are fetched at dispatch) and <c>{IMAGE_ID}</c>… ids of media uploaded first.
/// </summary>
/// <param name="Type">The message type the request names (or defaults to).</param>
/// <param name="FinalStatus">The status the sandbox ends on: <c>read</c>, or <c>sent</c> for reactions.</param>
internal sealed record SendSample(string Json, string Type, string FinalStatus = "read", bool Group = false);

/// <summary>
/// One valid request of every message type and interactive sub-type the Cloud API sends (digest §1.4–1.6, the spec's
/// examples with working URLs), plus replies, callback data, defaults and group sends.
/// </summary>
internal static class SendSamples
{
    private const string Head = """ "messaging_product":"whatsapp","recipient_type":"individual","to":"+{TO}" """;

    /// <summary>A sample whose <c>{HEAD}</c> stands for the common individual-recipient fields.</summary>
    private static SendSample Sample(string json, string type, string finalStatus = "read") =>
        new(json.Replace("{HEAD}", Head, StringComparison.Ordinal), type, finalStatus);

    private static SendSample Interactive(string interactive) =>
        Sample("""{{HEAD},"type":"interactive","interactive":""" + interactive + "}", "interactive");

    private static SendSample Template(string template) =>
        Sample("""{{HEAD},"type":"template","template":""" + template + "}", "template");

    private static SendSample Media(string type, string media) =>
        Sample("""{{HEAD},"type":"TYPE","TYPE":""".Replace("TYPE", type, StringComparison.Ordinal) + media + "}", type);

    public static readonly IReadOnlyDictionary<string, SendSample> All = new Dictionary<string, SendSample>
    {
        ["text with preview_url"] = Sample("""{{HEAD},"type":"text","text":{"preview_url":true,"body":"Track it at https://example.com/track/42"}}""", "text"),
        ["text with type and recipient_type left to their defaults"] = new("""{"messaging_product":"whatsapp","to":"{TO}","text":{"body":"Hello"}}""", "text"),
        ["text reply with context"] = Sample("""{{HEAD},"type":"text","context":{"message_id":"{INBOUND}"},"text":{"body":"Replying to you"}}""", "text"),
        ["text with biz_opaque_callback_data"] = Sample("{{HEAD},\"type\":\"text\",\"biz_opaque_callback_data\":\"" + new string('c', 512) + "\",\"text\":{\"body\":\"Tracked\"}}", "text"),
        ["image by id"] = Media("image", """{"id":"{IMAGE_ID}"}"""),
        ["image by link with caption"] = Media("image", """{"link":"{MEDIA}/cat.jpg","caption":"A cat"}"""),
        ["audio by id"] = Media("audio", """{"id":"{AUDIO_ID}"}"""),
        ["audio by link"] = Media("audio", """{"link":"{MEDIA}/note.ogg"}"""),
        ["video by id"] = Media("video", """{"id":"{VIDEO_ID}","caption":"Unboxing"}"""),
        ["video by link"] = Media("video", """{"link":"{MEDIA}/clip.mp4"}"""),
        ["document by id with filename"] = Media("document", """{"id":"{DOCUMENT_ID}","caption":"Invoice","filename":"invoice.pdf"}"""),
        ["document by link"] = Media("document", """{"link":"{MEDIA}/invoice.pdf","filename":"invoice.pdf"}"""),
        ["sticker by id"] = Media("sticker", """{"id":"{STICKER_ID}"}"""),
        ["sticker by link"] = Media("sticker", """{"link":"{MEDIA}/sticker.webp"}"""),
        ["image reply with context"] = Sample("""{{HEAD},"context":{"message_id":"{INBOUND}"},"type":"image","image":{"id":"{IMAGE_ID}"}}""", "image"),
        ["location"] = Sample("""{{HEAD},"type":"location","location":{"latitude":37.758056,"longitude":-122.425332,"name":"META HQ","address":"1 Hacker Way, Menlo Park, CA 94025"}}""", "location"),
        ["contacts"] = Sample("""
            {{HEAD},"type":"contacts","contacts":[{
              "addresses":[{"street":"1 Hacker Way","city":"Menlo Park","state":"CA","zip":"94025","country":"United States","country_code":"us","type":"WORK"}],
              "birthday":"2012-08-18",
              "emails":[{"email":"test@whatsapp.com","type":"WORK"}],
              "name":{"formatted_name":"John Smith","first_name":"John","last_name":"Smith"},
              "org":{"company":"WhatsApp","department":"Design","title":"Manager"},
              "phones":[{"phone":"+1 (650) 555-1234","type":"WORK","wa_id":"16505551234"}],
              "urls":[{"url":"https://www.whatsapp.com","type":"WORK"}]}]}
            """, "contacts"),
        ["reaction to the user's message"] = Sample("""{{HEAD},"type":"reaction","reaction":{"message_id":"{INBOUND}","emoji":"\uD83D\uDC4D"}}""", "reaction", finalStatus: "sent"),
        ["interactive button"] = Interactive("""
            {"type":"button","header":{"type":"image","image":{"link":"{MEDIA}/header.png"}},"body":{"text":"Pick one"},"footer":{"text":"Reply below"},
             "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}},{"type":"reply","reply":{"id":"no","title":"No"}}]}}
            """),
        ["interactive list"] = Interactive("""
            {"type":"list","header":{"type":"text","text":"Menu"},"body":{"text":"Choose a dish"},"footer":{"text":"Open 9-5"},
             "action":{"button":"See options","sections":[
               {"title":"Mains","rows":[{"id":"m1","title":"Pasta","description":"Fresh"},{"id":"m2","title":"Pizza"}]},
               {"title":"Drinks","rows":[{"id":"d1","title":"Water"}]}]}}
            """),
        ["interactive cta_url"] = Interactive("""
            {"type":"cta_url","header":{"type":"text","text":"Concert"},"body":{"text":"Tap to see dates"},"footer":{"text":"Limited seats"},
             "action":{"name":"cta_url","parameters":{"display_text":"See dates","url":"https://example.com/dates"}}}
            """),
        ["interactive location_request_message"] = Interactive("""
            {"type":"location_request_message","body":{"text":"Share your location for delivery"},"action":{"name":"send_location"}}
            """),
        ["interactive flow"] = Interactive("""
            {"type":"flow","header":{"type":"text","text":"Book a table"},"body":{"text":"Pick a time"},"footer":{"text":"Takes a minute"},
             "action":{"name":"flow","parameters":{"flow_message_version":"3","flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.","flow_id":"1234567890","flow_cta":"Book!","flow_action":"navigate",
               "flow_action_payload":{"screen":"FIRST_SCREEN","data":{"party_size":"2"}}}}}
            """),
        ["interactive address_message"] = Interactive("""
            {"type":"address_message","body":{"text":"Where should we deliver?"},
             "action":{"name":"address_message","parameters":{"country":"IN","values":{"name":"Asha","phone_number":"+919999999999","in_pin_code":"400063","house_number":"12","building_name":"Sea View","address":"Main Road","city":"Mumbai","state":"Maharashtra"}}}}
            """),
        ["interactive product"] = Interactive("""
            {"type":"product","body":{"text":"Our best seller"},"footer":{"text":"Free shipping"},"action":{"catalog_id":"367025965434465","product_retailer_id":"SKU-1"}}
            """),
        ["interactive product_list"] = Interactive("""
            {"type":"product_list","header":{"type":"text","text":"Menu"},"body":{"text":"Pick your meal"},"footer":{"text":"Prices incl. tax"},
             "action":{"catalog_id":"367025965434465","sections":[
               {"title":"Mains","product_items":[{"product_retailer_id":"SKU-1"},{"product_retailer_id":"SKU-2"}]},
               {"title":"Sides","product_items":[{"product_retailer_id":"SKU-3"}]}]}}
            """),
        ["interactive catalog_message"] = Interactive("""
            {"type":"catalog_message","body":{"text":"Browse our catalog"},"footer":{"text":"New arrivals weekly"},
             "action":{"name":"catalog_message","parameters":{"thumbnail_product_retailer_id":"SKU-1"}}}
            """),
        ["interactive carousel"] = Interactive("""
            {"type":"carousel","body":{"text":"Our picks for you"},"action":{"cards":[
              {"card_index":0,"type":"cta_url","header":{"type":"image","image":{"link":"{MEDIA}/header.png"}},"body":{"text":"Blue shoes"},
               "action":{"name":"cta_url","parameters":{"display_text":"Buy","url":"https://example.com/1"}}},
              {"card_index":1,"type":"cta_url","header":{"type":"image","image":{"link":"{MEDIA}/team.png"}},"body":{"text":"Red shoes"},
               "action":{"name":"cta_url","parameters":{"display_text":"Buy","url":"https://example.com/2"}}}]}}
            """),
        ["interactive carousel with quick replies"] = Interactive("""
            {"type":"carousel","body":{"text":"Rate our picks"},"action":{"cards":[
              {"card_index":0,"header":{"type":"video","video":{"link":"{MEDIA}/clip.mp4"}},"action":{"buttons":[{"type":"quick_reply","quick_reply":{"id":"like-0","title":"Like"}}]}},
              {"card_index":1,"header":{"type":"video","video":{"link":"{MEDIA}/clip.mp4"}},"action":{"buttons":[{"type":"quick_reply","quick_reply":{"id":"like-1","title":"Like"}}]}}]}}
            """),
        ["interactive call_permission_request"] = Interactive("""
            {"type":"call_permission_request","body":{"text":"May we call you about your order?"},"action":{"name":"call_permission_request"}}
            """),
        ["interactive order_details"] = Interactive("""
            {"type":"order_details","body":{"text":"Your order is ready to pay"},
             "action":{"name":"review_and_pay","parameters":{"reference_id":"order-42","type":"digital-goods","payment_type":"upi","payment_configuration":"upi-cfg","currency":"INR",
               "total_amount":{"value":50000,"offset":100},
               "order":{"status":"pending","items":[{"retailer_id":"SKU-1","name":"Tea","amount":{"value":50000,"offset":100},"quantity":1}],"subtotal":{"value":50000,"offset":100},"tax":{"value":0,"offset":100}}}}}
            """),
        ["interactive order_status"] = Interactive("""
            {"type":"order_status","body":{"text":"Your order has shipped"},"action":{"name":"review_order","parameters":{"reference_id":"order-42","order":{"status":"shipped","description":"On its way"}}}}
            """),
        ["template without components"] = Template("""{"name":"hello_world","language":{"code":"en_US"}}"""),
        ["template with header, body and button parameters"] = Template("""
            {"name":"order_update","language":{"code":"en_US","policy":"deterministic"},"components":[
              {"type":"header","parameters":[{"type":"image","image":{"link":"{MEDIA}/header.png"}}]},
              {"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"currency","currency":{"fallback_value":"$10.99","code":"USD","amount_1000":10990}},{"type":"date_time","date_time":{"fallback_value":"May 1, 2026"}}]},
              {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"TRACK-42"}]},
              {"type":"button","sub_type":"url","index":1,"parameters":[{"type":"text","text":"orders/42"}]}]}
            """),
        ["template with a location header and a copy-code button"] = Template("""
            {"name":"store_offer","language":{"code":"en"},"components":[
              {"type":"header","parameters":[{"type":"location","location":{"latitude":"37.48","longitude":"-122.15","name":"Store","address":"1 Main St"}}]},
              {"type":"limited_time_offer","parameters":[{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":1790000000000}}]},
              {"type":"button","sub_type":"copy_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}
            """),
        ["template media card carousel"] = Template("""
            {"name":"summer_carousel","language":{"code":"en_US"},"components":[
              {"type":"body","parameters":[{"type":"text","text":"Ana"}]},
              {"type":"carousel","cards":[
                {"card_index":0,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"{IMAGE_ID}"}}]},{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"card-0"}]}]},
                {"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"{IMAGE_ID}"}}]},{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"card-1"}]}]}]}]}
            """),
        ["template with a multi-product button"] = Template("""
            {"name":"mpm_offer","language":{"code":"en_US"},"components":[
              {"type":"button","sub_type":"mpm","index":0,"parameters":[{"type":"action","action":{"thumbnail_product_retailer_id":"SKU-1",
                "sections":[{"title":"Picks","product_items":[{"product_retailer_id":"SKU-1"},{"product_retailer_id":"SKU-2"}]}]}}]}]}
            """),
        ["group text"] = new("""{"messaging_product":"whatsapp","recipient_type":"group","to":"{TO}","type":"text","text":{"body":"Hello, group"}}""", "text", Group: true),
        ["group image"] = new("""{"messaging_product":"whatsapp","recipient_type":"group","to":"{TO}","type":"image","image":{"link":"{MEDIA}/team.png","caption":"Team"}}""", "image", Group: true),
    };
}
