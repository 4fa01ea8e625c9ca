using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Media;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving media files the way a customer's CDN would, with the caching headers
/// the test chooses. It answers conditional requests with 304 when the validators match, and counts what it served.
/// </summary>
public sealed class LinkServer : IAsyncDisposable
{
    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private WebApplication? _app;

    public sealed record Asset(byte[] Bytes, string ContentType, int Status = 200, string? CacheControl = null, string? ETag = null, DateTimeOffset? LastModified = null);

    public int Port { get; private set; }

    /// <summary>Every request, as "GET /path 200" or "GET /path 304".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Serve(string path, Asset asset)
    {
        lock (_assets)
        {
            _assets[path] = asset;
        }
    }

    public static async Task<LinkServer> StartAsync()
    {
        var server = new LinkServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{**path}", server.Answer);
        await app.StartAsync();
        server._app = app;
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    private async Task Answer(HttpContext context)
    {
        Asset? asset;
        lock (_assets)
        {
            _assets.TryGetValue(context.Request.Path.Value ?? "", out asset);
        }
        var request = context.Request;
        var response = context.Response;
        if (asset is null)
        {
            Record(request, 404);
            response.StatusCode = 404;
            return;
        }
        if (asset.CacheControl is not null)
        {
            response.Headers.CacheControl = asset.CacheControl;
        }
        if (asset.ETag is not null)
        {
            response.Headers.ETag = asset.ETag;
        }
        if (asset.LastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToString("R");
        }
        var etagMatches = asset.ETag is not null && request.Headers.IfNoneMatch.ToString() == asset.ETag;
        var notModifiedSince = asset.LastModified is { } lm && request.GetTypedHeaders().IfModifiedSince is { } since && lm <= since;
        if (asset.Status == 200 && (etagMatches || notModifiedSince))
        {
            Record(request, 304);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        Record(request, asset.Status);
        response.StatusCode = asset.Status;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        await response.Body.WriteAsync(asset.Bytes);
    }

    private void Record(HttpRequest request, int status)
    {
        lock (_requests)
        {
            _requests.Add($"{request.Method} {request.Path} {status}");
        }
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
