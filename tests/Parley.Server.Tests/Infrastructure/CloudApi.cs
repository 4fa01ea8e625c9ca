using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Calls Parley's Cloud API and simulator the way a client would, returning status and parsed body.</summary>
public static class CloudApi
{
    public const string MessagesPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/messages";

    public static Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, object message, string path = MessagesPath, string? idempotencyKey = null) =>
        SendRawAsync(client, System.Text.Json.JsonSerializer.Serialize(message), path, idempotencyKey);

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendRawAsync(HttpClient client, string json, string path = MessagesPath, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    /// <summary>A text message to <paramref name="to"/>.</summary>
    public static object Text(string to, string body = "Hello from Parley") =>
        new { messaging_product = "whatsapp", to, type = "text", text = new { body } };

    /// <summary>Sends (to the demo channel unless <paramref name="path"/> says otherwise) and returns the new message id, asserting the 200.</summary>
    public static async Task<string> SendOkAsync(HttpClient client, object message, string? idempotencyKey = null, string path = MessagesPath)
    {
        var (status, body) = await SendAsync(client, message, path, idempotencyKey);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["messages"]![0]!["id"]!.GetValue<string>();
    }

    /// <summary>A simulated user writes to a channel, the demo one by default (opening the 24-hour window); returns the inbound id.</summary>
    public static async Task<string> UserWritesAsync(HttpClient client, string from, object? message = null, string phoneNumberId = ParleyFactory.PhoneNumberId)
    {
        message ??= new { from, type = "text", text = new { body = "Hi!" } };
        using var response = await client.PostAsJsonAsync($"/sandbox/channels/{phoneNumberId}/inbound", message);
        var body = await ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["messages"]![0]!["id"]!.GetValue<string>();
    }

    /// <summary>The lookup API's path of one message of a channel, the demo one by default.</summary>
    public static string MessagePath(string id, string phoneNumberId = ParleyFactory.PhoneNumberId) =>
        $"/api/channels/{phoneNumberId}/messages/{Uri.EscapeDataString(id)}";

    /// <summary>The message with its status history, from the lookup API.</summary>
    public static async Task<JsonObject> GetMessageAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync(MessagePath(id));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await ReadAsync(response);
    }

    /// <summary>Waits until the message reaches <paramref name="status"/> (or fails) and returns it.</summary>
    public static Task<JsonObject> WaitForStatusAsync(HttpClient client, string id, string status) =>
        Eventually.Get(() => GetMessageAsync(client, id), m => m["status"]!.GetValue<string>() is var s && (s == status || s == "failed"));

    public static JsonObject Error(this JsonObject body) => body["error"]!.AsObject();

    public static int Code(this JsonObject body) => body.Error()["code"]!.GetValue<int>();
}
