using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Pricing;

/// <summary>Templates of each category, sends of them, and the pricing of a message as its webhooks report it.</summary>
public static class PricingKit
{
    public static JsonObject Marketing(string name = "spring_sale") => JsonNode.Parse($$"""
        {"name":"{{name}}","language":"en_US","category":"MARKETING","components":[{"type":"BODY","text":"Our spring collection is here."}]}
        """)!.AsObject();

    public static JsonObject Utility(string name = "shipping_update") => JsonNode.Parse($$"""
        {"name":"{{name}}","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Your parcel has left the warehouse."}]}
        """)!.AsObject();

    public static JsonObject Authentication(string name = "login_code") => JsonNode.Parse($$"""
        {"name":"{{name}}","language":"en_US","category":"AUTHENTICATION","components":[
          {"type":"BODY","add_security_recommendation":true},
          {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE"}]}]}
        """)!.AsObject();

    /// <summary>A send of a template without parameters.</summary>
    public static object Template(string to, string name) => new
    {
        messaging_product = "whatsapp", to, type = "template", template = new { name, language = new { code = "en_US" } },
    };

    /// <summary>A send of <see cref="Authentication"/> with its code.</summary>
    public static JsonObject Code(string to, string name = "login_code", string code = "482913") => JsonNode.Parse($$$"""
        {"messaging_product":"whatsapp","to":"{{{to}}}","type":"template","template":{"name":"{{{name}}}","language":{"code":"en_US"},"components":[
          {"type":"body","parameters":[{"type":"text","text":"{{{code}}}"}]},
          {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"{{{code}}}"}]}]}}
        """)!.AsObject();

    /// <summary>Creates and approves the templates of every category.</summary>
    public static async Task CreateTemplatesAsync(HttpClient client)
    {
        await TemplateApi.CreateApprovedAsync(client, Marketing());
        await TemplateApi.CreateApprovedAsync(client, Utility());
        await TemplateApi.CreateApprovedAsync(client, Authentication());
    }

    /// <summary>A user who tapped a click-to-WhatsApp ad writes (a free entry point).</summary>
    public static Task<string> UserWritesFromAnAdAsync(HttpClient client, string from) => CloudApi.UserWritesAsync(client, from, new
    {
        from, type = "text", text = new { body = "Is this still available?" },
        referral = new { source_url = "https://fb.me/ad", source_id = "120201", source_type = "ad", headline = "Spring sale", body = "20% off", media_type = "image", ctwa_clid = "ARAkLkA8rmlFeiCktEJQ" },
    });

    /// <summary>The <c>sent</c> status of the message as the webhook receiver got it.</summary>
    public static async Task<JsonObject> SentStatusAsync(WebhookReceiver receiver, string id) => (await Eventually.Get(
        () => receiver.Statuses().FirstOrDefault(s => s["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() == "sent"),
        s => s is not null))!;

    /// <summary>Moves the sandbox clock forward.</summary>
    public static async Task AdvanceAsync(HttpClient admin, TimeSpan by)
    {
        using var response = await admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = by.TotalSeconds });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
