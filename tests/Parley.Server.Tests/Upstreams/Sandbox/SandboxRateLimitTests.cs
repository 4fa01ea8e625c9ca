using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// The simulated network's limits on a number, on a clock that moves only when told (Parley's and so the sandbox's):
/// 80 messages per second, inbound included (130429), and 45 messages in a burst to one user, then one per 6 s (131056).
/// </summary>
public sealed class SandboxRateLimitTests() : RateLimitedSandboxTest(firstUser: 2000)
{
    [Fact]
    public async Task TheEightyFirstMessageInOneSecondIs130429UntilTheSecondHasPassed()
    {
        for (var i = 0; i < 80; i++)
        {
            await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(i)));
        }

        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(UserNumber(80)));
        status.ShouldBe(HttpStatusCode.TooManyRequests, body.ToJsonString());
        body.Code().ShouldBe(130429);
        body.Error()["message"]!.GetValue<string>().ShouldContain("Rate limit hit");
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("throughput");

        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(80)));
    }

    [Fact]
    public async Task InboundMessagesCountAgainstTheNumbersThroughput()
    {
        for (var i = 0; i < 40; i++)
        {
            await CloudApi.UserWritesAsync(Client, UserNumber(100 + i));
            await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(i)));
        }

        (await CloudApi.SendAsync(Client, CloudApi.Text(UserNumber(41)))).Body.Code().ShouldBe(130429);
    }

    [Fact]
    public async Task AHighThroughputNumberTakesMoreThanEightyMessagesASecond()
    {
        using (var patch = await Admin.PatchAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/phone", new { throughput_level = "HIGH" }))
        {
            patch.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var i = 0; i < 100; i++)
        {
            await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(i)));
        }
    }

    [Fact]
    public async Task AfterABurstOf45MessagesToOneUserTheNextIs131056AndOneMoreGoesEverySixSeconds()
    {
        var user = UserNumber(0);
        for (var i = 0; i < 45; i++)
        {
            await CloudApi.SendOkAsync(Client, CloudApi.Text(user, $"burst {i}"));
        }

        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(user, "one too many"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131056);
        await CloudApi.SendOkAsync(Client, CloudApi.Text(UserNumber(1), "another user is not limited"));

        await AdvanceAsync(TimeSpan.FromSeconds(6));
        await CloudApi.SendOkAsync(Client, CloudApi.Text(user, "paid back"));
        (await CloudApi.SendAsync(Client, CloudApi.Text(user, "again too soon"))).Body.Code().ShouldBe(131056);
    }

    [Fact]
    public async Task RefusedSendsAreNotStored()
    {
        var user = UserNumber(0);
        for (var i = 0; i < 46; i++)
        {
            await CloudApi.SendAsync(Client, CloudApi.Text(user, $"burst {i}"));
        }

        using var response = await Client.GetAsync($"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound&limit=100");
        var page = await CloudApi.ReadAsync(response);
        page["data"]!.AsArray().Count.ShouldBe(45);
    }
}
