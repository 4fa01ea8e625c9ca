using System.Net;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A meta channel's blocklist is Meta's (a fake Graph API here): blocking, unblocking and listing are made at Meta's
/// <c>/{phone-number-id}/block_users</c> with the users as the business gave them, Meta's answer comes back in the
/// caller's dialect, and what Meta did is mirrored in Parley's blocklist.
/// </summary>
public sealed class MetaBlockingRelayTests : MetaRelayTestBase
{
    private const string Ana = "16505550101", Ben = "16505550102";

    private IBlockStore Blocks => Service<IBlockStore>();

    [Fact]
    public async Task BlockingIsMadeAtMetaAndWhatMetaBlockedIsMirrored()
    {
        MetaAnswers("POST", MetaPath("block_users"),
            $$$$"""{"messaging_product":"whatsapp","block_users":{"added_users":[{"input":"+1 650-555-0101","wa_id":"{{{{Ana}}}}"}]}}""");

        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("block_users"),
            """{"messaging_product":"whatsapp","block_users":[{"user":"+1 650-555-0101"}]}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, $$$$"""{"messaging_product":"whatsapp","block_users":{"added_users":[{"input":"+1 650-555-0101","wa_id":"{{{{Ana}}}}"}]}}""");
        var call = MetaReceivedOne("POST", MetaPath("block_users"));
        ShouldBeJson(call.Json, """{"messaging_product":"whatsapp","block_users":[{"user":"+1 650-555-0101"}]}""");
        call.ContentType.ShouldBe("application/json; charset=utf-8");
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ana, CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task APartialFailureAtMetaAnswers139100WithMetasFailedUsersAndOnlyTheBlockedAreMirrored()
    {
        MetaAnswers("POST", MetaPath("block_users"), $$$$"""
            {"messaging_product":"whatsapp","block_users":{"added_users":[{"input":"{{{{Ana}}}}","wa_id":"{{{{Ana}}}}"}],
             "failed_users":[{"input":"{{{{Ben}}}}","wa_id":"{{{{Ben}}}}","errors":[{"message":"Re-engagement message","code":131047,
               "error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}]},
             "error":{"message":"(#139100) Failed to block/unblock users","type":"OAuthException","code":139100,
               "error_data":{"details":"Failed to block some users."},"fbtrace_id":"AbC"}}
            """, status: 400);

        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("block_users"),
            $$$$"""{"messaging_product":"whatsapp","block_users":[{"user":"{{{{Ana}}}}"},{"user":"{{{{Ben}}}}"}]}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        ShouldBeJson(body["block_users"]!["added_users"]!, $$$$"""[{"input":"{{{{Ana}}}}","wa_id":"{{{{Ana}}}}"}]""");
        var failed = body["block_users"]!["failed_users"]!.AsArray().ShouldHaveSingleItem()!;
        failed["input"]!.GetValue<string>().ShouldBe(Ben);
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131047);
        failed["errors"]![0]!["error_data"]!["details"]!.GetValue<string>().ShouldStartWith("Message failed to send because more than 24 hours");
        body.Code().ShouldBe(139100);
        ShouldBeJson(MetaReceivedOne("POST", MetaPath("block_users")).Json, $$$$"""{"messaging_product":"whatsapp","block_users":[{"user":"{{{{Ana}}}}"},{"user":"{{{{Ben}}}}"}]}""");
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ana, CancellationToken.None)).ShouldBeTrue();
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ben, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task OneMsgBlockingIsMadeAtMetaAndAUserMetaRefusedIsOneMsgsError()
    {
        MetaAnswers("POST", MetaPath("block_users"), $$$$"""
            {"messaging_product":"whatsapp","block_users":{"added_users":[],
             "failed_users":[{"input":"{{{{Ben}}}}","errors":[{"message":"Re-engagement message","code":131047,"error_data":{"details":"More than 24 hours have passed."}}]}]},
             "error":{"message":"(#139100) Failed to block/unblock users","type":"OAuthException","code":139100,"error_data":{"details":"Failed to block some users."}}}
            """, status: 400);

        var (status, body) = await OneMsgAsync(HttpMethod.Post, "blockUser", $$$$"""{"phone":"{{{{Ben}}}}"}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldBe("Re-engagement message");
        ShouldBeJson(MetaReceivedOne("POST", MetaPath("block_users")).Json, $$$$"""{"messaging_product":"whatsapp","block_users":[{"user":"{{{{Ben}}}}"}]}""");
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ben, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task UnblockingIsADeleteAtMetaAndLiftsTheMirroredBlock()
    {
        await Blocks.BlockAsync(Channel.PhoneNumberId, [new BlockedUser(Ana, null, DateTimeOffset.UtcNow)], int.MaxValue, CancellationToken.None);
        MetaAnswers("DELETE", MetaPath("block_users"),
            $$$$"""{"messaging_product":"whatsapp","block_users":{"removed_users":[{"input":"{{{{Ana}}}}","wa_id":"{{{{Ana}}}}"}]}}""");

        var (status, body) = await OneMsgAsync(HttpMethod.Post, "unblockUser", $$$$"""{"phone":"{{{{Ana}}}}"}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, """{"result":"success"}""");
        ShouldBeJson(MetaReceivedOne("DELETE", MetaPath("block_users")).Json, $$$$"""{"messaging_product":"whatsapp","block_users":[{"user":"{{{{Ana}}}}"}]}""");
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ana, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task ListingReadsMetasPageWithMetasCursorsInParleysPagingLinks()
    {
        MetaAnswers("GET", MetaPath("block_users") + "?limit=2&after=QVFIUmFm",
            $$$$"""
            {"data":[{"messaging_product":"whatsapp","wa_id":"{{{{Ana}}}}"},{"messaging_product":"whatsapp","wa_id":"{{{{Ben}}}}"}],
             "paging":{"cursors":{"before":"QVFIUkJF","after":"QVFIUkFG"},
               "next":"https://graph.facebook.com/v23.0/x/block_users?access_token={{{{MetaChannels.UpstreamAccessToken}}}}&after=QVFIUkFG"}}
            """);

        var (status, body) = await CloudAsync(HttpMethod.Get, CloudPath("block_users") + "?limit=2&after=QVFIUmFm");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        MetaReceivedOne("GET", MetaPath("block_users") + "?limit=2&after=QVFIUmFm").Body.ShouldBeEmpty();
        ShouldBeJson(body["data"]!, $$$$"""[{"messaging_product":"whatsapp","wa_id":"{{{{Ana}}}}"},{"messaging_product":"whatsapp","wa_id":"{{{{Ben}}}}"}]""");
        ShouldBeJson(body["paging"]!["cursors"]!, """{"before":"QVFIUkJF","after":"QVFIUkFG"}""");
        var next = body["paging"]!["next"]!.GetValue<string>();
        next.ShouldContain($"/v23.0/{Channel.PhoneNumberId}/block_users?");
        next.ShouldContain("after=QVFIUkFG");
        next.ShouldNotContain(MetaChannels.UpstreamAccessToken);
        body["paging"]!["previous"].ShouldBeNull();
    }

    [Fact]
    public async Task OneMsgsBlockedUsersIsMetasList()
    {
        MetaAnswers("GET", MetaPath("block_users") + "?limit=100", $$$$"""{"data":[{"messaging_product":"whatsapp","wa_id":"{{{{Ben}}}}"}],"paging":{"cursors":{"before":"Qg","after":"QQ"}}}""");

        var (status, body) = await OneMsgAsync(HttpMethod.Get, "blockedUsers");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body["data"]!, $$$$"""[{"messaging_product":"whatsapp","wa_id":"{{{{Ben}}}}"}]""");
        MetaReceivedOne("GET", MetaPath("block_users") + "?limit=100");
    }

    [Fact]
    public async Task MetasRefusalIsAnsweredInEachDialectAndChangesNothing()
    {
        Graph.Respond = _ => GraphAnswer.Error(401, 190, "Error validating access token", "The access token has expired.");

        var (cloudStatus, cloud) = await CloudAsync(HttpMethod.Post, CloudPath("block_users"), $$$$"""{"messaging_product":"whatsapp","block_users":[{"user":"{{{{Ana}}}}"}]}""");
        var (oneMsgStatus, oneMsg) = await OneMsgAsync(HttpMethod.Post, "blockUser", $$$$"""{"phone":"{{{{Ana}}}}"}""");
        var (listStatus, list) = await CloudAsync(HttpMethod.Get, CloudPath("block_users"));

        cloudStatus.ShouldBe(HttpStatusCode.Unauthorized, cloud.ToJsonString());
        cloud.Code().ShouldBe(190);
        cloud.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("The access token has expired.");
        oneMsgStatus.ShouldBe(HttpStatusCode.Unauthorized, oneMsg.ToJsonString());
        oneMsg["error"]!.GetValue<string>().ShouldBe("(#190) Error validating access token");
        listStatus.ShouldBe(HttpStatusCode.Unauthorized);
        list.Code().ShouldBe(190);
        Graph.Requests.Count.ShouldBe(3);
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ana, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnAnswerOfMetaThatNamesNoUserIsAnswered131016InsteadOfFailingOnAMissingResult()
    {
        MetaAnswers("POST", MetaPath("block_users"), """{"messaging_product":"whatsapp","block_users":{"added_users":[]}}""");

        var (status, body) = await OneMsgAsync(HttpMethod.Post, "blockUser", $$$$"""{"phone":"{{{{Ana}}}}"}""");

        status.ShouldBe(HttpStatusCode.InternalServerError, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldBe("(#131016) Service unavailable: Meta answered the block_users call without any of the users.");
        (await Blocks.IsBlockedAsync(Channel.PhoneNumberId, Ana, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task ABadBodyNeverReachesMeta()
    {
        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("block_users"), """{"messaging_product":"whatsapp","block_users":[]}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        Graph.Requests.ShouldBeEmpty();
    }
}
