using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;

namespace Parley.Server.Tests.Blocking;

/// <summary>
/// The Cloud API's <c>block_users</c> against the sandbox, through HTTP only, with a real webhook receiver: who can be
/// blocked (and the per-user errors under 139100 for who cannot), what a block does to the user's messages and to the
/// business's sends, unblocking by either identity, the request's limits and the paged list.
/// </summary>
public sealed class BlockUsersTests : SubscribedParleyTest
{
    private const string Ana = "16505557001";
    private const string Ben = "16505557002";
    private const string Carl = "16505557003";

    [Fact]
    public async Task ABlockedUserNeitherReachesTheBusinessNorReceivesFromItUntilUnblocked()
    {
        var anaBsuid = (await BlockKit.UserWritesAsync(Client, Ana, "Hi"))["contacts"]![0]!["user_id"]!.GetValue<string>();

        // Ana wrote; Carl never did; the business's own number and a non-number cannot be blocked: each fails alone.
        var (status, body) = await BlockKit.ChangeAsync(Client, HttpMethod.Post, "+" + Ana, Carl, "+" + ParleyFactory.DisplayPhoneNumber, "not a number");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        var added = body["block_users"]!["added_users"]!.AsArray().Single()!;
        (added["input"]!.GetValue<string>(), added["wa_id"]!.GetValue<string>()).ShouldBe(("+" + Ana, Ana));
        var failed = body["block_users"]!["failed_users"]!.AsArray();
        failed.Select(f => f!["input"]!.GetValue<string>()).ShouldBe([Carl, "+" + ParleyFactory.DisplayPhoneNumber, "not a number"]);
        failed.Select(f => f!["errors"]![0]!["code"]!.GetValue<int>()).ShouldBe([131047, 131021, 131047]);
        failed[0]!["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldContain("24 hours");
        body.Code().ShouldBe(139100);
        body.Error()["message"]!.GetValue<string>().ShouldBe("(#139100) Failed to block/unblock users");
        var (_, list) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath);
        list["data"]!.ToJsonString().ShouldBe($$"""[{"messaging_product":"whatsapp","wa_id":"{{Ana}}"}]""");

        // Ana writes again: WhatsApp does not deliver it. Ben's message, sent after, reaches the webhook; Ana's never does.
        var dropped = await BlockKit.UserWritesAsync(Client, Ana, "Are you there?");
        dropped["delivered"]!.GetValue<bool>().ShouldBeFalse();
        var droppedId = BlockKit.MessageId(dropped);
        // However she writes (here by scanning the business's QR code), it is not delivered either.
        var code = (await Tenants.PostAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}/message_qrdls", new { prefilled_message = "Hello from the poster" }))
            .Body["code"]!.GetValue<string>();
        var (_, scanned) = await Tenants.PostAsync(Client, $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/qr/{code}/scan", new { from = Ana });
        scanned["delivered"]!.GetValue<bool>().ShouldBeFalse(scanned.ToJsonString());
        var scannedId = BlockKit.MessageId(scanned);
        var benId = BlockKit.MessageId(await BlockKit.UserWritesAsync(Client, Ben, "Hello"));
        await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == benId));
        Receiver.Messages().ShouldNotContain(m => m["id"]!.GetValue<string>() == droppedId || m["id"]!.GetValue<string>() == scannedId);
        Receiver.Messages().Count(m => m["from"]?.GetValue<string>() == Ana).ShouldBe(1, "only the message from before the block");

        // The business writes to Ana (by number and by BSUID): accepted, then failed with 130403.
        foreach (var message in new[] { CloudApi.Text(Ana), new { messaging_product = "whatsapp", recipient = anaBsuid, type = "text", text = new { body = "Hi" } } })
        {
            var sent = await CloudApi.SendOkAsync(Client, message);
            var failure = await Eventually.Get(() => Receiver.Statuses(), s => s.Any(x => x["id"]!.GetValue<string>() == sent && x["status"]!.GetValue<string>() == "failed"));
            var error = failure.Single(x => x["id"]!.GetValue<string>() == sent && x["status"]!.GetValue<string>() == "failed")["errors"]![0]!;
            error["code"]!.GetValue<int>().ShouldBe(130403);
            error["error_data"]!["details"]!.GetValue<string>().ShouldBe("Unable to deliver the message. This business has blocked the end user on WhatsApp");
        }

        // Unblocked by her BSUID, Ana reaches the business again and receives its messages.
        (status, body) = await BlockKit.ChangeAsync(Client, HttpMethod.Delete, anaBsuid);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe($$$"""{"messaging_product":"whatsapp","block_users":{"removed_users":[{"input":"{{{anaBsuid}}}","wa_id":"{{{Ana}}}"}]}}""");
        (_, list) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath);
        list["data"]!.AsArray().ShouldBeEmpty();
        var back = await BlockKit.UserWritesAsync(Client, Ana, "Back again");
        back["delivered"].ShouldBeNull();
        await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == BlockKit.MessageId(back)));
        var reply = await CloudApi.SendOkAsync(Client, CloudApi.Text(Ana));
        (await CloudApi.WaitForStatusAsync(Client, reply, "read"))["status"]!.GetValue<string>().ShouldBe("read");

        // A day later Ana has not written for 24 hours: she can no longer be blocked (and is unblocked all the same).
        await PricingKit.AdvanceAsync(Admin, TimeSpan.FromHours(25));
        (status, body) = await BlockKit.ChangeAsync(Client, HttpMethod.Post, Ana);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["block_users"]!["added_users"]!.AsArray().ShouldBeEmpty();
        body["block_users"]!["failed_users"]![0]!["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131047);
        (status, _) = await BlockKit.ChangeAsync(Client, HttpMethod.Delete, Ana);
        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestsOutsideTheLimitsAreRefusedAndTheListPagesWithCursorsOfOneVersion()
    {
        // The request's own errors: Graph's 100 for a malformed body, 130429 for more than 1,000 users.
        (await BlockKit.SendAsync(Client, HttpMethod.Post, BlockKit.BlockUsersPath, """{"block_users":[{"user":"16505557001"}]}""")).Body.Code().ShouldBe(100);
        (await BlockKit.SendAsync(Client, HttpMethod.Post, BlockKit.BlockUsersPath, """{"messaging_product":"whatsapp","block_users":[]}""")).Body.Code().ShouldBe(100);
        (await BlockKit.SendAsync(Client, HttpMethod.Delete, BlockKit.BlockUsersPath, """{"messaging_product":"whatsapp","block_users":[{"user":7}]}""")).Body.Code().ShouldBe(100);
        var (status, body) = await BlockKit.ChangeAsync(Client, HttpMethod.Post, [.. Enumerable.Range(0, 1001).Select(i => $"1650555{i:0000}")]);
        status.ShouldBe(HttpStatusCode.TooManyRequests, body.ToJsonString());
        body.Code().ShouldBe(130429);
        (await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath)).Body["data"]!.AsArray().ShouldBeEmpty();

        // Three users write and are blocked; the list comes two at a time, newest block first.
        foreach (var user in new[] { Ana, Ben, Carl })
        {
            await BlockKit.UserWritesAsync(Client, user, "Hi");
            (await BlockKit.ChangeAsync(Client, HttpMethod.Post, user)).Status.ShouldBe(HttpStatusCode.OK);
            await PricingKit.AdvanceAsync(Admin, TimeSpan.FromSeconds(1));
        }
        var (_, first) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath + "?limit=2");
        BlockKit.WaIds(first).ShouldBe([Carl, Ben]);
        var after = first["paging"]!["cursors"]!["after"]!.GetValue<string>();
        first["paging"]!["next"]!.GetValue<string>().ShouldContain("after=");
        first["paging"]!["previous"].ShouldBeNull();
        var (_, second) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath + "?limit=2&after=" + after);
        BlockKit.WaIds(second).ShouldBe([Ana]);
        second["paging"]!["next"].ShouldBeNull();
        var (_, back) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath + "?limit=2&before=" + second["paging"]!["cursors"]!["before"]!.GetValue<string>());
        BlockKit.WaIds(back).ShouldBe([Carl, Ben]);

        // The list changes: a cursor of the old list is refused with 139102; bad limits and cursors with 100.
        (await BlockKit.ChangeAsync(Client, HttpMethod.Delete, Ben)).Status.ShouldBe(HttpStatusCode.OK);
        (status, body) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath + "?limit=2&after=" + after);
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(139102);
        foreach (var query in new[] { "?limit=0", "?limit=101", "?limit=x", "?after=not-a-cursor", "?after=abc&before=abc" })
        {
            (status, body) = await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath + query);
            status.ShouldBe(HttpStatusCode.BadRequest, query);
            body.Code().ShouldBe(100, query);
        }
        BlockKit.WaIds((await BlockKit.SendAsync(Client, HttpMethod.Get, BlockKit.BlockUsersPath)).Body).ShouldBe([Carl, Ana]);
    }
}
