using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary>
/// Media by <c>link</c>: fetched after acceptance from a real local HTTP server, cached as the server's
/// Cache-Control / ETag / Last-Modified allow (seed 004, "Media HTTP Caching"); failures fail the message with 131053.
/// </summary>
public sealed class LinkMediaTests : IAsyncLifetime
{
    private const string User = "16505555001";
    private readonly ManualClockParleyFactory _parley = new();
    private HttpClient _client = null!;
    private LinkServer _server = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _client = _parley.CreateChannelClient();
        _server = await LinkServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        await _parley.SubscribeAsync(_receiver.Url);
        await CloudApi.UserWritesAsync(_client, User);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
        await _parley.DisposeAsync();
    }

    [Fact]
    public async Task LinkCachedWithMaxAgeIsFetchedOnceAndRevalidatedWithETagAfterExpiry()
    {
        _server.Serve("/cat.jpg", new LinkServer.Asset(MediaCalls.Bytes(3000), "image/jpeg", CacheControl: "max-age=600", ETag: "\"33a64df5\""));
        var link = _server.Url("/cat.jpg");

        await SendAndWaitAsync(link, "delivered");
        await SendAndWaitAsync(link, "delivered");
        _server.Requests.ShouldBe(["GET /cat.jpg 200"]);

        _parley.Clock.Advance(TimeSpan.FromSeconds(601));
        await SendAndWaitAsync(link, "delivered");
        _server.Requests.ShouldBe(["GET /cat.jpg 200", "GET /cat.jpg 304"]);

        await SendAndWaitAsync(link, "delivered");
        _server.Requests.Count.ShouldBe(2, "fresh again for another max-age after the 304");
    }

    [Fact]
    public async Task NoCacheWithLastModifiedRevalidatesOnEveryUse()
    {
        _server.Serve("/terms.pdf", new LinkServer.Asset(MediaCalls.Bytes(500), "application/pdf", CacheControl: "no-cache",
            LastModified: new DateTimeOffset(2022, 2, 22, 22, 22, 22, TimeSpan.Zero)));
        var link = _server.Url("/terms.pdf");

        await SendAndWaitAsync(link, "delivered", "document");
        await SendAndWaitAsync(link, "delivered", "document");

        _server.Requests.ShouldBe(["GET /terms.pdf 200", "GET /terms.pdf 304"]);
    }

    [Fact]
    public async Task NoStoreIsFetchedForEveryMessage()
    {
        _server.Serve("/fresh.png", new LinkServer.Asset(MediaCalls.Bytes(100), "image/png", CacheControl: "no-store", ETag: "\"x\""));
        var link = _server.Url("/fresh.png");

        await SendAndWaitAsync(link, "delivered");
        await SendAndWaitAsync(link, "delivered");

        _server.Requests.ShouldBe(["GET /fresh.png 200", "GET /fresh.png 200"]);
    }

    [Fact]
    public async Task LinkAnsweringNotFoundFailsTheMessageWith131053()
    {
        var status = await SendAndWaitAsync(_server.Url("/missing.jpg"), "failed");

        status["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131053);
        status["errors"]![0]!["title"]!.GetValue<string>().ShouldBe("Media upload error");
        status["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("HTTP 404");
    }

    [Fact]
    public async Task LinkOfTheWrongContentTypeFailsWith131053()
    {
        _server.Serve("/doc.pdf", new LinkServer.Asset(MediaCalls.Bytes(100), "application/pdf"));

        var status = await SendAndWaitAsync(_server.Url("/doc.pdf"), "failed");

        status["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131053);
        status["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("'application/pdf' cannot be sent as image");
    }

    [Fact]
    public async Task LinkOverTheKindsLimitFailsWith131053()
    {
        _server.Serve("/huge.webp", new LinkServer.Asset(new byte[600 * 1024], "image/webp"));

        var status = await SendAndWaitAsync(_server.Url("/huge.webp"), "failed", "sticker");

        status["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131053);
        status["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("500KB");
    }

    [Fact]
    public async Task UnreachableLinkFailsWith131053()
    {
        var status = await SendAndWaitAsync("http://127.0.0.1:9/nothing.jpg", "failed");

        status["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131053);
    }

    /// <summary>Sends the link as <paramref name="type"/> media and returns the status webhook once it says <paramref name="status"/>.</summary>
    private async Task<JsonObject> SendAndWaitAsync(string link, string status, string type = "image")
    {
        var message = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["to"] = User,
            ["type"] = type,
            [type] = new JsonObject { ["link"] = link },
        };
        var id = await CloudApi.SendOkAsync(_client, message);
        var received = await Eventually.Get(
            () => _receiver.Statuses().FirstOrDefault(s => s["id"]!.GetValue<string>() == id && s["status"]!.GetValue<string>() is var v && (v == status || v == "failed")),
            s => s is not null);
        received.ShouldNotBeNull($"no {status} webhook for {id}")["status"]!.GetValue<string>().ShouldBe(status);
        return received;
    }
}
