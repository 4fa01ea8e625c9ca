using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>One send the fake Graph API received.</summary>
public sealed record GraphCall(int Index, long Timestamp, string Version, string PhoneNumberId, string Authorization, JsonObject Body)
{
    public string To => Body["to"]!.GetValue<string>();
}

/// <summary>What the fake Graph API answers to one send: a status, a body, after a delay.</summary>
public sealed record GraphAnswer(int Status, string Body, TimeSpan Delay = default)
{
    public static GraphAnswer Accepted(GraphCall call) =>
        new(200, $$$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{{call.To}}}","wa_id":"{{{call.To}}}"}],"messages":[{"id":"{{{Wamid(call)}}}"}]}""");

    public static GraphAnswer Error(int httpStatus, int code, string title, string details = "details") =>
        new(httpStatus, $$$"""{"error":{"message":"(#{{{code}}}) {{{title}}}","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"{{{details}}}"},"fbtrace_id":"Az8or2yhqkZfEZ"}}""");

    /// <summary>The wamid the fake gives the call's message: <c>wamid.upstream-&lt;index&gt;</c>.</summary>
    public static string Wamid(GraphCall call) => $"wamid.upstream-{call.Index}";
}

/// <summary>One management call (anything but a send) the fake Graph API received: method, path with query, body as text, bearer token.</summary>
public sealed record GraphRequest(string Method, string PathAndQuery, string Body, string? ContentType, string? Authorization = null)
{
    /// <summary>The body as JSON; null when it is not a JSON object (a multipart upload).</summary>
    public JsonObject? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// A real local HTTP server playing Meta's Graph API send endpoint (<c>POST /{version}/{phone-number-id}/messages</c>):
/// records every call with its arrival time and answers as <see cref="Answer"/> says — accepted, a Graph error, slowly.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private readonly ConcurrentQueue<GraphCall> _calls = new();
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private WebApplication? _app;
    private int _count = -1;

    private FakeGraph(int port) => Port = port;

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>How each call is answered; accepted with <see cref="GraphAnswer.Wamid"/> by default.</summary>
    public Func<GraphCall, GraphAnswer> Answer { get; set; } = GraphAnswer.Accepted;

    public IReadOnlyList<GraphCall> Calls => _calls.OrderBy(c => c.Index).ToList();

    /// <summary>How each management call (any other path) is answered; Graph's unknown-path error by default.</summary>
    public Func<GraphRequest, GraphAnswer> Respond { get; set; } = _ => GraphAnswer.Error(400, 100, "Invalid parameter", "Unknown path");

    /// <summary>The management calls received, in order.</summary>
    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    public static async Task<FakeGraph> StartAsync()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var graph = new FakeGraph(port);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(graph.BaseUrl);
        var app = builder.Build();
        app.MapPost("/{version}/{phoneNumberId}/messages", graph.HandleAsync);
        app.Map("/{version}/{**path}", graph.HandleOtherAsync);
        await app.StartAsync();
        graph._app = app;
        return graph;
    }

    private async Task<IResult> HandleAsync(string version, string phoneNumberId, HttpRequest request)
    {
        var json = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        var call = new GraphCall(Interlocked.Increment(ref _count), Stopwatch.GetTimestamp(), version, phoneNumberId, request.Headers.Authorization.ToString(), json);
        _calls.Enqueue(call);
        var answer = Answer(call);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the caller gave up
            }
        }
        return Results.Text(answer.Body, "application/json", statusCode: answer.Status);
    }

    private async Task<IResult> HandleOtherAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var call = new GraphRequest(
            request.Method, request.Path + request.QueryString, await reader.ReadToEndAsync(), request.ContentType, request.Headers.Authorization.ToString());
        _requests.Enqueue(call);
        var answer = Respond(call);
        return Results.Text(answer.Body, "application/json", statusCode: answer.Status);
    }

    /// <summary>
    /// Observed sends per second over <paramref name="calls"/>: the least-squares slope of the number of calls against
    /// their arrival times, so every call counts and a single late straggler at either end does not decide the figure.
    /// </summary>
    public static double Rate(IReadOnlyList<GraphCall> calls)
    {
        var first = calls.Min(c => c.Timestamp);
        var seconds = calls.Select(c => Stopwatch.GetElapsedTime(first, c.Timestamp).TotalSeconds).Order().ToList();
        var meanTime = seconds.Average();
        var meanIndex = (calls.Count - 1) / 2.0;
        var covariance = seconds.Select((t, i) => (t - meanTime) * (i - meanIndex)).Sum();
        var variance = seconds.Sum(t => (t - meanTime) * (t - meanTime));
        return covariance / variance;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
