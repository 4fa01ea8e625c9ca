using System.Diagnostics;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Reliability;

/// <summary>
/// Three real Parley processes on one PostgreSQL database, sending through the sandbox upstream, which logs every
/// send attempt per node (<c>Parley:Sandbox:SendLogPath</c>, written through so that it survives SIGKILL). The logs
/// of all nodes together tell how often each message really went out.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class MultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int NodeCount = 3;
    private const int Senders = 32;
    private const int LeaseSeconds = 3;
    private const string SendLog = "sends.log";

    /// <summary>Twenty ordinary sandbox users (…1000 to …1019: no special behaviour), so no single pair carries the load.</summary>
    private static readonly string[] Recipients = Enumerable.Range(1000, 20).Select(n => $"1650555{n}").ToArray();

    private readonly string _root = Path.Combine(Path.GetTempPath(), "parley-tests", "multi-node-" + Guid.NewGuid().ToString("n"));
    private readonly List<ParleyProcess> _nodes = [];
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await _receiver.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS otherwise.
        }
    }

    [PostgresFact]
    public async Task ThreeNodesSendTenThousandMessagesExactlyOnce()
    {
        const int Count = 10_000;
        await StartNodesAsync();
        await PrepareChannelAsync(messagesPerSecond: 10_000);
        var clients = _nodes.Select(n => n.CreateClient()).ToArray();
        try
        {
            var clock = Stopwatch.StartNew();
            var ids = new string[Count];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Count)
                {
                    ids[i] = await CloudApi.SendOkAsync(clients[i % NodeCount], Message(i));
                }
            }));
            var acceptSeconds = clock.Elapsed.TotalSeconds;

            var tally = new StatusTally(_receiver);
            await Eventually.Get(tally.UpdateAsync, t => ids.All(t.Has("read")), TimeSpan.FromSeconds(180));
            var totalSeconds = clock.Elapsed.TotalSeconds;
            var sends = ReadSendLogs();

            var counts = SendCounts(sends);
            var notOnce = ids.Where(id => counts.GetValueOrDefault(id) != 1).ToList();
            var duplicates = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
            output.WriteLine($"{Count} messages through {NodeCount} nodes: accepted in {acceptSeconds:F1} s ({Count / acceptSeconds:F0} msgs/s), " +
                $"all read after {totalSeconds:F1} s ({Count / totalSeconds:F0} msgs/s end to end)");
            output.WriteLine($"webhooks: {_receiver.Received.Count} POSTs, {tally.Objects} status objects, {tally.Objects - tally.Distinct} redelivered");
            output.WriteLine($"sends per node: {string.Join(", ", sends.Select(s => s.Count))} ({sends.Sum(s => s.Count)} in all); " +
                $"messages sent more than once: {duplicates.Count}");
            if (duplicates.Count > 0)
            {
                output.WriteLine(DescribeDuplicates(sends, duplicates));
            }

            ids.Distinct().Count().ShouldBe(Count, "every accepted message has an id of its own");
            var unread = ids.Where(id => !tally.Has("read")(id)).ToList();
            unread.Count.ShouldBe(0, $"every message is read within 180 s; e.g. {Sample(unread)}");
            var incomplete = ids.Where(id => tally.StatusesOf(id) is not ["delivered", "read", "sent"]).ToList();
            // At-least-once webhooks: a status may arrive twice, but each of the three arrives.
            incomplete.Count.ShouldBe(0, $"sent, delivered and read reach the receiver for every message; e.g. {Sample(incomplete)}");
            tally.Ids.Except(ids).ShouldBeEmpty("no status for a message nobody sent");
            counts.Keys.Except(ids).ShouldBeEmpty("the upstream saw no message that was not accepted");
            notOnce.Count.ShouldBe(0, $"the upstream saw every message exactly once; e.g. {Sample(notOnce.Select(id => $"{id} ×{counts.GetValueOrDefault(id)}"))}");
            duplicates.Count.ShouldBe(0);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [PostgresFact]
    public async Task ThreeNodesTogetherKeepTheChannelsPace()
    {
        const int Count = 300;
        const int Pace = 50;
        await StartNodesAsync();
        await PrepareChannelAsync(messagesPerSecond: Pace);
        var clients = _nodes.Select(n => n.CreateClient()).ToArray();
        try
        {
            var next = -1;
            var accepting = Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Count)
                {
                    await CloudApi.SendOkAsync(clients[i % NodeCount], Message(i));
                }
            }));
            await Eventually.Get(() => ReadSendLogs().Sum(s => s.Count), n => n > 0, TimeSpan.FromSeconds(30));
            var clock = Stopwatch.StartNew(); // from the first send
            await accepting;
            var sent = await Eventually.Get(() => ReadSendLogs().Sum(s => s.Count), n => n >= Count, TimeSpan.FromSeconds(60));
            var seconds = clock.Elapsed.TotalSeconds;

            output.WriteLine($"{Count} messages at {Pace} msgs/s through {NodeCount} nodes: the rest went out over {seconds:F2} s " +
                $"({(Count - 1) / seconds:F1} msgs/s); sends per node: {string.Join(", ", ReadSendLogs().Select(l => l.Count))}");
            sent.ShouldBe(Count);
            // Three nodes pacing on their own would send at up to 3 × 50 msgs/s (about 2 s). Slots are 1/50 s apart
            // on one timeline, so the other 299 take at least 299/50 s; 0.1 s allows for polling the logs.
            seconds.ShouldBeGreaterThan((Count - 1) / (double)Pace - 0.1);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [PostgresFact]
    public async Task KillingANodeMidBurstLosesNothing()
    {
        const int Count = 3_000;
        const int Pace = 200; // messages per second, below the accept rate: a backlog builds up and exists at the kill
        const int KillAfter = Count / 3;
        // Only a job the killed node had claimed can go out twice: sent by it, its completion lost with the process,
        // then claimed again by a survivor after the lease. The dispatcher holds at most rate × lease / 4 of a
        // channel's jobs at once (150 here; never more than Dispatch:MaxInFlightPerChannel, 2000).
        const int MaxInFlightOnVictim = Pace * LeaseSeconds / 4;
        await StartNodesAsync();
        await PrepareChannelAsync(Pace);
        var clients = _nodes.Select(n => n.CreateClient()).ToArray();
        try
        {
            var ids = new string?[Count];
            var next = -1;
            var accepted = 0;
            var refusedByVictim = 0;
            var victim = -1;
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var burst = Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Count)
                {
                    var node = i % NodeCount;
                    while (ids[i] is null)
                    {
                        try
                        {
                            // The key makes a retry safe: a request the kill cut off may have been committed already.
                            ids[i] = await CloudApi.SendOkAsync(clients[node], Message(i), idempotencyKey: $"burst-{i}");
                        }
                        catch (Exception ex) when (node == Volatile.Read(ref victim) && ex is HttpRequestException or TaskCanceledException)
                        {
                            // The killed node answered nothing: the client tries a survivor.
                            Interlocked.Increment(ref refusedByVictim);
                            node = (node + 1 + i % (NodeCount - 1)) % NodeCount;
                        }
                    }
                    if (Interlocked.Increment(ref accepted) == KillAfter)
                    {
                        killNow.TrySetResult();
                    }
                }
            }));

            await Task.WhenAny(killNow.Task, burst);
            killNow.Task.IsCompleted.ShouldBeTrue("the burst must still be running at the kill");
            // One node dispatches the channel at a time: kill that one, so that its claimed jobs and its ownership of
            // the channel must be taken over (killing an idle node would prove nothing about work in flight).
            var sendsAtKill = ReadSendLogs().Select(s => s.Count).ToArray();
            Volatile.Write(ref victim, Array.IndexOf(sendsAtKill, sendsAtKill.Max()));
            await _nodes[victim].KillAsync();
            var acceptedAtKill = Volatile.Read(ref accepted);
            await burst;
            var acceptedIds = ids.Select(id => id!).ToArray();
            var survivor = clients[(victim + 1) % NodeCount];

            var tally = new StatusTally(_receiver);
            await Eventually.Get(tally.UpdateAsync, t => acceptedIds.All(id => t.Has("read")(id) || t.Has("failed")(id)), TimeSpan.FromSeconds(120));
            var withoutFinalWebhook = acceptedIds.Where(id => !tally.Has("read")(id) && !tally.Has("failed")(id)).ToList();
            var lost = new List<string>();
            foreach (var id in withoutFinalWebhook)
            {
                var status = (await CloudApi.GetMessageAsync(survivor, id))["status"]!.GetValue<string>();
                if (status is not ("read" or "failed"))
                {
                    lost.Add($"{id}: {status}");
                }
            }
            var sends = ReadSendLogs();
            var counts = SendCounts(sends);
            var duplicates = counts.Where(c => c.Value > 1).ToList();
            var unknown = counts.Keys.Except(acceptedIds).ToList();
            var failed = acceptedIds.Count(tally.Has("failed"));

            output.WriteLine($"{Count} messages at {Pace} msgs/s; node {victim + 1} (the channel's dispatcher) killed with SIGKILL after " +
                $"{acceptedAtKill} were accepted and {sendsAtKill.Sum()} sent; {refusedByVictim} requests refused by it and retried on a survivor");
            output.WriteLine($"final status at the receiver: {Count - withoutFinalWebhook.Count}, only through the lookup API: {withoutFinalWebhook.Count - lost.Count}, " +
                $"lost: {lost.Count}; failed: {failed}");
            output.WriteLine($"sends per node: {string.Join(", ", sends.Select(s => s.Count))}; messages sent twice or more: {duplicates.Count} " +
                $"(bound {MaxInFlightOnVictim}); sent under an id the client never got: {unknown.Count}");
            if (duplicates.Count > 0)
            {
                output.WriteLine(DescribeDuplicates(sends, duplicates.Select(d => d.Key)));
            }

            sendsAtKill.Sum().ShouldBeLessThan(acceptedAtKill, "the kill must come while a backlog is draining");
            acceptedIds.Distinct().Count().ShouldBe(Count, "the whole burst is accepted, each message once");
            lost.Count.ShouldBe(0, $"every accepted message reaches a final status; e.g. {Sample(lost)}");
            var readUnsent = acceptedIds.Where(id => tally.Has("read")(id) && counts.GetValueOrDefault(id) == 0).ToList();
            readUnsent.Count.ShouldBe(0, $"a message read was sent; e.g. {Sample(readUnsent)}");
            failed.ShouldBe(0, "ordinary users inside the window: nothing fails");
            unknown.ShouldBeEmpty("a retried request returns the id its cut-off first attempt stored");
            duplicates.Count.ShouldBeGreaterThanOrEqualTo(0);
            duplicates.Count.ShouldBeLessThanOrEqualTo(MaxInFlightOnVictim, "only work in flight on the killed node may go out twice");
            var victimSends = sends[victim].ToHashSet(StringComparer.Ordinal);
            var outsideTheKill = duplicates.Where(d => !victimSends.Contains(d.Key) || d.Value > 2).Select(d => $"{d.Key} ×{d.Value}").ToList();
            outsideTheKill.Count.ShouldBe(0, $"a message goes out again only once, after the killed node sent it; e.g. {Sample(outsideTheKill)}");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Starts three nodes together on one fresh PostgreSQL database, each with a send log in its own folder.</summary>
    private async Task StartNodesAsync()
    {
        var storage = TestStore.Settings(); // once: every node gets the same database
        for (var n = 1; n <= NodeCount; n++)
        {
            var directory = Path.Combine(_root, $"node{n}");
            _nodes.Add(new ParleyProcess(directory, new Dictionary<string, string>
            {
                ["Parley__Dispatch__LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Parley__Sandbox__SendLogPath"] = Path.Combine(directory, SendLog),
            }, storage));
        }
        await Task.WhenAll(_nodes.Select(n => n.StartAsync()));
    }

    /// <summary>Paces the demo channel, subscribes the receiver to its statuses and opens every recipient's window.</summary>
    private async Task PrepareChannelAsync(int messagesPerSecond)
    {
        using var admin = _nodes[0].CreateAdminClient();
        (await admin.PatchAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}", new { messages_per_second = messagesPerSecond })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks",
            new { url = _receiver.Url, batch_size = 100, events = "statuses" })).EnsureSuccessStatusCode();
        for (var i = 0; i < Recipients.Length; i++)
        {
            using var client = _nodes[i % NodeCount].CreateClient();
            await CloudApi.UserWritesAsync(client, Recipients[i]);
        }
    }

    private static object Message(int i) => CloudApi.Text(Recipients[i % Recipients.Length], $"message {i}");

    /// <summary>The message ids in each node's send log, one per send attempt (a missing log: that node sent nothing).</summary>
    private List<List<string>> ReadSendLogs() =>
        _nodes.Select(node =>
        {
            var path = Path.Combine(node.DataDirectory, SendLog);
            if (!File.Exists(path))
            {
                return [];
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }).ToList();

    /// <summary>Which nodes sent the messages that went out more than once: one node twice, or several nodes.</summary>
    private static string DescribeDuplicates(List<List<string>> sends, IEnumerable<string> duplicated)
    {
        var perNode = sends.Select(s => s.CountBy(id => id, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal)).ToList();
        var described = duplicated
            .Select(id => (Id: id, Nodes: perNode.Select((counts, n) => (Node: n + 1, Sends: counts.GetValueOrDefault(id))).Where(x => x.Sends > 0).ToList()))
            .ToList();
        var byOneNode = described.Count(d => d.Nodes.Count == 1);
        return $"sent more than once: {byOneNode} by one node, {described.Count - byOneNode} by several; e.g. " +
            string.Join("; ", described.Take(5).Select(d => $"{d.Id} ({string.Join(", ", d.Nodes.Select(x => $"node {x.Node} ×{x.Sends}"))})"));
    }

    private static string Sample(IEnumerable<string> items) => string.Join(", ", items.Take(5));

    private static Dictionary<string, int> SendCounts(List<List<string>> sends) =>
        sends.SelectMany(s => s).CountBy(id => id, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The statuses received so far, as distinct (message id, status) pairs. Each update reads only the webhooks that
    /// arrived since the last one, so polling stays cheap with thousands of events.
    /// </summary>
    private sealed class StatusTally(WebhookReceiver receiver)
    {
        private readonly Dictionary<string, HashSet<string>> _byId = new(StringComparer.Ordinal);
        private int _seen;

        public int Objects { get; private set; }

        public int Distinct => _byId.Values.Sum(s => s.Count);

        public IEnumerable<string> Ids => _byId.Keys;

        public string[] StatusesOf(string id) => _byId.TryGetValue(id, out var statuses) ? statuses.Order(StringComparer.Ordinal).ToArray() : [];

        public Func<string, bool> Has(string status) => id => _byId.TryGetValue(id, out var statuses) && statuses.Contains(status);

        public async Task<StatusTally> UpdateAsync()
        {
            await Task.Delay(100);
            var fresh = receiver.Received.Skip(_seen).ToList();
            _seen += fresh.Count;
            var statuses = fresh.SelectMany(r => r.Json["entry"]!.AsArray())
                .SelectMany(e => e!["changes"]!.AsArray())
                .Select(c => c!["value"]!["statuses"])
                .Where(s => s is not null)
                .SelectMany(s => s!.AsArray());
            foreach (var status in statuses)
            {
                var id = status!["id"]!.GetValue<string>();
                if (!_byId.TryGetValue(id, out var set))
                {
                    _byId[id] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.Add(status["status"]!.GetValue<string>());
                Objects++;
            }
            return this;
        }
    }
}
