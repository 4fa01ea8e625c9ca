using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>1msg's flow methods as a client calls them: <c>/{instanceId}/flows…?token=…</c>.</summary>
public static class OneMsgFlowClient
{
    /// <summary>A Flow JSON that validates: one terminal screen.</summary>
    public const string ValidFlowJson = """
        {
          "version": "7.2",
          "screens": [
            {
              "id": "WELCOME",
              "title": "Welcome",
              "terminal": true,
              "layout": { "type": "SingleColumnLayout", "children": [ { "type": "Footer", "label": "Done", "on-click-action": { "name": "complete", "payload": {} } } ] }
            }
          ]
        }
        """;

    /// <summary>Text that is not JSON, which validation reports.</summary>
    public const string BrokenFlowJson = "{\"version\": \"7.2\", \"screens\": [";

    /// <summary>Creates a flow through <c>POST /flows</c> (JSON) and returns its id, asserting a 200.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string name = "Sign up", string? flowJson = null, bool publish = false, string token = ParleyFactory.AccessToken, string instance = OneMsgClient.Instance)
    {
        var request = new JsonObject { ["name"] = name, ["categories"] = new JsonArray("SIGN_UP") };
        if (flowJson is not null)
        {
            request["flowJson"] = flowJson;
        }
        if (publish)
        {
            request["publish"] = true;
        }
        var (status, body) = await SendAsync(client, HttpMethod.Post, "flows", Json(request.ToJsonString()), token: token, instance: instance);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    /// <summary>A flow with valid Flow JSON, published.</summary>
    public static Task<string> CreatePublishedAsync(HttpClient client, string name = "Sign up") => CreateAsync(client, name, ValidFlowJson, publish: true);

    public static Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string method, string json = "{}") =>
        SendAsync(client, HttpMethod.Post, method, Json(json));

    public static Task<(HttpStatusCode Status, JsonObject Body)> PatchAsync(HttpClient client, string method, string json) =>
        SendAsync(client, HttpMethod.Patch, method, Json(json));

    public static Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string method, string query = "", string token = ParleyFactory.AccessToken, string instance = OneMsgClient.Instance) =>
        SendAsync(client, HttpMethod.Get, method, null, query, token, instance);

    public static Task<(HttpStatusCode Status, JsonObject Body)> DeleteAsync(HttpClient client, string method) =>
        SendAsync(client, HttpMethod.Delete, method, null);

    /// <summary>A multipart body: the text fields, and <c>file</c> as a <c>flow.json</c> upload when given.</summary>
    public static MultipartFormDataContent Multipart(IDictionary<string, string> fields, string? file = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (file is not null)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(file));
            part.Headers.ContentType = new("application/json");
            content.Add(part, "file", "flow.json");
        }
        return content;
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(
        HttpClient client, HttpMethod verb, string method, HttpContent? content, string query = "", string token = ParleyFactory.AccessToken, string instance = OneMsgClient.Instance)
    {
        using var request = new HttpRequestMessage(verb, $"/{instance}/{method}?token={Uri.EscapeDataString(token)}{query}") { Content = content };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>The flow as <c>GET /flows/{id}</c> describes it, asserting a 200.</summary>
    public static async Task<JsonObject> DetailsAsync(HttpClient client, string flowId, string query = "")
    {
        var (status, body) = await GetAsync(client, $"flows/{flowId}", query);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static async Task<string> StatusAsync(HttpClient client, string flowId) => (await DetailsAsync(client, flowId))["status"]!.GetValue<string>();

    /// <summary>How many flows <c>GET /flows</c> says the account has.</summary>
    public static async Task<int> TotalAsync(HttpClient client) => (await GetAsync(client, "flows")).Body["total"]!.GetValue<int>();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
