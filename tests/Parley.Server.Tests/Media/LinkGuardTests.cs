using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary>Links go through the SSRF guard: with private networks off, a loopback link fails the message with 131053.</summary>
public sealed class LinkGuardTests() : ParleyTest(new Dictionary<string, string?> { ["Parley:Network:AllowPrivateNetworks"] = "false" })
{
    [Fact]
    public async Task LinkToAPrivateAddressFailsWith131053WithoutBeingFetched()
    {
        await using var server = await LinkServer.StartAsync();
        server.Serve("/cat.jpg", new LinkServer.Asset(MediaCalls.Bytes(100), "image/jpeg"));
        const string user = "16505557001";
        await CloudApi.UserWritesAsync(Client, user);

        var id = await CloudApi.SendOkAsync(Client, MediaCalls.Image(user, new { link = server.Url("/cat.jpg") }));

        var message = await CloudApi.WaitForStatusAsync(Client, id, "failed");
        message["status"]!.GetValue<string>().ShouldBe("failed");
        message["error"]!["code"]!.GetValue<int>().ShouldBe(131053);
        message["error"]!.ToJsonString().ShouldContain("private or loopback");
        server.Requests.ShouldBeEmpty();
    }
}
