using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Blocking;

/// <summary>Calls of the Cloud API's <c>block_users</c> and the simulator, for the blocking tests.</summary>
public static class BlockKit
{
    public const string BlockUsersPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/block_users";

    /// <summary>POST (block) or DELETE (unblock) <c>block_users</c> with the users given.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> ChangeAsync(HttpClient client, HttpMethod method, params string[] users)
    {
        var body = new { messaging_product = "whatsapp", block_users = users.Select(u => new { user = u }).ToArray() };
        return await SendAsync(client, method, BlockUsersPath, JsonSerializer.Serialize(body));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>The <c>wa_id</c>s of one page of the blocklist.</summary>
    public static IReadOnlyList<string> WaIds(JsonObject page) => [.. page["data"]!.AsArray().Select(u => u!["wa_id"]!.GetValue<string>())];

    /// <summary>A simulated user writes; the simulator's whole answer (with <c>delivered: false</c> when WhatsApp dropped it).</summary>
    public static async Task<JsonObject> UserWritesAsync(HttpClient client, string from, string text)
    {
        using var response = await client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/inbound", new { from, type = "text", text = new { body = text } });
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static string MessageId(JsonObject accepted) => accepted["messages"]![0]!["id"]!.GetValue<string>();
}
