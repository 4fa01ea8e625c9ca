using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Media;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// A Parley whose sandbox enforces a number's rate limits (the test hosts turn them off), on a clock that moves only
/// when the test advances it; a channel client, an admin client, and users numbered from <paramref name="firstUser"/>.
/// </summary>
public abstract class RateLimitedSandboxTest(int firstUser) : IAsyncLifetime
{
    private readonly ManualClockParleyFactory _parley = new(new Dictionary<string, string?> { ["Parley:Sandbox:EnforceRateLimits"] = "true" });

    protected HttpClient Client { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = _parley.CreateChannelClient();
        Admin = _parley.CreateAdminClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _parley.DisposeAsync();
    }

    /// <summary>A simulated user's number, distinct for each <paramref name="i"/>.</summary>
    protected string UserNumber(int i) => "1650555" + (firstUser + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>Moves the sandbox clock (and so the limits' sliding windows) forward.</summary>
    protected async Task AdvanceAsync(TimeSpan by)
    {
        using var response = await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = by.TotalSeconds });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
