using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Parley in-process on a fresh data folder (real SQLite), with the demo channel's credentials fixed and the
/// sandbox answering at once. Each test class gets its own instance and database.
/// </summary>
public class ParleyFactory : WebApplicationFactory<Program>
{
    public const string PhoneNumberId = "106540352242922";
    public const string WabaId = "102290129340398";
    public const string DisplayPhoneNumber = "15550783881";
    public const string AccessToken = "EAAtest0123456789abcdefghijklmnopqrstuvwxyz";
    public const string AppSecret = "test-app-secret-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public ParleyFactory() : this(new Dictionary<string, string?>())
    {
    }

    public ParleyFactory(IDictionary<string, string?> settings)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("n"));
        _settings = new Dictionary<string, string?>
        {
            ["Parley:DataDirectory"] = DataDirectory,
            ["Parley:AdminKey"] = AdminKey,
            ["Parley:Demo:PhoneNumberId"] = PhoneNumberId,
            ["Parley:Demo:WabaId"] = WabaId,
            ["Parley:Demo:DisplayPhoneNumber"] = DisplayPhoneNumber,
            ["Parley:Demo:AccessToken"] = AccessToken,
            ["Parley:Demo:AppSecret"] = AppSecret,
            ["Parley:Sandbox:StatusDelayMs"] = "0",
            // Many tests send bursts to one simulated user faster than Meta's pair rate limit allows, and load tests go
            // past a number's throughput: the simulated network's limits are on only where a test turns them on.
            ["Parley:Sandbox:EnforceRateLimits"] = "false",
            ["Parley:Network:AllowPrivateNetworks"] = "true",
            ["Parley:Webhooks:RetryBaseDelayMs"] = "50",
            ["Parley:Webhooks:MaxRetryDelayMs"] = "200",
            ["Parley:Webhooks:TimeoutMs"] = "2000",
            ["Parley:Dispatch:RetryBaseDelayMs"] = "20",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestStore.Settings())
        {
            _settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client with the demo channel's token.</summary>
    public HttpClient CreateChannelClient(string token = AccessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    /// <summary>Subscribes <paramref name="url"/> to the demo channel's events.</summary>
    public async Task<string> SubscribeAsync(string url, string? secret = null, string events = "*")
    {
        using var admin = CreateAdminClient();
        var response = await admin.PostAsJsonAsync($"/admin/channels/{PhoneNumberId}/webhooks", new { url, secret, events });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["id"]!.GetValue<string>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned by the OS otherwise.
            }
        }
    }
}
