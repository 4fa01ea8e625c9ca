using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Server.Tests.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// The group management of a meta channel is made at Meta (a fake Graph API here): each call goes to Meta's path under
/// Meta's ids, Meta's answer or refusal comes back as Meta gave it, and the channel's mirror of its groups follows what
/// Meta answered at once (what Meta does later arrives with its webhooks, <see cref="MetaGroupWebhookTests"/>).
/// </summary>
public sealed class MetaGroupRelayTests : MetaGroupTestBase
{
    private const string GroupId = "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD";

    [Fact]
    public async Task CreatingAGroupIsMadeAtMetaAndAnswersMetasRequestIdWhileTheMirrorWaitsForMetasWebhook()
    {
        Graph.Respond = r => r.Method == "POST" && r.PathAndQuery == $"/v23.0/{Channel.UpstreamPhoneNumberId}/groups"
            ? Json("""{"messaging_product":"whatsapp","request_id":"913542006714822"}""")
            : Unexpected(r);
        using var client = ChannelClient();

        var (status, body) = await Tenants.PostAsync(client, GroupsPath,
            new { messaging_product = "whatsapp", subject = "  Watch club ", description = "Timepieces", join_approval_mode = "approval_required" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"messaging_product":"whatsapp","request_id":"913542006714822"}""");
        var call = Graph.Requests.ShouldHaveSingleItem();
        call.Json!["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        call.Json["subject"]!.GetValue<string>().ShouldBe("Watch club");
        call.Json["description"]!.GetValue<string>().ShouldBe("Timepieces");
        call.Json["join_approval_mode"]!.GetValue<string>().ShouldBe("approval_required");
        (await Groups.CountActiveAsync(Channel.PhoneNumberId, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task MetasRefusalOfACreateIsAnsweredAsMetaGaveItAndABadBodyNeverReachesMeta()
    {
        Graph.Respond = _ => GraphAnswer.Error(400, 131215, "This phone number is not eligible to access Groups APIs", "Groups APIs are only available for eligible phone numbers.");
        using var client = ChannelClient();

        var (status, body) = await Tenants.PostAsync(client, GroupsPath, new { messaging_product = "whatsapp", subject = "Watch club" });
        var (badStatus, bad) = await Tenants.PostAsync(client, GroupsPath, new { messaging_product = "whatsapp", subject = "   " });

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131215);
        body.Error()["message"]!.GetValue<string>().ShouldBe("(#131215) This phone number is not eligible to access Groups APIs");
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Groups APIs are only available for eligible phone numbers.");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe(131008);
        Graph.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListingGroupsAnswersMetasListAndBringsTheMirrorInStep()
    {
        await MirroredGroupAsync("G-known", subject: "Old subject");
        await MirroredGroupAsync("G-stale");
        Graph.Respond = r => r.Method == "GET" && r.PathAndQuery.StartsWith($"/v23.0/{Channel.UpstreamPhoneNumberId}/groups?", StringComparison.Ordinal)
            ? Json("""
                {"data":{"groups":[{"id":"G-known","subject":"New subject","created_at":"1755548877"},{"id":"G-new","subject":"Made at Meta","created_at":1755548900}]},
                 "paging":{"cursors":{"before":"QkVGT1JF","after":"QUZURVI="}}}
                """)
            : Unexpected(r);
        using var client = ChannelClient();

        var (status, body) = await Tenants.GetAsync(client, GroupsPath + "?limit=5");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        Graph.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe($"/v23.0/{Channel.UpstreamPhoneNumberId}/groups?limit=5");
        var groups = body["data"]!["groups"]!.AsArray();
        groups.Select(g => (g!["id"]!.GetValue<string>(), g["subject"]!.GetValue<string>(), g["created_at"]!.GetValue<long>()))
            .ShouldBe([("G-known", "New subject", 1755548877L), ("G-new", "Made at Meta", 1755548900L)]);
        body["paging"]!["cursors"]!["after"]!.GetValue<string>().ShouldBe("QUZURVI=");
        body["paging"]!["next"].ShouldBeNull();
        // The whole list was read: the mirror is Meta's list.
        (await Groups.GetAsync("G-known", CancellationToken.None))!.Subject.ShouldBe("New subject");
        (await Groups.GetAsync("G-new", CancellationToken.None))!.IsActive.ShouldBeTrue();
        (await Groups.GetAsync("G-stale", CancellationToken.None))!.State.ShouldBe(GroupStates.Deleted);
    }

    [Fact]
    public async Task AnAnswerThatIsNotMetasListForgetsNoMirroredGroup()
    {
        await MirroredGroupAsync("G-kept");
        Graph.Respond = _ => Json("{}");
        using var client = ChannelClient();

        var (status, body) = await Tenants.GetAsync(client, GroupsPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["data"]!["groups"]!.AsArray().ShouldBeEmpty();
        (await Groups.GetAsync("G-kept", CancellationToken.None))!.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task APageOfMetasListCarriesMetasCursorsInParleysLinksAndForgetsNothing()
    {
        await MirroredGroupAsync("G-elsewhere");
        Graph.Respond = _ => Json("""
            {"data":{"groups":[{"id":"G-2","subject":"Second","created_at":"1755548877"}]},
             "paging":{"cursors":{"before":"QkVGT1JF","after":"QUZURVI="},"previous":"https://graph.facebook.com/v23.0/x/groups?before=QkVGT1JF","next":"https://graph.facebook.com/v23.0/x/groups?after=QUZURVI="}}
            """);
        using var client = ChannelClient();

        var (status, body) = await Tenants.GetAsync(client, GroupsPath + "?limit=1&after=TWV0YUN1cnNvcg%3D%3D");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        Graph.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe($"/v23.0/{Channel.UpstreamPhoneNumberId}/groups?limit=1&after=TWV0YUN1cnNvcg%3D%3D");
        var next = new Uri(body["paging"]!["next"]!.GetValue<string>());
        next.AbsolutePath.ShouldBe(GroupsPath);
        System.Web.HttpUtility.ParseQueryString(next.Query)["after"].ShouldBe("QUZURVI=");
        System.Web.HttpUtility.ParseQueryString(new Uri(body["paging"]!["previous"]!.GetValue<string>()).Query)["before"].ShouldBe("QkVGT1JF");
        (await Groups.GetAsync("G-elsewhere", CancellationToken.None))!.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task GettingAGroupAsksMetaForEveryFieldAnswersMetasAndTheMirrorTakesMetasParticipants()
    {
        await MirroredGroupAsync(GroupId, subject: "Old subject");
        var now = DateTimeOffset.UtcNow;
        await Groups.AddParticipantAsync(new GroupParticipant(GroupId, "16505550001", null, now), int.MaxValue, [], now, CancellationToken.None);
        Graph.Respond = r => r.Method == "GET" && r.PathAndQuery.StartsWith($"/v23.0/{GroupId}?fields=", StringComparison.Ordinal)
            ? Json($$"""
                {"messaging_product":"whatsapp","id":"{{GroupId}}","subject":"Watch club","description":"Timepieces","creation_timestamp":1755548877,
                 "suspended":false,"join_approval_mode":"approval_required","total_participant_count":2,
                 "participants":[{"wa_id":"16505550002"},{"wa_id":"16505550003"}]}
                """)
            : Unexpected(r);
        using var client = ChannelClient();

        var (status, body) = await Tenants.GetAsync(client, GroupKit.GroupPath(GroupId) + "?fields=subject,description,join_approval_mode,participants,total_participant_count,creation_timestamp");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        Graph.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldContain("participants");
        (body["id"]!.GetValue<string>(), body["subject"]!.GetValue<string>(), body["description"]!.GetValue<string>(), body["join_approval_mode"]!.GetValue<string>())
            .ShouldBe((GroupId, "Watch club", "Timepieces", JoinApprovalModes.ApprovalRequired));
        body["participants"]!.AsArray().Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe(["16505550002", "16505550003"]);
        body["total_participant_count"]!.GetValue<int>().ShouldBe(2);
        body["creation_timestamp"]!.GetValue<long>().ShouldBe(1755548877L);
        var mirrored = (await Groups.GetAsync(GroupId, CancellationToken.None))!;
        (mirrored.Subject, mirrored.Description, mirrored.JoinApprovalMode).ShouldBe(("Watch club", "Timepieces", JoinApprovalModes.ApprovalRequired));
        (await Groups.ListParticipantsAsync(GroupId, CancellationToken.None)).Select(p => p.WaId).ShouldBe(["16505550002", "16505550003"], ignoreOrder: true);
    }

    [Fact]
    public async Task AGroupMetaDoesNotKnowIsAnsweredWithMetasErrorAndLeavesTheMirror()
    {
        await MirroredGroupAsync(GroupId);
        Graph.Respond = _ => GraphAnswer.Error(400, 131041, "Group unknown", "The group was not found, either because it doesn't exist or you are not a member.");
        using var client = ChannelClient();

        var (status, body) = await Tenants.GetAsync(client, GroupKit.GroupPath(GroupId) + "?fields=subject");

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131041);
        body.Error()["message"]!.GetValue<string>().ShouldBe("(#131041) Group unknown");
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.State.ShouldBe(GroupStates.Deleted);
    }

    [Fact]
    public async Task InviteLinkCallsAreMadeAtMetaAndTheMirrorKeepsMetasLink()
    {
        await MirroredGroupAsync(GroupId);
        Graph.Respond = r => (r.Method, r.PathAndQuery) switch
        {
            ("GET", $"/v23.0/{GroupId}/invite_link") => Json("""{"messaging_product":"whatsapp","invite_link":"https://chat.whatsapp.com/FirstLink000000000000a"}"""),
            ("POST", $"/v23.0/{GroupId}/invite_link") => Json("""{"messaging_product":"whatsapp","invite_link":"https://chat.whatsapp.com/ResetLink000000000000b"}"""),
            ("DELETE", $"/v23.0/{GroupId}/invite_link") => Json("""{"messaging_product":"whatsapp","success":"true"}"""),
            _ => Unexpected(r),
        };
        using var client = ChannelClient();
        var path = GroupKit.GroupPath(GroupId, "invite_link");

        var (_, got) = await GroupKit.SendAsync(client, HttpMethod.Get, path);
        got["invite_link"]!.GetValue<string>().ShouldBe("https://chat.whatsapp.com/FirstLink000000000000a");
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.InviteCode.ShouldBe("FirstLink000000000000a");
        var (_, reset) = await GroupKit.SendAsync(client, HttpMethod.Post, path, new { messaging_product = "whatsapp" });
        reset["invite_link"]!.GetValue<string>().ShouldBe("https://chat.whatsapp.com/ResetLink000000000000b");
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.InviteCode.ShouldBe("ResetLink000000000000b");
        var (deletedStatus, deleted) = await GroupKit.SendAsync(client, HttpMethod.Delete, path, new { messaging_product = "whatsapp" });
        deletedStatus.ShouldBe(HttpStatusCode.OK, deleted.ToJsonString());
        deleted["success"]!.GetValue<bool>().ShouldBeTrue();
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.InviteCode.ShouldBeNull();

        Graph.Requests.Select(r => r.Method).ShouldBe(["GET", "POST", "DELETE"]);
        Graph.Requests[1].Json!["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
    }

    [Fact]
    public async Task JoinRequestsAreListedApprovedAndRejectedAtMetaWithMetasFailuresAsTheyAre()
    {
        await MirroredGroupAsync(GroupId, mode: JoinApprovalModes.ApprovalRequired);
        Graph.Respond = r => (r.Method, r.PathAndQuery) switch
        {
            ("GET", $"/v23.0/{GroupId}/join_requests") => Json("""
                {"data":[{"join_request_id":"JR-1","wa_id":"16505550011","creation_timestamp":1755548877},
                         {"join_request_id":"JR-2","wa_id":"16505550012","creation_timestamp":1755548878}],
                 "paging":{"cursors":{"before":"b","after":"a"}}}
                """),
            ("POST", $"/v23.0/{GroupId}/join_requests") => Json("""
                {"messaging_product":"whatsapp","approved_join_requests":["JR-1"],
                 "failed_join_requests":[{"join_request_id":"JR-9","errors":[{"code":131213,"message":"(#131213) Group join request does not exist.","title":"Group join request does not exist.","error_data":{"details":"No such request."}}]}]}
                """),
            ("DELETE", $"/v23.0/{GroupId}/join_requests") => Json("""{"messaging_product":"whatsapp","rejected_join_requests":["JR-2"]}"""),
            _ => Unexpected(r),
        };
        using var client = ChannelClient();
        var path = GroupKit.GroupPath(GroupId, "join_requests");

        var (listedStatus, listed) = await GroupKit.SendAsync(client, HttpMethod.Get, path);
        listedStatus.ShouldBe(HttpStatusCode.OK, listed.ToJsonString());
        listed["data"]!.AsArray().Select(r => (r!["join_request_id"]!.GetValue<string>(), r["wa_id"]!.GetValue<string>()))
            .ShouldBe([("JR-1", "16505550011"), ("JR-2", "16505550012")]);
        (await Groups.ListOpenJoinRequestsAsync(GroupId, CancellationToken.None)).Select(r => r.Id).ShouldBe(["JR-1", "JR-2"]);

        var (_, approved) = await GroupKit.SendAsync(client, HttpMethod.Post, path, new { messaging_product = "whatsapp", join_requests = new[] { "JR-1", "JR-9" } });
        approved["approved_join_requests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["JR-1"]);
        var failed = approved["failed_join_requests"]!.AsArray().ShouldHaveSingleItem()!;
        failed["join_request_id"]!.GetValue<string>().ShouldBe("JR-9");
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131213);
        Graph.Requests[1].Json!["join_requests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["JR-1", "JR-9"]);
        // Approving is Meta's to report (group_participants_add); rejecting has no webhook, so the mirror closes it now.
        var (_, rejected) = await GroupKit.SendAsync(client, HttpMethod.Delete, path, new { messaging_product = "whatsapp", join_requests = new[] { "JR-2" } });
        rejected["rejected_join_requests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["JR-2"]);
        (await Groups.ListOpenJoinRequestsAsync(GroupId, CancellationToken.None)).Select(r => r.Id).ShouldBe(["JR-1"]);
        (await Groups.GetJoinRequestAsync(GroupId, "JR-2", CancellationToken.None))!.State.ShouldBe(JoinRequestStates.Rejected);
    }

    [Fact]
    public async Task SettingsDeleteAndRemovalsAreMadeAtMetaAndTheMirrorWaitsForMetasWebhooks()
    {
        await MirroredGroupAsync(GroupId, subject: "Before");
        var now = DateTimeOffset.UtcNow;
        await Groups.AddParticipantAsync(new GroupParticipant(GroupId, "16505550001", null, now), int.MaxValue, [], now, CancellationToken.None);
        Graph.Respond = r => (r.Method, r.PathAndQuery) switch
        {
            ("POST", $"/v23.0/{GroupId}") or ("DELETE", $"/v23.0/{GroupId}") or ("DELETE", $"/v23.0/{GroupId}/participants") => Json("""{"success":true}"""),
            _ => Unexpected(r),
        };
        using var client = ChannelClient();

        var updated = await GroupKit.SendAsync(client, HttpMethod.Post, GroupKit.GroupPath(GroupId), new { messaging_product = "whatsapp", subject = "After", description = "New description" });
        var removed = await GroupKit.SendAsync(client, HttpMethod.Delete, GroupKit.GroupPath(GroupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "+1 650-555-0001" } } });
        var deleted = await GroupKit.SendAsync(client, HttpMethod.Delete, GroupKit.GroupPath(GroupId));

        foreach (var (status, body) in new[] { updated, removed, deleted })
        {
            status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            body.ToJsonString().ShouldBe("""{"success":true}""");
        }
        Graph.Requests.Select(r => (r.Method, r.PathAndQuery)).ShouldBe([
            ("POST", $"/v23.0/{GroupId}"), ("DELETE", $"/v23.0/{GroupId}/participants"), ("DELETE", $"/v23.0/{GroupId}"),
        ]);
        JsonNode.DeepEquals(Graph.Requests[0].Json, JsonNode.Parse("""{"messaging_product":"whatsapp","subject":"After","description":"New description"}""")).ShouldBeTrue();
        JsonNode.DeepEquals(Graph.Requests[1].Json, JsonNode.Parse("""{"messaging_product":"whatsapp","participants":[{"user":"+1 650-555-0001"}]}""")).ShouldBeTrue();
        Graph.Requests[2].Body.ShouldBeEmpty();
        var mirrored = (await Groups.GetAsync(GroupId, CancellationToken.None))!;
        (mirrored.Subject, mirrored.State).ShouldBe(("Before", GroupStates.Active));
        (await Groups.ListParticipantsAsync(GroupId, CancellationToken.None)).ShouldHaveSingleItem().WaId.ShouldBe("16505550001");
    }

    [Fact]
    public async Task AGroupPictureIsUploadedToMetaAsMetasMultipartCallAndTheMirrorKeepsParleysMedia()
    {
        await MirroredGroupAsync(GroupId);
        Graph.Respond = r => r.Method == "POST" && r.PathAndQuery == $"/v23.0/{GroupId}" ? Json("""{"success":true}""") : Unexpected(r);
        using var client = ChannelClient();

        var (status, body) = await GroupKit.PostPictureAsync(client, GroupId, GroupKit.Image(640, 640));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var call = Graph.Requests.ShouldHaveSingleItem();
        call.ContentType.ShouldStartWith("multipart/form-data");
        call.Body.ShouldContain("name=messaging_product");
        call.Body.ShouldContain("name=file");
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.PictureMediaId.ShouldNotBeNull();
    }

    [Fact]
    public async Task MetasRefusalOfARemovalIsAnsweredAsMetaGaveIt()
    {
        await MirroredGroupAsync(GroupId);
        Graph.Respond = _ => GraphAnswer.Error(400, 131212, "Participant is not a part of the group.", "Participant is not a part of the group.");
        using var client = ChannelClient();

        var (status, body) = await GroupKit.SendAsync(client, HttpMethod.Delete, GroupKit.GroupPath(GroupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "16505550077" } } });

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131212);
        (await Groups.GetAsync(GroupId, CancellationToken.None))!.IsActive.ShouldBeTrue();
    }

    private static GraphAnswer Json(string body) => new(200, body);

    private static GraphAnswer Unexpected(GraphRequest request) =>
        GraphAnswer.Error(400, 100, "Invalid parameter", $"The test did not expect {request.Method} {request.PathAndQuery}");
}
