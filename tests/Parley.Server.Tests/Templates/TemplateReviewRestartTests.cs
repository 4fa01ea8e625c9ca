using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Templates;

/// <summary>
/// A review's due time lives in the store: a template created just before a restart is still reviewed after it. The
/// review falls due only when the second instance's sandbox clock is moved past it, so no real time is waited for.
/// </summary>
public sealed class TemplateReviewRestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("n"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS otherwise.
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task APendingReviewIsDecidedAfterARestart()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:DataDirectory"] = _dataDirectory,
            ["Parley:Sandbox:TemplateReviewDelayMs"] = "3600000",
        };
        foreach (var (key, value) in TestStore.Settings())
        {
            settings[key] = value;
        }

        string id;
        await using (var first = new ParleyFactory(settings))
        {
            using var client = first.CreateChannelClient();
            id = await TemplateApi.CreateOkAsync(client, TemplateApi.OrderConfirmation());
        }

        await using var second = new ParleyFactory(settings);
        using var after = second.CreateChannelClient();
        var (_, pending) = await TemplateApi.GetAsync(after, $"/v23.0/{id}");
        pending["status"]!.GetValue<string>().ShouldBe("PENDING", "the review falls due an hour after creation");
        using var admin = second.CreateAdminClient();
        using (var advance = await admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = 3601 }))
        {
            advance.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var reviewed = await Eventually.Get(async () => (await TemplateApi.GetAsync(after, $"/v23.0/{id}")).Body, b => b["status"]!.GetValue<string>() != "PENDING");

        reviewed["status"]!.GetValue<string>().ShouldBe("APPROVED");
    }
}
