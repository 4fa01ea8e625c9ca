using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Templates;

/// <summary>Calls the template endpoints (Graph and simulator) as a client would.</summary>
public static class TemplateApi
{
    public const string TemplatesPath = $"/v23.0/{ParleyFactory.WabaId}/message_templates";

    /// <summary>A UTILITY template with a text header variable, two body variables, a footer, two quick replies and a URL button with a variable.</summary>
    public static JsonObject OrderConfirmation(string name = "order_confirmation", string language = "en_US") => JsonNode.Parse($$$"""
        {"name":"{{{name}}}","language":"{{{language}}}","category":"UTILITY","components":[
          {"type":"HEADER","format":"TEXT","text":"Order {{1}}","example":{"header_text":["42"]}},
          {"type":"BODY","text":"Hi {{1}}, your order {{2}} is confirmed. Tap below to follow it.","example":{"body_text":[["Ana","#42"]]}},
          {"type":"FOOTER","text":"Thanks for shopping with us"},
          {"type":"BUTTONS","buttons":[
            {"type":"QUICK_REPLY","text":"Track order"},
            {"type":"QUICK_REPLY","text":"Talk to us"},
            {"type":"URL","text":"See order","url":"https://shop.example.com/orders/{{1}}","example":["https://shop.example.com/orders/42"]}]}]}
        """)!.AsObject();

    /// <summary>A message of <see cref="OrderConfirmation"/> with all its parameters.</summary>
    public static JsonObject OrderMessage(string to, string name = "order_confirmation", string language = "en_US") => JsonNode.Parse($$$"""
        {"messaging_product":"whatsapp","to":"{{{to}}}","type":"template","template":{"name":"{{{name}}}","language":{"code":"{{{language}}}"},"components":[
          {"type":"header","parameters":[{"type":"text","text":"42"}]},
          {"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"#42"}]},
          {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"TRACK-42"}]},
          {"type":"button","sub_type":"url","index":2,"parameters":[{"type":"text","text":"42"}]}]}}
        """)!.AsObject();

    public static async Task<(HttpStatusCode Status, JsonObject Body)> CreateAsync(HttpClient client, JsonObject template, string path = TemplatesPath)
    {
        await Uploads.UploadCalls.ReplacePlaceholderHandlesAsync(client, template);
        using var response = await client.PostAsync(path, new StringContent(template.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Creates the template and returns its id, asserting Meta's answer <c>{id, status: PENDING, category}</c>.</summary>
    public static async Task<string> CreateOkAsync(HttpClient client, JsonObject template)
    {
        var (status, body) = await CreateAsync(client, template);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["status"]!.GetValue<string>().ShouldBe("PENDING");
        return body["id"]!.GetValue<string>();
    }

    /// <summary>The simulator sets the template's status (as Meta's review or quality rating would).</summary>
    public static async Task<JsonObject> SetStatusAsync(HttpClient client, string id, string status, string? reason = null)
    {
        using var response = await client.PostAsJsonAsync($"/sandbox/templates/{id}/status", new { status, reason });
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>Creates the template and approves it through the simulator; returns its id.</summary>
    public static async Task<string> CreateApprovedAsync(HttpClient client, JsonObject template)
    {
        var id = await CreateOkAsync(client, template);
        await SetStatusAsync(client, id, "APPROVED");
        return id;
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> DeleteAsync(HttpClient client, string query)
    {
        using var response = await client.DeleteAsync(TemplatesPath + "?" + query);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Graph's "object does not exist" (code 100, subcode 33, GraphMethodException), for any method's wording.</summary>
    public static void ShouldBeUnknown(this (HttpStatusCode Status, JsonObject Body) response, string id)
    {
        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.Body.ToJsonString());
        var error = response.Body.Error();
        error["code"]!.GetValue<int>().ShouldBe(100);
        error["error_subcode"]!.GetValue<int>().ShouldBe(33);
        error["type"]!.GetValue<string>().ShouldBe("GraphMethodException");
        error["message"]!.GetValue<string>().ShouldContain($"Object with ID '{id}' does not exist");
    }

    /// <summary>Every <c>message_template_status_update</c> value received, across batches.</summary>
    public static List<JsonObject> TemplateUpdates(this WebhookReceiver receiver) =>
        receiver.Received.SelectMany(r => r.Json["entry"]!.AsArray())
            .SelectMany(e => e!["changes"]!.AsArray())
            .Where(c => c!["field"]!.GetValue<string>() == "message_template_status_update")
            .Select(c => c!["value"]!.AsObject())
            .ToList();
}
