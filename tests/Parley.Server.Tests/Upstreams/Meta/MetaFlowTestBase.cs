using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Parley in-process with a meta channel (in the demo account) whose Graph API is <see cref="FakeGraph"/> playing Meta's
/// Flows API (<see cref="MetaFlowsApi"/>), and its subscription to <see cref="Receiver"/>: the <c>flows</c> events in the Cloud API
/// format, each a change whose value is the event as stored.
/// </summary>
public abstract class MetaFlowTestBase : IAsyncLifetime
{
    /// <summary>Meta's WABA id the meta channel names (<see cref="MetaChannels.CreateAsync"/>).</summary>
    protected const string MetaWabaId = "102290129349999";

    protected ParleyFactory Parley { get; } = new(new Dictionary<string, string?> { ["Parley:Meta:TimeoutMs"] = "1500" });

    protected FakeGraph Graph { get; private set; } = null!;

    protected MetaFlowsApi Meta { get; } = new();

    protected WebhookReceiver Receiver { get; private set; } = null!;

    protected MetaChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraph.StartAsync();
        Graph.Respond = Meta.Answer;
        Receiver = await WebhookReceiver.StartAsync();
        using var admin = Parley.CreateAdminClient();
        Channel = await MetaChannels.CreateAsync(admin, Graph.BaseUrl);
        await Tenants.PostCreatedAsync(admin, $"/admin/channels/{Channel.PhoneNumberId}/webhooks",
            new { url = Receiver.Url, events = "flows", format = "cloudapi" });
    }

    public async Task DisposeAsync()
    {
        await Parley.DisposeAsync();
        await Receiver.DisposeAsync();
        await Graph.DisposeAsync();
    }

    internal IFlowStore Flows => Parley.Services.GetRequiredService<IFlowStore>();

    internal Task<IFlowManager> ManagerAsync() =>
        Parley.Services.GetRequiredService<FlowManagers>().ForAccountAsync(ParleyFactory.WabaId, CancellationToken.None);

    /// <summary>Posts Meta's webhook of <c>flows</c> changes (signed with the channel's app secret) and expects 200.</summary>
    protected async Task DeliverFlowsAsync(params JsonObject[] values)
    {
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = MetaWabaId,
                ["time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["changes"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["field"] = "flows", ["value"] = v.DeepClone() })]),
            }),
        }.ToJsonString();
        using var client = Parley.CreateClient();
        (await MetaChannels.PostWebhookAsync(client, body, MetaChannels.UpstreamAppSecret)).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The <c>flows</c> values the subscription received, in order.</summary>
    protected IReadOnlyList<JsonObject> FlowEventsReceived() =>
        [.. Receiver.Received.SelectMany(r => r.Json["entry"]!.AsArray().SelectMany(e => e!["changes"]!.AsArray()))
            .Where(c => c!["field"]!.GetValue<string>() == "flows").Select(c => c!["value"]!.AsObject())];

    protected Task<IReadOnlyList<JsonObject>> FlowEventsAsync(int count) =>
        Eventually.Get(FlowEventsReceived, e => e.Count >= count, TimeSpan.FromSeconds(15));

    protected static JsonObject StatusChange(string flowId, string from, string to) => new()
    {
        ["event"] = "FLOW_STATUS_CHANGE",
        ["message"] = $"Flow Webhook 3 changed status from {from} to {to}",
        ["flow_id"] = flowId,
        ["old_status"] = from,
        ["new_status"] = to,
    };
}

/// <summary>
/// Meta's Flows API as far as Parley's meta upstream calls it, with Meta's answers and errors (Meta, "Flows API"):
/// the flows of one WABA in memory, every request recorded by <see cref="FakeGraph.Requests"/>.
/// </summary>
public sealed class MetaFlowsApi
{
    private readonly ConcurrentDictionary<string, JsonObject> _flows = new();
    private long _next = 5_550_000_000_000_000;

    /// <summary>A flow that exists at Meta only (made in WhatsApp Manager), as Meta lists it.</summary>
    public string Seed(string name, string status)
    {
        var id = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _flows[id] = new JsonObject { ["id"] = id, ["name"] = name, ["status"] = status, ["categories"] = new JsonArray("OTHER"), ["validation_errors"] = new JsonArray() };
        return id;
    }

    public JsonObject this[string id] => _flows[id];

    public GraphAnswer Answer(GraphRequest request)
    {
        var path = request.PathAndQuery.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries)[1..];
        var query = HttpUtility.ParseQueryString(request.PathAndQuery.Contains('?') ? request.PathAndQuery.Split('?')[1] : "");
        lock (_flows)
        {
            return (request.Method, path) switch
            {
                ("POST", [_, "flows"]) => Create(request.Json!),
                ("GET", [_, "flows"]) => Ok(new JsonObject
                {
                    ["data"] = new JsonArray([.. _flows.Values.OrderBy(f => f["id"]!.GetValue<string>()).Select(f => f.DeepClone())]),
                    ["paging"] = new JsonObject { ["cursors"] = new JsonObject { ["before"] = "QVFIUb4", ["after"] = "QVFIUa4" } },
                }),
                (_, [var id, ..]) when !_flows.ContainsKey(id) => Unknown(id),
                ("GET", [var id]) when query["fields"]?.StartsWith("preview", StringComparison.Ordinal) == true => Ok(new JsonObject
                {
                    ["preview"] = new JsonObject { ["preview_url"] = $"https://business.facebook.com/wa/manage/flows/{id}/preview/?token=b9d6", ["expires_at"] = "2027-01-05T11:18:09+0000" },
                    ["id"] = id,
                }),
                ("GET", [var id]) => Ok(_flows[id].DeepClone().AsObject()),
                ("POST", [var id]) => Update(id, request.Json!),
                ("POST", [var id, "assets"]) => Upload(id, request.Body),
                ("POST", [var id, "publish"]) => Move(id, "DRAFT", "PUBLISHED", 139002, "Publishing Flow in invalid state"),
                ("POST", [var id, "deprecate"]) => Move(id, "PUBLISHED", "DEPRECATED", 139003, "Can't deprecate unpublished flow"),
                ("DELETE", [var id]) => _flows[id]["status"]!.GetValue<string>() != "DRAFT"
                    ? Error(139004, "Can't delete published Flow")
                    : _flows.TryRemove(id, out _) ? Success() : Unknown(id),
                _ => Error(100, "Invalid parameter"),
            };
        }
    }

    private GraphAnswer Create(JsonObject body)
    {
        var name = body["name"]!.GetValue<string>();
        if (_flows.Values.Any(f => f["name"]!.GetValue<string>() == name))
        {
            return Error(100, "Flow name is not unique");
        }
        var id = Seed(name, "DRAFT");
        _flows[id]["categories"] = body["categories"]!.DeepClone();
        _flows[id]["endpoint_uri"] = body["endpoint_uri"]?.DeepClone();
        return Ok(new JsonObject { ["id"] = id });
    }

    private GraphAnswer Update(string id, JsonObject body)
    {
        if (_flows[id]["status"]!.GetValue<string>() != "DRAFT")
        {
            return Error(139001, "Flow can't be updated");
        }
        foreach (var (name, value) in body)
        {
            _flows[id][name] = value?.DeepClone();
        }
        return Success();
    }

    /// <summary>An upload is saved; Flow JSON without <c>screens</c> answers Meta's validation error (still <c>success: true</c>).</summary>
    private GraphAnswer Upload(string id, string multipart)
    {
        if (!multipart.Contains("name=asset_type", StringComparison.Ordinal) || !multipart.Contains("FLOW_JSON", StringComparison.Ordinal))
        {
            return Error(100, "Invalid parameter");
        }
        JsonArray errors = multipart.Contains("\"screens\"", StringComparison.Ordinal)
            ? []
            : [new JsonObject
            {
                ["error"] = "MISSING_REQUIRED_PROPERTY", ["error_type"] = "JSON_SCHEMA_ERROR", ["message"] = "The property \"screens\" is required at \"$root\".",
                ["line_start"] = 1, ["line_end"] = 1, ["column_start"] = 1, ["column_end"] = 2,
            }];
        _flows[id]["validation_errors"] = errors.DeepClone();
        _flows[id]["json_version"] = "7.3";
        return Ok(new JsonObject { ["success"] = true, ["validation_errors"] = errors });
    }

    private GraphAnswer Move(string id, string from, string to, int code, string title)
    {
        if (_flows[id]["status"]!.GetValue<string>() != from)
        {
            return Error(code, title);
        }
        _flows[id]["status"] = to;
        return Success();
    }

    private static GraphAnswer Ok(JsonObject body) => new(200, body.ToJsonString());

    private static GraphAnswer Success() => Ok(new JsonObject { ["success"] = true });

    private static GraphAnswer Error(int code, string title) =>
        new(400, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = "Invalid parameter", ["type"] = "OAuthException", ["code"] = code, ["error_user_title"] = title, ["fbtrace_id"] = "A1" },
        }.ToJsonString());

    private static GraphAnswer Unknown(string id) =>
        new(400, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                ["type"] = "GraphMethodException", ["code"] = 100, ["error_subcode"] = 33, ["fbtrace_id"] = "A2",
            },
        }.ToJsonString());
}
