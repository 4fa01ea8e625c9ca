using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// A Parley of its own whose demo workspace and channel have fixed Channels ids, with a client that authenticates
/// with <c>Authorization: AccessKey</c> (the demo channel's token) and a sandbox send log to check sends at the network.
/// </summary>
public abstract class BirdTest : ParleyTest
{
    public const string WorkspaceId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    public const string ChannelId = "52ad151f-0d6c-4e1a-8f3b-9c2d7e4a1b00";
    public const string MessagesPath = $"/workspaces/{WorkspaceId}/channels/{ChannelId}/messages";

    private readonly Lazy<HttpClient> _channels;
    private LinkServer? _media;

    protected BirdTest(IDictionary<string, string?>? settings = null) : this(NewSendLogPath(), settings)
    {
    }

    private BirdTest(string sendLogPath, IDictionary<string, string?>? settings) : base(With(settings, sendLogPath))
    {
        SendLogPath = sendLogPath;
        _channels = new Lazy<HttpClient>(() => CreateAccessKeyClient(ParleyFactory.AccessToken));
    }

    /// <summary>The sandbox's send log: every wamid handed to the simulated network.</summary>
    protected string SendLogPath { get; }

    private static string NewSendLogPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "parley-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"sendlog-{Guid.NewGuid():n}.txt");
    }

    /// <summary>
    /// A link to <paramref name="file"/> on a real local HTTP server (media links are fetched during dispatch, so
    /// they must answer): the server is started on first use and serves a few bytes of <paramref name="contentType"/>.
    /// </summary>
    protected async Task<string> MediaUrlAsync(string file, string contentType)
    {
        _media ??= await LinkServer.StartAsync();
        _media.Serve("/" + file, new LinkServer.Asset(MediaCalls.Bytes(64), contentType));
        return _media.Url("/" + file);
    }

    /// <summary>A client with <c>Authorization: AccessKey</c> and the demo channel's token.</summary>
    protected HttpClient Channels => _channels.Value;

    private static Dictionary<string, string?> With(IDictionary<string, string?>? settings, string sendLogPath)
    {
        var all = new Dictionary<string, string?>
        {
            ["Parley:Demo:WorkspaceId"] = WorkspaceId,
            ["Parley:Demo:ChannelId"] = ChannelId,
            ["Parley:Sandbox:SendLogPath"] = sendLogPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return all;
    }

    protected HttpClient CreateAccessKeyClient(string key)
    {
        var client = Parley.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("AccessKey", key);
        return client;
    }

    protected static Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, object request, string path = MessagesPath) =>
        SendRawAsync(client, System.Text.Json.JsonSerializer.Serialize(request), path);

    protected static async Task<(HttpStatusCode Status, JsonObject Body)> SendRawAsync(HttpClient client, string json, string path = MessagesPath)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    protected static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>A send that must be accepted: the 202 body.</summary>
    protected async Task<JsonObject> SendAcceptedAsync(object request)
    {
        var (status, body) = await SendAsync(Channels, request);
        status.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
        return body;
    }

    /// <summary>A Channels request to <paramref name="to"/> with <paramref name="body"/>.</summary>
    protected static object To(string to, object body) =>
        new { receiver = new { contacts = new[] { new { identifierKey = "phonenumber", identifierValue = "+" + to } } }, body };

    /// <summary>The wamids a Channels message became (its <c>parts[].platformReference</c>).</summary>
    protected static string[] Wamids(JsonObject message) =>
        [.. message["parts"]!.AsArray().Select(p => p!["platformReference"]!.GetValue<string>())];

    /// <summary>The canonical Cloud API message as the network got it, once the sandbox took it (read with the lookup API).</summary>
    protected async Task<JsonObject> AtUpstreamAsync(string wamid)
    {
        var stored = await CloudApi.WaitForStatusAsync(Client, wamid, "read");
        stored["status"]!.GetValue<string>().ShouldBe("read", stored.ToJsonString());
        SentToNetwork().ShouldContain(wamid);
        return stored["message"]!.AsObject();
    }

    /// <summary>The wamids in the sandbox's send log, in the order the network got them.</summary>
    protected List<string> SentToNetwork()
    {
        using var stream = new FileStream(SendLogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public override async Task DisposeAsync()
    {
        if (_channels.IsValueCreated)
        {
            _channels.Value.Dispose();
        }
        if (_media is not null)
        {
            await _media.DisposeAsync();
        }
        await base.DisposeAsync();
        File.Delete(SendLogPath);
    }
}
