using System.Net;
using Parley.Server.Tests.Blocking;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// 1msg's <c>blockUser</c>, <c>unblockUser</c> and <c>blockedUsers</c> on the same blocklist as the Cloud API's
/// <c>block_users</c>: errors in 1msg's <c>{"error"}</c> body, a blocked user's message never reaching the webhook,
/// and a send to them accepted by 1msg and then failed with 130403.
/// </summary>
public sealed class OneMsgBlockingTests : SubscribedParleyTest
{
    private const string Ana = "16505558001";
    private const string Carl = "16505558003";

    [Fact]
    public async Task AUserIsBlockedListedCutOffAndUnblockedThroughOneMsg()
    {
        await BlockKit.UserWritesAsync(Client, Ana, "Hi");

        // The refusals: no phone, and a user who never wrote (131047), in 1msg's error body.
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "blockUser", "{}");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldContain("phone");
        (status, body) = await OneMsgClient.PostJsonAsync(Client, "blockUser", $$"""{"phone":"{{Carl}}"}""");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldStartWith("(#131047)");
        body.ContainsKey("block_users").ShouldBeFalse("1msg's error body is {\"error\"} alone");

        // Ana is blocked; the list (1msg's and the Cloud API's) shows her.
        (status, body) = await OneMsgClient.PostJsonAsync(Client, "blockUser", $$"""{"phone":"{{Ana}}"}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"result":"success"}""");
        (status, body) = await OneMsgClient.GetAsync(Client, "blockedUsers");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        BlockKit.WaIds(body).ShouldBe([Ana]);
        BlockKit.WaIds((await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath)).Body).ShouldBe([Ana]);
        (status, body) = await OneMsgClient.GetAsync(Client, "blockedUsers", "&limit=500");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldStartWith("(#100)");

        // Her message is dropped; 1msg's send to her is accepted, then fails with 130403.
        var dropped = BlockKit.MessageId(await BlockKit.UserWritesAsync(Client, Ana, "Hello?"));
        var sent = await OneMsgClient.SentAsync(Client, "sendMessage", $$"""{"phone":"{{Ana}}","body":"Hi Ana"}""");
        var failed = await Eventually.Get(() => Receiver.Statuses(), s => s.Any(x => x["id"]!.GetValue<string>() == sent && x["status"]!.GetValue<string>() == "failed"));
        failed.Single(x => x["id"]!.GetValue<string>() == sent && x["status"]!.GetValue<string>() == "failed")["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(130403);
        Receiver.Messages().ShouldNotContain(m => m["id"]!.GetValue<string>() == dropped);

        // Unblocked through chatId, Ana's messages arrive again.
        (status, body) = await OneMsgClient.PostJsonAsync(Client, "unblockUser", $$"""{"chatId":"{{Ana}}@c.us"}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        BlockKit.WaIds((await OneMsgClient.GetAsync(Client, "blockedUsers")).Body).ShouldBeEmpty();
        var back = BlockKit.MessageId(await BlockKit.UserWritesAsync(Client, Ana, "Back"));
        await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == back));
    }
}
