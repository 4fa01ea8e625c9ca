using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary>
/// Registration throttling on a clock the test moves (digest §5.2, §6): 133016 after 10 register/deregister requests
/// in 72 hours, 133009 for a PIN guessed within 5 seconds of the second wrong one, 133008 after 5 wrong PINs in an hour.
/// </summary>
public sealed class RegistrationThrottleTests : IAsyncLifetime
{
    private const string Base = $"/v23.0/{ParleyFactory.PhoneNumberId}";
    private readonly ManualClockParleyFactory _parley = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _parley.CreateChannelClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _parley.DisposeAsync();
    }

    private Task<(HttpStatusCode Status, JsonObject Body)> RegisterAsync(string pin) =>
        Tenants.PostAsync(_client, Base + "/register", new { messaging_product = "whatsapp", pin });

    private Task<(HttpStatusCode Status, JsonObject Body)> DeregisterAsync() => Tenants.PostAsync(_client, Base + "/deregister", new { });

    private async Task<string> StatusAsync() => (await Tenants.GetAsync(_client, $"{Base}?fields=status")).Body["status"]!.GetValue<string>();

    [Fact]
    public async Task TheEleventhRegisterOrDeregisterIn72HoursIs133016UntilTheWindowMoves()
    {
        for (var i = 0; i < 5; i++)
        {
            (await RegisterAsync("123456")).Status.ShouldBe(HttpStatusCode.OK);
            (await DeregisterAsync()).Status.ShouldBe(HttpStatusCode.OK);
            _parley.Clock.Advance(TimeSpan.FromHours(1));
        }

        var (status, body) = await RegisterAsync("123456");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(133016, "(#133016) Account register deregister rate limit exceeded");
        (await DeregisterAsync()).Body.Code().ShouldBe(133016);
        (await StatusAsync()).ShouldBe("DISCONNECTED");

        _parley.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromHours(5) + TimeSpan.FromSeconds(1));
        (await RegisterAsync("123456")).Status.ShouldBe(HttpStatusCode.OK);
        (await StatusAsync()).ShouldBe("CONNECTED");
    }

    [Fact]
    public async Task APinGuessedTooSoonAfterTheSecondWrongOneIs133009()
    {
        (await RegisterAsync("123456")).Status.ShouldBe(HttpStatusCode.OK);
        (await RegisterAsync("111111")).Body.Code().ShouldBe(133005);
        (await RegisterAsync("222222")).Body.Code().ShouldBe(133005);

        var (status, body) = await RegisterAsync("123456");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(133009, "(#133009) Two step verification PIN Guessed Too Fast");

        _parley.Clock.Advance(TimeSpan.FromSeconds(5));
        (await RegisterAsync("123456")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FiveWrongPinsInAnHourAre133008EvenForTheRightPinUntilTheHourPasses()
    {
        (await RegisterAsync("123456")).Status.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
        {
            (await RegisterAsync("99999" + i)).Body.Code().ShouldBe(133005);
            _parley.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var (status, body) = await RegisterAsync("123456");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(133008, "(#133008) Too Many two step verification PIN Guesses");

        _parley.Clock.Advance(TimeSpan.FromHours(1));
        (await RegisterAsync("123456")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
