using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>A <c>meta</c> channel created through the admin API, with a token for it.</summary>
public sealed record MetaChannel(string PhoneNumberId, string UpstreamPhoneNumberId, string Token, string AppSecret, string VerifyToken)
{
    public string MessagesPath => Tenants.MessagesPath(PhoneNumberId);
}

/// <summary>Creates meta channels and plays Meta's side of the webhooks: signed POSTs to <c>/webhooks/meta</c>.</summary>
public static class MetaChannels
{
    public const string UpstreamAccessToken = "EAAupstream-token-0123456789";
    public const string UpstreamAppSecret = "meta-app-secret-0123456789";

    /// <summary>Creates a meta channel (in the demo account) relaying to <paramref name="baseUrl"/>.</summary>
    public static async Task<MetaChannel> CreateAsync(
        HttpClient admin, string baseUrl, string? upstreamPhoneNumberId = null, int messagesPerSecond = 80,
        string accessToken = UpstreamAccessToken, string appSecret = UpstreamAppSecret)
    {
        var phoneNumberId = NewId();
        upstreamPhoneNumberId ??= NewId();
        var verifyToken = "verify-" + Guid.NewGuid().ToString("N");
        await Tenants.PostCreatedAsync(admin, "/admin/channels", new
        {
            account_id = ParleyFactory.WabaId,
            phone_number_id = phoneNumberId,
            display_phone_number = "15550004444",
            upstream = "meta",
            messages_per_second = messagesPerSecond,
            upstream_settings = new
            {
                base_url = baseUrl,
                api_version = "v23.0",
                phone_number_id = upstreamPhoneNumberId,
                waba_id = "102290129349999",
                access_token = accessToken,
                app_secret = appSecret,
                verify_token = verifyToken,
            },
        });
        var (_, token) = await Tenants.IssueTokenAsync(admin, channelId: phoneNumberId);
        return new MetaChannel(phoneNumberId, upstreamPhoneNumberId, token, appSecret, verifyToken);
    }

    public static string NewId() => Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>POSTs <paramref name="body"/> to <c>/webhooks/meta</c>, signed with <paramref name="secret"/> (unsigned when null).</summary>
    public static async Task<HttpStatusCode> PostWebhookAsync(HttpClient client, string body, string? secret = UpstreamAppSecret, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/meta") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        signature ??= secret is null ? null : Sign(secret, body);
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Meta's envelope around one <c>messages</c> change of <paramref name="upstreamPhoneNumberId"/>.</summary>
    public static string Envelope(string upstreamPhoneNumberId, JsonObject value)
    {
        value["messaging_product"] = "whatsapp";
        value["metadata"] = new JsonObject { ["display_phone_number"] = "15550004444", ["phone_number_id"] = upstreamPhoneNumberId };
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129349999",
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = value }),
            }),
        }.ToJsonString();
    }

    public static string StatusWebhook(string upstreamPhoneNumberId, string wamid, string status, string recipient, JsonObject? error = null)
    {
        var item = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["recipient_id"] = recipient,
        };
        if (error is not null)
        {
            item["errors"] = new JsonArray(error);
        }
        return Envelope(upstreamPhoneNumberId, new JsonObject { ["statuses"] = new JsonArray(item) });
    }

    public static string InboundWebhook(string upstreamPhoneNumberId, string wamid, string from, string text, string? contextId = null)
    {
        var message = new JsonObject
        {
            ["from"] = from,
            ["id"] = wamid,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = text },
        };
        if (contextId is not null)
        {
            message["context"] = new JsonObject { ["from"] = "15550004444", ["id"] = contextId };
        }
        return Envelope(upstreamPhoneNumberId, new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Meta User" }, ["wa_id"] = from }),
            ["messages"] = new JsonArray(message),
        });
    }

    /// <summary>The message's status from the lookup API.</summary>
    public static async Task<string> StatusOfAsync(HttpClient client, string phoneNumberId, string id)
    {
        using var response = await client.GetAsync(CloudApi.MessagePath(id, phoneNumberId));
        var body = await CloudApi.ReadAsync(response);
        return body["status"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string query) => client.GetAsync("/webhooks/meta" + query);

    internal static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
