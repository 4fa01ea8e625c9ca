using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Flows;
using Parley.Server.Configuration;
using Parley.Server.Flows.Endpoint;
using Parley.Server.Network;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Flows;

/// <summary>
/// WhatsApp's side of the flow data exchange against a real endpoint (<see cref="FlowEndpointKit"/>): requests sealed
/// for the business public key are opened by the business, its sealed answers are opened by Parley, and each way an
/// endpoint fails is reported as Meta documents it.
/// </summary>
public sealed class FlowEndpointClientTests : ParleyTest
{
    private const string AppSecret = "flow-app-secret";
    private FlowEndpointKit _kit = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _kit = await FlowEndpointKit.StartAsync();
        _kit.AppSecret = AppSecret;
    }

    public override async Task DisposeAsync()
    {
        await _kit.DisposeAsync();
        await base.DisposeAsync();
    }

    private FlowEndpointClient Endpoints => Parley.Services.GetRequiredService<FlowEndpointClient>();

    private FlowEndpointTarget Target => new(_kit.Url, BusinessPublicKey.Parse(_kit.PublicKeyPem).Value!, AppSecret);

    [Fact]
    public async Task PingOfAHealthyEndpointSucceedsWithStatusActive()
    {
        var result = await Endpoints.PingAsync(Target, CancellationToken.None);

        result.Succeeded.ShouldBeTrue(result.Detail);
        result.StatusCode.ShouldBe(200);
        ((string?)result.Answer!["data"]!["status"]).ShouldBe("active");
        var request = _kit.Requests.ShouldHaveSingleItem();
        request.Payload.ToJsonString().ShouldBe("""{"version":"3.0","action":"ping"}""");
        request.Signature.ShouldStartWith("sha256=");
    }

    [Fact]
    public async Task InitIsOpenedByTheEndpointAndItsScreenAnswerIsDecrypted()
    {
        _kit.Script = request => new JsonObject
        {
            ["screen"] = "APPOINTMENT",
            ["data"] = new JsonObject { ["greeting"] = $"hello {request.FlowToken}", ["slots"] = new JsonArray("09:00", "10:30") },
        };

        var result = await Endpoints.ExchangeAsync(Target, FlowActions.Init, null, null, "token-42", "3.0", CancellationToken.None);

        result.Succeeded.ShouldBeTrue(result.Detail);
        ((string?)result.Answer!["screen"]).ShouldBe("APPOINTMENT");
        ((string?)result.Answer["data"]!["greeting"]).ShouldBe("hello token-42");
        result.Answer["data"]!["slots"]!.AsArray().Count.ShouldBe(2);
        var request = _kit.Requests.ShouldHaveSingleItem();
        request.Action.ShouldBe("INIT");
        request.FlowToken.ShouldBe("token-42");
        request.Payload.ContainsKey("screen").ShouldBeFalse();
        ((string?)request.Payload["version"]).ShouldBe("3.0");
    }

    [Fact]
    public async Task DataExchangeCarriesTheScreenAndTheDataTheUserEntered()
    {
        var result = await Endpoints.ExchangeAsync(
            Target, FlowActions.DataExchange, "DETAILS", new JsonObject { ["name"] = "Ana", ["age"] = 31 }, "token-7", "3.0", CancellationToken.None);

        result.Succeeded.ShouldBeTrue(result.Detail);
        ((string?)result.Answer!["screen"]).ShouldBe("DETAILS");
        var request = _kit.Requests.ShouldHaveSingleItem();
        request.Action.ShouldBe("data_exchange");
        request.Screen.ShouldBe("DETAILS");
        ((string?)request.Data!["name"]).ShouldBe("Ana");
        ((int)request.Data["age"]!).ShouldBe(31);
    }

    [Fact]
    public async Task ErrorNotificationIsAcknowledged()
    {
        _kit.Script = request => request.Data?["error"] is not null
            ? new JsonObject { ["data"] = new JsonObject { ["acknowledged"] = true } }
            : new JsonObject();

        var result = await Endpoints.NotifyErrorAsync(Target, FlowActions.DataExchange, "DETAILS", "token-7", "3.0",
            "INVALID_SCREEN_TRANSITION", "There is no route from DETAILS to NOWHERE.", CancellationToken.None);

        result.Succeeded.ShouldBeTrue(result.Detail);
        ((bool)result.Answer!["data"]!["acknowledged"]!).ShouldBeTrue();
        var request = _kit.Requests.ShouldHaveSingleItem();
        ((string?)request.Data!["error"]).ShouldBe("INVALID_SCREEN_TRANSITION");
        ((string?)request.Data["error_message"]).ShouldBe("There is no route from DETAILS to NOWHERE.");
    }

    [Fact]
    public async Task EndpointThatCannotDecryptAnswers421AndTheClientAsksForAPublicKeyRefresh()
    {
        _kit.Fault = FlowEndpointFault.WrongKey;

        var result = await Endpoints.PingAsync(Target, CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.PublicKeyRefresh);
        result.StatusCode.ShouldBe(421);
        _kit.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RequestSignedWithAnotherSecretIsRejectedWith432()
    {
        var result = await Endpoints.PingAsync(Target with { AppSecret = "not-the-secret" }, CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.SignatureRejected);
        result.StatusCode.ShouldBe(432);
    }

    [Fact]
    public async Task RequestOfAChannelWithoutAppSecretIsSentUnsigned()
    {
        _kit.AppSecret = null;

        var result = await Endpoints.PingAsync(Target with { AppSecret = null }, CancellationToken.None);

        result.Succeeded.ShouldBeTrue(result.Detail);
        _kit.Requests.ShouldHaveSingleItem().Signature.ShouldBeNull();
    }

    [Fact]
    public async Task StaleFlowTokenAnswered427IsFlowTokenInvalid()
    {
        _kit.Script = _ => new FlowEndpointStatus(427);

        var result = await Endpoints.ExchangeAsync(Target, FlowActions.Back, "DETAILS", null, "old-token", "3.0", CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.FlowTokenInvalid);
        result.StatusCode.ShouldBe(427);
        _kit.Requests.ShouldHaveSingleItem().Action.ShouldBe("BACK");
    }

    [Fact]
    public async Task Non200AnswerIsAnUnexpectedStatus()
    {
        _kit.Fault = FlowEndpointFault.Status;
        _kit.FaultStatus = 503;

        var result = await Endpoints.ExchangeAsync(Target, FlowActions.Init, null, null, "t", "3.0", CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.UnexpectedStatus);
        result.StatusCode.ShouldBe(503);
        result.Detail!.ShouldContain("503");
    }

    [Theory]
    [InlineData(FlowEndpointFault.Garbage)]
    [InlineData(FlowEndpointFault.SameIv)]
    public async Task AnswerNotSealedWithTheInvertedIvIsUndecryptable(FlowEndpointFault fault)
    {
        _kit.Fault = fault;

        var result = await Endpoints.ExchangeAsync(Target, FlowActions.Init, null, null, "t", "3.0", CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.Undecryptable);
        result.StatusCode.ShouldBe(200);
        result.Answer.ShouldBeNull();
    }

    [Fact]
    public async Task SealedAnswerThatIsNotJsonIsReportedAsNotJson()
    {
        _kit.Fault = FlowEndpointFault.NotJson;

        var result = await Endpoints.ExchangeAsync(Target, FlowActions.Init, null, null, "t", "3.0", CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.NotJson);
    }

    [Fact]
    public async Task PingAnsweredWithoutStatusActiveIsAnUnexpectedAnswer()
    {
        _kit.Script = _ => new JsonObject { ["data"] = new JsonObject { ["status"] = "sleeping" } };

        var result = await Endpoints.PingAsync(Target, CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.UnexpectedAnswer);
    }

    [Fact]
    public async Task EndpointSlowerThanTenSecondsOnTheClockTimesOut()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = new FlowEndpointClient(
            Parley.Services.GetRequiredService<IHttpClientFactory>(), Parley.Services.GetRequiredService<SsrfGuard>(),
            Options.Create(new FlowEndpointOptions()), clock, NullLogger<FlowEndpointClient>.Instance);
        _kit.Fault = FlowEndpointFault.Slow;

        var call = client.PingAsync(Target, CancellationToken.None);
        (await Eventually.Get(() => _kit.Requests.Count, n => n == 1)).ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(9));
        call.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(15));

        result.Failure.ShouldBe(FlowEndpointFailure.Timeout);
        result.Elapsed.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task LoopbackEndpointIsRefusedWhenPrivateNetworksAreNotAllowed()
    {
        var strictGuard = new SsrfGuard(Options.Create(new ParleyOptions { Network = new NetworkOptions { AllowPrivateNetworks = false } }));
        var client = new FlowEndpointClient(
            Parley.Services.GetRequiredService<IHttpClientFactory>(), strictGuard,
            Options.Create(new FlowEndpointOptions()), TimeProvider.System, NullLogger<FlowEndpointClient>.Instance);

        var result = await client.PingAsync(Target, CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.Refused);
        _kit.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task UnreachableEndpointIsNoResponse()
    {
        var url = _kit.Url;
        await _kit.DisposeAsync();
        _kit = await FlowEndpointKit.StartAsync();

        var result = await Endpoints.PingAsync(Target with { Uri = url }, CancellationToken.None);

        result.Failure.ShouldBe(FlowEndpointFailure.NoResponse);
    }
}
