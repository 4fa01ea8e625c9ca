using System.Text.Json.Nodes;

namespace Parley.Server.Tests.Templates;

/// <summary>
/// Approved templates that fit the template messages of <c>CloudApi/SendSamples</c> (sending a template message is
/// checked against its stored template, so every sample needs one).
/// </summary>
public static class SampleTemplateFixtures
{
    private static readonly string[] Templates =
    [
        """
        {"name":"order_update","language":"en_US","category":"UTILITY","components":[
          {"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
          {"type":"BODY","text":"Hi {{1}}, you paid {{2}} on {{3}}. Thank you.","example":{"body_text":[["Ana","$10.99","May 1"]]}},
          {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Track"},{"type":"URL","text":"Details","url":"https://shop.example.com/{{1}}","example":["https://shop.example.com/orders/42"]}]}]}
        """,
        """
        {"name":"store_offer","language":"en","category":"MARKETING","components":[
          {"type":"HEADER","format":"LOCATION"},
          {"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Expiring offer!","has_expiration":true}},
          {"type":"BODY","text":"Visit us for a treat."},
          {"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SAVE10"}]}]}
        """,
        """
        {"name":"summer_carousel","language":"en_US","category":"MARKETING","components":[
          {"type":"BODY","text":"Hi {{1}}, our summer picks.","example":{"body_text":[["Ana"]]}},
          {"type":"CAROUSEL","cards":[
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick me"}]}]},
            {"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Pick me"}]}]}]}]}
        """,
        """
        {"name":"mpm_offer","language":"en_US","category":"MARKETING","components":[
          {"type":"BODY","text":"Our picks for you."},
          {"type":"BUTTONS","buttons":[{"type":"MPM","text":"View items"}]}]}
        """,
    ];

    /// <summary>Creates and approves every sample template in the demo account.</summary>
    public static async Task CreateAsync(HttpClient client)
    {
        foreach (var json in Templates)
        {
            await TemplateApi.CreateApprovedAsync(client, JsonNode.Parse(json)!.AsObject());
        }
    }
}
