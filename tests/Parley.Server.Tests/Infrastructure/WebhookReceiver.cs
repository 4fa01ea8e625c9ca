using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP webhook receiver on 127.0.0.1: records every POST with its raw body and signature. It can answer
/// with an error status, or be stopped and started again on the same port to simulate an outage. Like a real business
/// endpoint it answers Meta's verification <c>GET</c> (<c>hub.mode=subscribe</c>) by echoing <c>hub.challenge</c>, unless
/// told not to (<see cref="EchoesChallenge"/>).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/webhook";

    /// <summary>The status answered to every POST (200 by default).</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public IReadOnlyCollection<ReceivedWebhook> Received => _received;

    /// <summary>Whether a verification GET is answered with its challenge (true), or with a body that is not it.</summary>
    public bool EchoesChallenge { get; set; } = true;

    /// <summary>The query of every verification GET received, in order.</summary>
    public IReadOnlyCollection<IReadOnlyDictionary<string, string>> Verifications => _verifications;

    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _verifications = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var receiver = new WebhookReceiver(port);
        await receiver.UpAsync();
        return receiver;
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.MapGet("/webhook", (HttpRequest request) =>
        {
            _verifications.Enqueue(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal));
            return EchoesChallenge && request.Query["hub.mode"] == "subscribe"
                ? Results.Text(request.Query["hub.challenge"].ToString(), "text/plain")
                : Results.Text("not the challenge", "text/plain");
        });
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if (Answer == HttpStatusCode.OK)
            {
                _received.Enqueue(new ReceivedWebhook(buffer.ToArray(), request.Headers["X-Hub-Signature-256"].ToString(), request.ContentType)
                {
                    Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                });
            }
            return Results.StatusCode((int)Answer);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task DownAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Every status object received so far, across batches.</summary>
    public IReadOnlyList<JsonObject> Statuses() => Values("statuses");

    /// <summary>Every inbound message object received so far, across batches.</summary>
    public IReadOnlyList<JsonObject> Messages() => Values("messages");

    private List<JsonObject> Values(string name) =>
        _received.SelectMany(r => r.Json["entry"]!.AsArray())
            .SelectMany(e => e!["changes"]!.AsArray())
            .Select(c => c!["value"]![name])
            .Where(v => v is not null)
            .SelectMany(v => v!.AsArray().Select(x => x!.AsObject()))
            .ToList();

    public async ValueTask DisposeAsync() => await DownAsync();
}

public sealed record ReceivedWebhook(byte[] Body, string Signature, string? ContentType)
{
    /// <summary>Every request header (names case-insensitive), for formats signed in headers of their own.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public bool SignedWith(string secret) =>
        Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));
}
