using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reliability;

/// <summary>Real processes, killed with SIGKILL: what was accepted is never lost.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("n"));
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task MessagesAcceptedBeforeAKillAreDeliveredAfterRestart()
    {
        const int Count = 40;
        var ids = new List<string>();
        var storage = TestStore.Settings();
        // A restarted PostgreSQL node cannot tell its own old claims from a live node's: it waits for the lease.
        var settings = new Dictionary<string, string> { ["Parley__Dispatch__LeaseSeconds"] = "3" };
        await using (var first = new ParleyProcess(_dataDirectory, settings, storage))
        {
            await first.StartAsync();
            using var admin = first.CreateAdminClient();
            // 4 messages per second: the backlog outlives the process.
            (await admin.PatchAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}", new { messages_per_second = 4 })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = _receiver.Url })).EnsureSuccessStatusCode();
            using var client = first.CreateClient();
            await CloudApi.UserWritesAsync(client, "16505551234");
            for (var i = 0; i < Count; i++)
            {
                ids.Add(await CloudApi.SendOkAsync(client, CloudApi.Text("16505551234", $"message {i}")));
            }
            await first.KillAsync();
        }

        var readBeforeRestart = ReadIds().Count;
        readBeforeRestart.ShouldBeLessThan(Count, "the kill must come while the backlog is still draining");

        await using var second = new ParleyProcess(_dataDirectory, settings, storage);
        await second.StartAsync();
        using var after = second.CreateClient();
        var read = await Eventually.Get(ReadIds, r => ids.All(r.Contains), TimeSpan.FromSeconds(60));

        ids.ShouldAllBe(id => read.Contains(id));
        foreach (var id in ids)
        {
            (await CloudApi.GetMessageAsync(after, id))["status"]!.GetValue<string>().ShouldBe("read");
        }
    }

    private HashSet<string> ReadIds() =>
        _receiver.Statuses().Where(s => s["status"]!.GetValue<string>() == "read").Select(s => s["id"]!.GetValue<string>()).ToHashSet();
}
