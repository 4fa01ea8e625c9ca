using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>Calls Parley's 1msg dialect as a 1msg client would: <c>/{instanceId}/{method}?token=…</c>.</summary>
public static class OneMsgClient
{
    public const string Instance = ParleyFactory.PhoneNumberId;

    public static string PathOf(string method, string token = ParleyFactory.AccessToken, string query = "") =>
        $"/{Instance}/{method}?token={Uri.EscapeDataString(token)}{query}";

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostJsonAsync(HttpClient client, string method, string json, string token = ParleyFactory.AccessToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(PathOf(method, token), content);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(HttpClient client, string method, string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(PathOf(method), content);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostMultipartAsync(HttpClient client, string method, IDictionary<string, string> fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        using var response = await client.PostAsync(PathOf(method), content);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Any HTTP method on a 1msg path, with an optional JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> CallAsync(HttpClient client, HttpMethod verb, string method, string? json = null, string query = "")
    {
        using var request = new HttpRequestMessage(verb, PathOf(method, query: query));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string method, string query = "")
    {
        using var response = await client.GetAsync(PathOf(method, query: query));
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Sends and asserts 1msg's sent response; returns the message id.</summary>
    public static async Task<string> SentAsync(HttpClient client, string method, string json)
    {
        var (status, body) = await PostJsonAsync(client, method, json);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["sent"]!.GetValue<bool>().ShouldBeTrue();
        body["description"]!.GetValue<string>().ShouldBe("Message has been sent to the provider");
        body["message"]!.GetValue<string>().ShouldStartWith("Sent to ");
        return body["id"]!.GetValue<string>();
    }

    public static Task<string> UserWritesAsync(HttpClient client, string from) => CloudApi.UserWritesAsync(client, from);
}
