using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Bench;

internal sealed record EndToEndOptions(
    IReadOnlyList<Server> Nodes,
    string AdminKey,
    string AppSecret,
    Store Store,
    string? PostgresConnectionString,
    int Messages,
    int WarmupMessages,
    int Channels,
    int Connections,
    int BatchSize,
    int ReceiverPort,
    string Title,
    string? RateFile,
    string? OneNodeRateFile,
    string? ResultsFile)
{
    public static EndToEndOptions From(BenchArgs args)
    {
        var urls = args.Texts("parley");
        if (urls.Count == 0)
        {
            throw new ArgumentException("Option --parley (one URL per node, comma-separated) is required.");
        }

        var pids = args.Ints("parley-pids");
        if (pids.Count != 0 && pids.Count != urls.Count)
        {
            throw new ArgumentException("Option --parley-pids needs one pid per --parley URL.");
        }

        var database = args.OptionalInt("pg-pid") is { } postmaster ? new PostgresProcesses(postmaster) : null;
        var nodes = urls.Select((url, i) => new Server(
                urls.Count == 1 ? "Parley" : $"node {i + 1}",
                Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--parley: not a URL: '{url}'."),
                pids.Count > 0 ? pids[i] : null))
            .ToList();
        var options = new EndToEndOptions(
            nodes,
            args.Text("admin-key"),
            args.Text("app-secret"),
            args.StoreOption(),
            args.OptionalText("pg"),
            args.Int("messages", 20_000),
            args.Int("warmup-messages", 2_000, minimum: 0),
            args.Int("channels", 1),
            args.Int("connections", 64),
            args.Int("batch-size", 100),
            args.Int("receiver-port", 5089),
            args.OptionalText("title") ?? $"{(nodes.Count == 1 ? "one node" : $"{nodes.Count} nodes")}",
            args.OptionalText("rate-file"),
            args.OptionalText("one-node-rate-file"),
            args.OptionalText("results-file"));
        args.EnsureAllRead();
        return options with { Nodes = database is null ? nodes : nodes.Select(n => n with { Database = database }).ToList() };
    }

    public PostgresProcesses? Database => Nodes[0].Database;
}

/// <summary>
/// End to end: template messages accepted by Parley (one node or several, senders spread round-robin over nodes and
/// channels), dispatched through the sandbox (statuses at once), and every <c>read</c> status received — signature
/// checked — by a real local webhook receiver. Reports messages per second from the first send to the last
/// <c>read</c>, CPU per message (each node's, and PostgreSQL's), RSS, and on PostgreSQL the statements per message
/// from <c>pg_stat_statements</c>. A discarded warmup run on a channel of its own comes first.
/// </summary>
internal static class EndToEnd
{
    private static readonly byte[] Template = Encoding.UTF8.GetBytes(
        """{"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}""");

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        var options = EndToEndOptions.From(args);
        await using var receiver = await Receiver.StartAsync(options.ReceiverPort, options.AppSecret);
        using var admin = new HttpClient { BaseAddress = options.Nodes[0].Url };
        admin.DefaultRequestHeaders.Add("X-Admin-Key", options.AdminKey);
        var clients = options.Nodes.Select(_ => LoadClient.Create(options.Connections, token: null)).ToList();
        await using var postgres = options.PostgresConnectionString is { } connectionString
            ? await PostgresStatistics.OpenAsync(connectionString, cancellationToken)
            : null;
        try
        {
            // One account for the warmup and the measured channels: an account's first sends pay for its setup, in the warmup.
            var accountId = (await PostAsync(admin, "/admin/accounts", new { name = "e2e bench" }, cancellationToken))["id"]!.GetValue<string>();
            if (options.WarmupMessages > 0)
            {
                await Console.Error.WriteLineAsync($"e2e {options.Title}: warmup, {options.WarmupMessages:N0} messages (discarded)...");
                var warmupChannel = await CreateChannelAsync(admin, options, accountId, cancellationToken);
                await RunAsync(options, [warmupChannel], options.WarmupMessages, clients, receiver, cancellationToken);
            }

            var channels = new List<Channel>();
            for (var i = 0; i < options.Channels; i++)
            {
                channels.Add(await CreateChannelAsync(admin, options, accountId, cancellationToken));
            }

            await Console.Error.WriteLineAsync($"e2e {options.Title}: {options.Messages:N0} messages over {options.Nodes.Count} node(s), {channels.Count} channel(s)...");
            var meter = new ServerMeter(options.Nodes, new CpuWatch(options.Nodes.Select(n => n.Pid).OfType<int>().ToList(), options.Database));
            var pgBefore = postgres is null ? null : await postgres.StartAsync(cancellationToken);
            var before = meter.Take();
            using var sampling = new CancellationTokenSource();
            var rssSampler = SampleAsync(options, postgres, sampling.Token);
            var run = await RunAsync(options, channels, options.Messages, clients, receiver, cancellationToken);
            var after = meter.Take();
            await sampling.CancelAsync();
            var peaks = await rssSampler;
            var pgAfter = postgres is null || pgBefore is null ? null : await postgres.StopAsync(pgBefore, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var rssAfter = options.Nodes.Select(n => n.Pid is { } pid ? Memory.Rss(pid) : null).ToList();

            var usages = options.Nodes.Select(n => meter.Between(before, after, n.Name)).ToList();
            var markdown = Render(options, run, usages, peaks, rssAfter, pgAfter);
            Console.WriteLine(markdown);
            if (options.ResultsFile is { } resultsFile)
            {
                await File.AppendAllTextAsync(resultsFile, "\n" + markdown, cancellationToken);
            }

            if (options.RateFile is { } rateFile)
            {
                await File.WriteAllTextAsync(rateFile, run.PerSecond.ToString("R", CultureInfo.InvariantCulture), cancellationToken);
            }

            return run.Complete && Checks(options, run, usages, peaks, pgAfter?.MaxConnections).All(c => c.Met == true) ? 0 : 1;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private sealed record Channel(string PhoneNumberId, Uri[] UrlPerNode, AuthenticationHeaderValue Authorization);

    private sealed record Run(int Messages, int Failed, TimeSpan Accepted, TimeSpan Done, int Read, int Posts, int BadSignatures)
    {
        public double PerSecond => Read / Done.TotalSeconds;

        public bool Complete => Read >= Messages - Failed && BadSignatures == 0 && Failed == 0;
    }

    private sealed record Peaks(IReadOnlyList<long?> Rss, int? PostgresConnections);

    /// <summary>A channel paced at 10,000 msgs/s (no backlog of earlier runs stands in front), a token, and the receiver subscribed to statuses.</summary>
    private static async Task<Channel> CreateChannelAsync(HttpClient admin, EndToEndOptions options, string accountId, CancellationToken cancellationToken)
    {
        var channel = await PostAsync(admin, "/admin/channels", new
        {
            account_id = accountId,
            display_phone_number = "1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            app_secret = options.AppSecret,
            messages_per_second = 10_000,
        }, cancellationToken);
        var phoneNumberId = channel["channel"]!["phone_number_id"]!.GetValue<string>();
        var token = (await PostAsync(admin, "/admin/tokens", new { channel_id = phoneNumberId }, cancellationToken))["access_token"]!.GetValue<string>();
        await PostAsync(admin, $"/admin/channels/{phoneNumberId}/webhooks",
            new { url = $"http://127.0.0.1:{options.ReceiverPort}/webhook", batch_size = options.BatchSize, events = "statuses" }, cancellationToken);
        return new Channel(
            phoneNumberId,
            options.Nodes.Select(n => new Uri(n.Url, $"/v23.0/{phoneNumberId}/messages")).ToArray(),
            new AuthenticationHeaderValue("Bearer", token));
    }

    /// <summary>Sends <paramref name="messages"/> (message i to node i mod nodes, channel i mod channels) and waits for every read.</summary>
    private static async Task<Run> RunAsync(
        EndToEndOptions options, IReadOnlyList<Channel> channels, int messages, List<HttpClient> clients, Receiver receiver, CancellationToken cancellationToken)
    {
        var ids = channels.Select(c => c.PhoneNumberId).ToHashSet();
        var postsBefore = receiver.Posts;
        var badBefore = receiver.BadSignatures;
        var clock = Stopwatch.StartNew();
        var next = -1L;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var node = (int)(i % clients.Count);
                var channel = channels[(int)(i / clients.Count % channels.Count)];
                using var request = new HttpRequestMessage(HttpMethod.Post, channel.UrlPerNode[node]) { Content = new ByteArrayContent(Template) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Authorization = channel.Authorization;
                try
                {
                    using var response = await clients[node].SendAsync(request, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed); // HttpClient.Timeout
                }
            }
        }));
        var accepted = clock.Elapsed;
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(180);
        while (receiver.ReadsOf(ids) < messages - failed && clock.Elapsed < deadline)
        {
            await Task.Delay(10, cancellationToken);
        }

        return new Run(messages, failed, accepted, clock.Elapsed, receiver.ReadsOf(ids), receiver.Posts - postsBefore, receiver.BadSignatures - badBefore);
    }

    /// <summary>The highest RSS of each node and the most PostgreSQL connections in use, every 250 ms until cancelled.</summary>
    private static async Task<Peaks> SampleAsync(EndToEndOptions options, PostgresStatistics? postgres, CancellationToken cancellationToken)
    {
        var rss = new long?[options.Nodes.Count];
        int? connections = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < rss.Length; i++)
            {
                if (options.Nodes[i].Pid is { } pid && Memory.Rss(pid) is { } value)
                {
                    rss[i] = Math.Max(rss[i] ?? 0, value);
                }
            }

            if (postgres is not null)
            {
                var inUse = await postgres.ConnectionsAsync(CancellationToken.None);
                connections = Math.Max(connections ?? 0, inUse);
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return new Peaks(rss, connections);
    }

    private static List<TargetCheck> Checks(EndToEndOptions options, Run run, IReadOnlyList<Usage> usages, Peaks peaks, int? maxConnections)
    {
        var store = options.Store;
        var cpu = CpuPerMessage(run, usages);
        var disturbed = Targets.Disturbed(usages.Select(u => u.OtherCpu).ToArray());
        var checks = new List<TargetCheck>
        {
            new($"End to end ({options.Title}), msgs/s from first accept to last signed `read` webhook",
                $"{run.PerSecond:N0}{(run.Complete ? "" : $" (incomplete: {run.Read:N0} of {run.Messages:N0} read, {run.Failed:N0} failed sends, {run.BadSignatures} bad signatures)")}",
                $"≥ {Targets.EndToEndPerSecond(store):N0}",
                run.Complete && run.PerSecond >= Targets.EndToEndPerSecond(store),
                disturbed),
            new($"End to end ({options.Title}), CPU per message: Parley{(options.Database is null ? "" : " + PostgreSQL")}",
                cpu is { } ms ? $"{ms:0.000} ms" : "n/a (no pids)",
                $"≤ {Targets.EndToEndCpuMilliseconds(store):0.0} ms",
                cpu is { } value ? value <= Targets.EndToEndCpuMilliseconds(store) : null,
                disturbed),
            Targets.RssCheck($"End to end ({options.Title}), highest RSS of a node during the run", peaks.Rss.Max()),
        };
        if (OneNodeRate(options) is { } oneNode)
        {
            checks.Add(new TargetCheck(
                $"Several nodes: msgs/s on {options.Nodes.Count} nodes ÷ on one node (same run)",
                $"{run.PerSecond / oneNode:0.00} ({run.PerSecond:N0} ÷ {oneNode:N0})",
                "> 1",
                run.Complete && run.PerSecond > oneNode,
                disturbed));
        }

        if (options.Nodes.Count > 1 && peaks.PostgresConnections is { } connections)
        {
            checks.Add(new TargetCheck(
                $"Several nodes: no connection exhaustion ({options.Nodes.Count} nodes, max_connections {maxConnections})",
                $"{run.Failed:N0} failed sends, at most {connections} connections",
                "0 failed, connections < max_connections",
                run.Failed == 0 && connections < maxConnections));
        }

        return checks;
    }

    /// <summary>The one-node msgs/s that an earlier run of the same bench wrote (<c>--one-node-rate-file</c>), if any.</summary>
    private static double? OneNodeRate(EndToEndOptions options) =>
        options.OneNodeRateFile is { } file && File.Exists(file)
        && double.TryParse(File.ReadAllText(file), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : null;

    private static double? CpuPerMessage(Run run, IReadOnlyList<Usage> usages) =>
        run.Read == 0 || usages.Count == 0 ? null
            : (usages.Sum(u => u.CpuMilliseconds) + usages[0].DatabaseCpuMilliseconds) / run.Read;

    private static string Render(EndToEndOptions options, Run run, List<Usage> usages, Peaks peaks, List<long?> rssAfter, PostgresDelta? postgres)
    {
        var md = new StringBuilder();
        md.AppendLine($"### End to end on {Report.StoreName(options.Store)}, {options.Title} (accept → sandbox → sent/delivered/read → signed webhooks, batch_size {options.BatchSize})")
            .AppendLine();
        Report.AppendTargets(md, Checks(options, run, usages, peaks, postgres?.MaxConnections));
        md.AppendLine()
            .AppendLine("| messages | nodes | channels | accepted in | accept rate | last `read` webhook after | end-to-end msgs/s | webhook POSTs | bad signatures | failed sends |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            .AppendLine($"| {run.Messages:N0} | {options.Nodes.Count} | {options.Channels} | {run.Accepted.TotalSeconds:F2} s | {run.Messages / run.Accepted.TotalSeconds:N0}/s | {run.Done.TotalSeconds:F2} s | {run.PerSecond:N0} | {run.Posts:N0} | {run.BadSignatures} | {run.Failed} |");

        if (usages.Count > 0 && run.Read > 0)
        {
            md.AppendLine()
                .AppendLine("| CPU per message | ms | RSS peak during / after |")
                .AppendLine("|---|---:|---|");
            for (var i = 0; i < options.Nodes.Count; i++)
            {
                md.AppendLine($"| {options.Nodes[i].Name} | {usages[i].CpuMilliseconds / run.Read:0.000} | {Report.Mb(peaks.Rss[i])} / {Report.Mb(rssAfter[i])} MB |");
            }

            if (options.Database is not null)
            {
                md.AppendLine($"| PostgreSQL (every server process) | {usages[0].DatabaseCpuMilliseconds / run.Read:0.000} | |");
            }

            md.AppendLine($"| **total** | **{CpuPerMessage(run, usages):0.000}** | |");
        }

        if (postgres is not null)
        {
            md.AppendLine()
                .AppendLine($"PostgreSQL (`pg_stat_statements`, reset before the run, {run.Read:N0} messages): **{postgres.Calls / (double)run.Read:0.00} statement executions (calls) per message** "
                    + $"over {postgres.Statements.Count} distinct statements, **{postgres.Transactions / (double)run.Read:0.00} transactions per message**, "
                    + $"at most {peaks.PostgresConnections} connections in use (max_connections {postgres.MaxConnections}). "
                    + "Each call is one execution; statements sent together in one batch share a round trip, so calls are an upper bound of round trips.")
                .AppendLine()
                .AppendLine("| calls | per message | mean ms | statement |")
                .AppendLine("|---:|---:|---:|---|");
            foreach (var statement in postgres.Statements.Take(12))
            {
                md.AppendLine($"| {statement.Calls:N0} | {statement.Calls / (double)run.Read:0.00} | {statement.MeanMilliseconds:0.000} | `{statement.Query}` |");
            }
        }
        else if (options.PostgresConnectionString is not null)
        {
            md.AppendLine().AppendLine("PostgreSQL statements: `pg_stat_statements` is not available (start the server with `shared_preload_libraries=pg_stat_statements`).");
        }

        return md.ToString();
    }

    private static async Task<JsonObject> PostAsync(HttpClient admin, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>A webhook receiver that checks every signature and counts <c>read</c> statuses per phone number id.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly byte[] _secret;
        private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
        private int _posts;
        private int _badSignatures;

        private Receiver(WebApplication app, string secret)
        {
            _app = app;
            _secret = Encoding.UTF8.GetBytes(secret);
        }

        public int Posts => Volatile.Read(ref _posts);

        public int BadSignatures => Volatile.Read(ref _badSignatures);

        public int ReadsOf(HashSet<string> phoneNumberIds) => _reads.Where(r => phoneNumberIds.Contains(r.Key)).Sum(r => r.Value);

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
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                foreach (var change in entry.GetProperty("changes").EnumerateArray())
                {
                    var value = change.GetProperty("value");
                    if (value.TryGetProperty("statuses", out var statuses))
                    {
                        var reads = statuses.EnumerateArray().Count(s => s.GetProperty("status").ValueEquals("read"));
                        var phoneNumberId = value.GetProperty("metadata").GetProperty("phone_number_id").GetString() ?? "";
                        _reads.AddOrUpdate(phoneNumberId, reads, (_, count) => count + reads);
                    }
                }
            }

            return Results.Ok();
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
