using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Automation;

/// <summary>Calls for the conversational automation tests: the Cloud API's settings and the simulator's user.</summary>
public static class AutomationKit
{
    public const string Path = $"/v23.0/{ParleyFactory.PhoneNumberId}/conversational_automation";

    public const string FieldPath = $"/v23.0/{ParleyFactory.PhoneNumberId}?fields=conversational_automation";

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string json, string query = "")
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Path + query, content);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task SetAsync(HttpClient client, string json)
    {
        var (status, body) = await PostAsync(client, json);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"success":true}""");
    }

    /// <summary>The number's <c>conversational_automation</c> field.</summary>
    public static async Task<JsonObject> FieldAsync(HttpClient client)
    {
        using var response = await client.GetAsync(FieldPath);
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["id"]!.GetValue<string>().ShouldBe(ParleyFactory.PhoneNumberId);
        return body["conversational_automation"]!.AsObject();
    }

    /// <summary>A simulator call for the user <paramref name="waId"/>: <c>open-chat</c>, <c>ice-breakers</c> or <c>commands</c>.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> UserAsync(HttpClient client, string waId, string action, object? body = null)
    {
        using var response = await client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/users/{waId}/{action}", body ?? new { });
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<JsonObject> OpenChatAsync(HttpClient client, string waId)
    {
        var (status, body) = await UserAsync(client, waId, "open-chat");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }
}
