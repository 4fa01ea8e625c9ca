using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// A coexistence number (in use with both the WhatsApp Business app and the Cloud API, <c>is_on_biz_app</c>) in the
/// sandbox: set through the phone simulator, shown in the Graph phone-number node, and held to a fixed 20 messages per
/// second, inbound included, on the sandbox clock.
/// </summary>
public sealed class SandboxCoexistenceTests() : RateLimitedSandboxTest(firstUser: 3000)
{
    private const string SimulatorPath = $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/phone";

    [Fact]
    public async Task ACoexistenceNumberTakesTwentyMessagesASecondInboundIncludedThenRefusesWith130429UntilTheSecondHasPassed()
    {
        await MakeCoexistenceAsync(new { is_on_biz_app = true, throughput_level = "HIGH" });

        for (var i = 0; i < 5; i++)
        {
            await CloudApi.UserWritesAsync(Client, UserNumber(100 + i));
        }
        for (var i = 0; i < 15; i++)
        {
            await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(i)));
        }

        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(UserNumber(15)));
        status.ShouldBe(HttpStatusCode.TooManyRequests, body.ToJsonString());
        body.Code().ShouldBe(130429);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("throughput");

        await AdvanceAsync(TimeSpan.FromSeconds(1));
        for (var i = 15; i < 35; i++)
        {
            await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(i)));
        }
        (await CloudApi.SendAsync(Client, CloudApi.Text(UserNumber(35)))).Body.Code().ShouldBe(130429);
    }

    [Fact]
    public async Task TheRefusedTwentyFirstMessageIsNotStored()
    {
        await MakeCoexistenceAsync(new { is_on_biz_app = true });

        for (var i = 0; i < 21; i++)
        {
            await CloudApi.SendAsync(Client, CloudApi.Text(UserNumber(i)));
        }

        using var response = await Client.GetAsync($"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound&limit=100");
        (await CloudApi.ReadAsync(response))["data"]!.AsArray().Count.ShouldBe(20);
    }

    [Fact]
    public async Task TheSimulatorAndTheGraphNodeShowTheNumberIsOnTheBusinessApp()
    {
        var before = (await Tenants.GetAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}?fields=is_on_biz_app,platform_type")).Body;
        before["is_on_biz_app"]!.GetValue<bool>().ShouldBeFalse();
        (await Tenants.GetAsync(Admin, SimulatorPath)).Body["is_on_biz_app"]!.GetValue<bool>().ShouldBeFalse();

        var state = await MakeCoexistenceAsync(new { is_on_biz_app = true, throughput_level = "HIGH" });

        state["is_on_biz_app"]!.GetValue<bool>().ShouldBeTrue();
        state["throughput_level"]!.GetValue<string>().ShouldBe("STANDARD", "a coexistence number's fixed 20 mps is below every upgrade");
        (await Tenants.GetAsync(Admin, SimulatorPath)).Body["is_on_biz_app"]!.GetValue<bool>().ShouldBeTrue();
        var (status, node) = await Tenants.GetAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}?fields=is_on_biz_app,platform_type,throughput");
        status.ShouldBe(HttpStatusCode.OK, node.ToJsonString());
        node["is_on_biz_app"]!.GetValue<bool>().ShouldBeTrue();
        node["platform_type"]!.GetValue<string>().ShouldBe("CLOUD_API");
        node["throughput"]!.ToJsonString().ShouldBe("""{"level":"STANDARD"}""");
    }

    [Fact]
    public async Task LeavingTheBusinessAppGivesTheNumberItsLevelsThroughputBack()
    {
        await MakeCoexistenceAsync(new { is_on_biz_app = true });
        var (_, state) = await Tenants.PatchAsync(Admin, SimulatorPath, new { is_on_biz_app = false });
        state["is_on_biz_app"]!.GetValue<bool>().ShouldBeFalse();

        for (var i = 0; i < 80; i++)
        {
            await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(i)));
        }
        (await CloudApi.SendAsync(Client, CloudApi.Text(UserNumber(80)))).Body.Code().ShouldBe(130429);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> MakeCoexistenceAsync(object patch)
    {
        var (status, state) = await Tenants.PatchAsync(Admin, SimulatorPath, patch);
        status.ShouldBe(HttpStatusCode.OK, state.ToJsonString());
        return state;
    }
}
