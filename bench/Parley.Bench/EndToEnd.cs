using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Bench;

/// <summary>
/// End to end: template messages accepted by Parley, dispatched through the sandbox (statuses at once), and every
/// <c>read</c> status received — signature checked — by a real local webhook receiver. Reports messages per second
/// from the first send to the last <c>read</c>.
/// </summary>
internal static class EndToEnd
{
    private static readonly byte[] Template = Encoding.UTF8.GetBytes(
        """{"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}""");

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        var parley = args.Url("parley");
        var adminKey = args.Text("admin-key");
        var appSecret = args.Text("app-secret");
        var messages = args.Int("messages", 20_000);
        var connections = args.Int("connections", 64);
        var batchSize = args.Int("batch-size", 100);
        var receiverPort = args.Int("receiver-port", 5089);
        args.EnsureAllRead();

        await using var receiver = await Receiver.StartAsync(receiverPort, appSecret);
        using var admin = new HttpClient { BaseAddress = parley };
        admin.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        // A channel of its own (10,000 msgs/s), so no backlog of earlier runs stands in front of these messages.
        var account = await PostAsync(admin, "/admin/accounts", new { name = "e2e bench" }, cancellationToken);
        var channel = await PostAsync(admin, "/admin/channels", new
        {
            account_id = account["id"]!.GetValue<string>(),
            display_phone_number = "15550009876",
            app_secret = appSecret,
            messages_per_second = 10_000,
        }, cancellationToken);
        var phoneNumberId = channel["channel"]!["phone_number_id"]!.GetValue<string>();
        var token = (await PostAsync(admin, "/admin/tokens", new { channel_id = phoneNumberId }, cancellationToken))["access_token"]!.GetValue<string>();
        await PostAsync(admin, $"/admin/channels/{phoneNumberId}/webhooks",
            new { url = $"http://127.0.0.1:{receiverPort}/webhook", batch_size = batchSize, events = "statuses" }, cancellationToken);

        using var client = LoadClient.Create(connections, token);
        var url = new Uri(parley, $"/v23.0/{phoneNumberId}/messages");
        var clock = Stopwatch.StartNew();
        var next = -1L;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < messages)
            {
                using var content = new ByteArrayContent(Template);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync(url, content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var accepted = clock.Elapsed;
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(120);
        while (receiver.Read < messages - failed && clock.Elapsed < deadline)
        {
            await Task.Delay(10, cancellationToken);
        }
        var done = clock.Elapsed;

        Console.WriteLine($"""
            ### End to end (accept → sandbox → sent/delivered/read → signed webhooks, batch_size {batchSize})

            | messages | accepted in | accept rate | last `read` webhook after | end-to-end msgs/s | webhook POSTs | bad signatures | failed sends |
            |---:|---:|---:|---:|---:|---:|---:|---:|
            | {messages:N0} | {accepted.TotalSeconds:F2} s | {messages / accepted.TotalSeconds:N0}/s | {done.TotalSeconds:F2} s | {receiver.Read / done.TotalSeconds:N0} | {receiver.Posts:N0} | {receiver.BadSignatures} | {failed} |
            """);
        return receiver.Read >= messages - failed && receiver.BadSignatures == 0 && failed == 0 ? 0 : 1;
    }

    private static async Task<JsonObject> PostAsync(HttpClient admin, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>A webhook receiver that checks every signature and counts <c>read</c> statuses.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly byte[] _secret;
        private int _read;
        private int _posts;
        private int _badSignatures;

        private Receiver(WebApplication app, string secret)
        {
            _app = app;
            _secret = Encoding.UTF8.GetBytes(secret);
        }

        public int Read => Volatile.Read(ref _read);
        public int Posts => Volatile.Read(ref _posts);
        public int BadSignatures => Volatile.Read(ref _badSignatures);

        public static async Task<Receiver> StartAsync(int port, string secret)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var receiver = new Receiver(app, secret);
            app.MapPost("/webhook", receiver.HandleAsync);
            await app.StartAsync();
            return receiver;
        }

        private async Task<IResult> HandleAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            Interlocked.Increment(ref _posts);
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body));
            if (request.Headers["X-Hub-Signature-256"] != expected)
            {
                Interlocked.Increment(ref _badSignatures);
                return Results.Ok();
            }
            using var document = JsonDocument.Parse(body);
            var reads = 0;
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                foreach (var change in entry.GetProperty("changes").EnumerateArray())
                {
                    if (change.GetProperty("value").TryGetProperty("statuses", out var statuses))
                    {
                        reads += statuses.EnumerateArray().Count(s => s.GetProperty("status").ValueEquals("read"));
                    }
                }
            }
            Interlocked.Add(ref _read, reads);
            return Results.Ok();
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
