using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>A sandbox channel of its own, created through the admin API, with a channel-scoped token.</summary>
public sealed record TestChannel(string AccountId, string PhoneNumberId, string AppSecret, string TokenId, string Token)
{
    public string MessagesPath => Tenants.MessagesPath(PhoneNumberId);
}

/// <summary>Creates accounts, channels, tokens and subscriptions through the admin API, and drives their sandbox.</summary>
public static class Tenants
{
    public static string MessagesPath(string phoneNumberId) => $"/v23.0/{phoneNumberId}/messages";

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>POST that must create: returns the body, asserting the 201.</summary>
    public static async Task<JsonObject> PostCreatedAsync(HttpClient client, string path, object body)
    {
        var (status, created) = await PostAsync(client, path, body);
        status.ShouldBe(HttpStatusCode.Created, created.ToJsonString());
        return created;
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PatchAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PatchAsJsonAsync(path, body);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>GET of an admin list: the JSON array.</summary>
    public static async Task<JsonArray> ListAsync(HttpClient admin, string path)
    {
        using var response = await admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsArray();
    }

    public static async Task<HttpStatusCode> DeleteAsync(HttpClient client, string path)
    {
        using var response = await client.DeleteAsync(path);
        return response.StatusCode;
    }

    public static async Task<string> CreateAccountAsync(HttpClient admin, string name = "Test Business")
    {
        var body = await PostCreatedAsync(admin, "/admin/accounts", new { name });
        return body["id"]!.GetValue<string>();
    }

    /// <summary>Creates a sandbox channel of the account; returns its id and the app secret (shown only here).</summary>
    public static async Task<(string PhoneNumberId, string AppSecret)> CreateChannelAsync(HttpClient admin, string accountId, string? appSecret = null)
    {
        var body = await PostCreatedAsync(admin, "/admin/channels", new { account_id = accountId, display_phone_number = "15550009999", app_secret = appSecret });
        return (body["channel"]!["phone_number_id"]!.GetValue<string>(), body["app_secret"]!.GetValue<string>());
    }

    /// <summary>Issues a token scoped to a channel or an account; returns its id and value (shown only here).</summary>
    public static async Task<(string Id, string Value)> IssueTokenAsync(HttpClient admin, string? channelId = null, string? accountId = null)
    {
        var body = await PostCreatedAsync(admin, "/admin/tokens", new { channel_id = channelId, account_id = accountId, label = "tests" });
        return (body["token"]!["id"]!.GetValue<string>(), body["access_token"]!.GetValue<string>());
    }

    /// <summary>A fresh account with one sandbox channel and a token for it.</summary>
    public static async Task<TestChannel> CreateChannelWithTokenAsync(ParleyFactory parley, string? appSecret = null)
    {
        using var admin = parley.CreateAdminClient();
        var accountId = await CreateAccountAsync(admin);
        var (phoneNumberId, secret) = await CreateChannelAsync(admin, accountId, appSecret);
        var (tokenId, token) = await IssueTokenAsync(admin, channelId: phoneNumberId);
        return new TestChannel(accountId, phoneNumberId, secret, tokenId, token);
    }

    /// <summary>Subscribes <paramref name="url"/> to a channel's events; returns the subscription id.</summary>
    public static async Task<string> SubscribeAsync(ParleyFactory parley, string phoneNumberId, string url, string? secret = null, string events = "*", int? batchSize = null)
    {
        using var admin = parley.CreateAdminClient();
        var body = await PostCreatedAsync(admin, $"/admin/channels/{phoneNumberId}/webhooks", new { url, secret, events, batch_size = batchSize });
        return body["id"]!.GetValue<string>();
    }

    /// <summary>A simulated user writes to the channel (opening the 24-hour window); returns the inbound id.</summary>
    public static Task<string> UserWritesAsync(HttpClient client, string phoneNumberId, string from) =>
        CloudApi.UserWritesAsync(client, from, phoneNumberId: phoneNumberId);

    /// <summary>Sends a text on the channel and returns the message id, asserting the 200.</summary>
    public static Task<string> SendTextAsync(HttpClient client, string phoneNumberId, string to, string text = "Hello from Parley") =>
        CloudApi.SendOkAsync(client, CloudApi.Text(to, text), path: MessagesPath(phoneNumberId));

    /// <summary>The message with its history from the lookup API, once it reached <paramref name="status"/> (or failed).</summary>
    public static Task<JsonObject> WaitForStatusAsync(HttpClient client, string phoneNumberId, string id, string status) =>
        Eventually.Get(
            async () => (await GetAsync(client, CloudApi.MessagePath(id, phoneNumberId))).Body,
            m => m["status"]?.GetValue<string>() is var s && (s == status || s == "failed"));
}
