using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Flows;

/// <summary>
/// Flows for tests: made through the Flows API (create, upload the Flow JSON as multipart, publish), or written straight
/// to the store with a chosen id, name and status (WhatsApp blocking or throttling a flow is the sandbox's part).
/// </summary>
public static class FlowKit
{
    public const string Version = "v26.0";

    /// <summary>A valid Flow JSON of two screens (no endpoint).</summary>
    public const string SignUpJson = """
        {
          "version": "6.0",
          "screens": [
            {
              "id": "WELCOME",
              "title": "Welcome <b>in</b>",
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "TextHeading", "text": "Join & save" },
                  { "type": "TextInput", "name": "email", "label": "Your email" },
                  { "type": "Footer", "label": "Continue", "on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "DONE" }, "payload": {} } }
                ]
              }
            },
            {
              "id": "DONE",
              "title": "Done",
              "terminal": true,
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "Footer", "label": "Finish", "on-click-action": { "name": "complete", "payload": {} } }
                ]
              }
            }
          ]
        }
        """;

    /// <summary>Text that is not JSON: validating it answers validation errors.</summary>
    public const string BrokenJson = "{\n  \"version\": \"6.0\",\n  \"screens\": [\n";

    public static string FlowsPath(string wabaId = ParleyFactory.WabaId) => $"/{Version}/{wabaId}/flows";

    public static string FlowPath(string flowId, string edge = "") => $"/{Version}/{flowId}{(edge.Length > 0 ? "/" + edge : "")}";

    /// <summary>Creates a flow through the API (a DRAFT); returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string name = "Sign up", string wabaId = ParleyFactory.WabaId)
    {
        var (status, body) = await Tenants.PostAsync(client, FlowsPath(wabaId), new { name, categories = new[] { "SIGN_UP" } });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    /// <summary>Uploads Flow JSON as Meta's sample does: multipart with file, name and asset_type.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> UploadAsync(HttpClient client, string flowId, string json,
        string name = "flow.json", string assetType = "FLOW_JSON")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "flow.json");
        form.Add(new StringContent(name), "name");
        form.Add(new StringContent(assetType), "asset_type");
        using var response = await client.PostAsync(FlowPath(flowId, "assets"), form);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsync(path, null);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> DeleteAsync(HttpClient client, string path)
    {
        using var response = await client.DeleteAsync(path);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Creates a flow, uploads <see cref="SignUpJson"/> and publishes it; returns its id.</summary>
    public static async Task<string> CreatePublishedAsync(HttpClient client, string name = "Sign up", string wabaId = ParleyFactory.WabaId)
    {
        var id = await CreateAsync(client, name, wabaId);
        (await UploadAsync(client, id, SignUpJson)).Status.ShouldBe(HttpStatusCode.OK);
        var (status, body) = await PostAsync(client, FlowPath(id, "publish"));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return id;
    }

    /// <summary>A flow written straight to the store, with the id, name and status a test needs.</summary>
    public static async Task SeedAsync(ParleyFactory parley, string id, string name, string status = FlowStatuses.Published, string accountId = ParleyFactory.WabaId)
    {
        var now = parley.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (version, dataApiVersion) = FlowJsonFacts.Read(SignUpJson);
        var flow = new Flow(id, accountId, name, ["SIGN_UP"], status, SignUpJson, [], version, dataApiVersion, null, null, null, now, now);
        (await Store(parley).CreateAsync(flow, CancellationToken.None)).ShouldBe(FlowCreateOutcome.Created);
    }

    /// <summary>WhatsApp moves a flow to another status (BLOCKED, THROTTLED), as its health monitoring does.</summary>
    public static async Task SetStatusAsync(ParleyFactory parley, string id, string status)
    {
        var flow = (await Store(parley).GetAsync(id, CancellationToken.None))!;
        var now = parley.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        (await Store(parley).UpdateAsync(flow, flow with { Status = status, UpdatedAt = now }, [], now, CancellationToken.None)).ShouldBeTrue();
    }

    public static Task<Flow?> GetStoredAsync(ParleyFactory parley, string id) => Store(parley).GetAsync(id, CancellationToken.None);

    private static IFlowStore Store(ParleyFactory parley) => parley.Services.GetRequiredService<IFlowStore>();
}
