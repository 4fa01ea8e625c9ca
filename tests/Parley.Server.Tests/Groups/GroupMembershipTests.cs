using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Groups;

/// <summary><c>/{group-id}/invite_link</c>, <c>/{group-id}/join_requests</c> and <c>/{group-id}/participants</c>.</summary>
public sealed class GroupMembershipTests : ParleyTest
{
    private static readonly object WhatsApp = new { messaging_product = "whatsapp" };

    [Fact]
    public async Task TheInviteLinkIsReadResetAndDeleted()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, first) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "invite_link"));
        var (resetStatus, reset) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId, "invite_link"), WhatsApp);
        var (_, afterReset) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "invite_link"));
        var (deleteStatus, deleted) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "invite_link"), WhatsApp);
        var (noLinkStatus, noLink) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "invite_link"));
        var (_, remade) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId, "invite_link"), WhatsApp);

        status.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        first["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        var link = first["invite_link"]!.GetValue<string>();
        link.ShouldStartWith("https://chat.whatsapp.com/");
        resetStatus.ShouldBe(HttpStatusCode.OK, reset.ToJsonString());
        reset["invite_link"]!.GetValue<string>().ShouldNotBe(link);
        afterReset["invite_link"]!.GetValue<string>().ShouldBe(reset["invite_link"]!.GetValue<string>());
        deleteStatus.ShouldBe(HttpStatusCode.OK, deleted.ToJsonString());
        deleted.ToJsonString().ShouldBe("""{"messaging_product":"whatsapp","success":true}""");
        noLinkStatus.ShouldBe(HttpStatusCode.BadRequest);
        noLink.Code().ShouldBe(100);
        (await GroupKit.GetStoredAsync(Parley, groupId))!.InviteCode.ShouldBe(GroupIds.InviteCodeOf(remade["invite_link"]!.GetValue<string>()));
    }

    [Fact]
    public async Task JoinRequestsAreListedWithGraphCursorsAndABadCursorIsRefused()
    {
        var groupId = await GroupKit.CreateAsync(Client, mode: JoinApprovalModes.ApprovalRequired);
        var ids = new List<string>();
        foreach (var waId in new[] { "16505550001", "16505550002", "16505550003" })
        {
            ids.Add(await GroupKit.CreateJoinRequestAsync(Parley, groupId, waId));
        }

        var (status, first) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "join_requests") + "?limit=2");
        var after = first["paging"]!["cursors"]!["after"]!.GetValue<string>();
        var (_, second) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "join_requests") + "?limit=2&after=" + Uri.EscapeDataString(after));
        var before = second["paging"]!["cursors"]!["before"]!.GetValue<string>();
        var (_, back) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "join_requests") + "?limit=2&before=" + Uri.EscapeDataString(before));
        var (badStatus, bad) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "join_requests") + "?after=bm90LWEtcmVxdWVzdA==");

        status.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        var items = first["data"]!.AsArray();
        items.Select(r => r!["join_request_id"]!.GetValue<string>()).ShouldBe(ids.Take(2));
        items[0]!["wa_id"]!.GetValue<string>().ShouldBe("16505550001");
        items[0]!["creation_timestamp"]!.GetValue<long>().ShouldBeGreaterThan(0);
        first["paging"]!["next"].ShouldNotBeNull();
        second["data"]!.AsArray().Select(r => r!["join_request_id"]!.GetValue<string>()).ShouldBe([ids[2]]);
        second["paging"]!["next"].ShouldBeNull();
        back["data"]!.AsArray().Select(r => r!["join_request_id"]!.GetValue<string>()).ShouldBe(ids.Take(2));
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe(131059);
    }

    [Fact]
    public async Task ApprovingJoinRequestsMakesParticipantsAndAnswersTheUnknownOnesAsFailedWith131213()
    {
        var groupId = await GroupKit.CreateAsync(Client, mode: JoinApprovalModes.ApprovalRequired);
        var a = await GroupKit.CreateJoinRequestAsync(Parley, groupId, "16505550001");
        var b = await GroupKit.CreateJoinRequestAsync(Parley, groupId, "16505550002");
        var unknown = GroupIds.NewJoinRequest("16505550009");

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId, "join_requests"),
            new { messaging_product = "whatsapp", join_requests = new[] { a, b, unknown } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["approved_join_requests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe([a, b]);
        var failed = body["failed_join_requests"]!.AsArray().Single()!;
        failed["join_request_id"]!.GetValue<string>().ShouldBe(unknown);
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131213);
        var (_, group) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=participants");
        group["participants"]!.AsArray().Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe(["16505550001", "16505550002"]);
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "join_requests"))).Body["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ApprovingBeyondEightParticipantsFailsWith131204()
    {
        var groupId = await GroupKit.CreateAsync(Client, mode: JoinApprovalModes.ApprovalRequired);
        for (var i = 0; i < GroupRules.MaxParticipants; i++)
        {
            await GroupKit.AddParticipantAsync(Parley, groupId, $"1650555100{i}");
        }
        var late = await GroupKit.CreateJoinRequestAsync(Parley, groupId, "16505559999");

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId, "join_requests"), new { messaging_product = "whatsapp", join_requests = new[] { late } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["approved_join_requests"]!.AsArray().ShouldBeEmpty();
        body["failed_join_requests"]![0]!["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131204);
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=total_participant_count")).Body["total_participant_count"]!.GetValue<int>().ShouldBe(8);
    }

    [Fact]
    public async Task RejectingJoinRequestsClosesThemWithoutAddingAnyone()
    {
        var groupId = await GroupKit.CreateAsync(Client, mode: JoinApprovalModes.ApprovalRequired);
        var a = await GroupKit.CreateJoinRequestAsync(Parley, groupId, "16505550001");
        var unknown = GroupIds.NewJoinRequest("16505550009");

        var (status, body) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "join_requests"),
            new { messaging_product = "whatsapp", join_requests = new[] { a, unknown } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["rejected_join_requests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe([a]);
        body["failed_join_requests"]![0]!["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131213);
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId, "join_requests"))).Body["data"]!.AsArray().ShouldBeEmpty();
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=total_participant_count")).Body["total_participant_count"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"messaging_product":"whatsapp"}""", 131008)]
    [InlineData("""{"messaging_product":"whatsapp","join_requests":"abc"}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","join_requests":[]}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","join_requests":[1,{}]}""", 100)]
    [InlineData("""{"join_requests":["abc"]}""", 100)]
    public async Task AJoinRequestsBodyOfTheWrongShapeIsRefused(string json, int code)
    {
        var groupId = await GroupKit.CreateAsync(Client, mode: JoinApprovalModes.ApprovalRequired);

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId, "join_requests"), JsonNode.Parse(json)!);
        var (rejectStatus, reject) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "join_requests"), JsonNode.Parse(json)!);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(code);
        rejectStatus.ShouldBe(HttpStatusCode.BadRequest, reject.ToJsonString());
        reject.Code().ShouldBe(code);
    }

    [Fact]
    public async Task RemovingParticipantsTakesThemOutOfTheGroup()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550001");
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550002");

        var (status, body) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "+1 650-555-0001" } } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var (_, group) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=participants");
        group["participants"]!.AsArray().Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe(["16505550002"]);
    }

    [Fact]
    public async Task RemovingSomeNonParticipantsRemovesTheOthersAndNobodyIs131212()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550001");
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550002");

        var (noneStatus, none) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "16505550008" }, new { user = "16505550009" } } });
        var (someStatus, some) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "16505550001" }, new { user = "16505550009" } } });

        noneStatus.ShouldBe(HttpStatusCode.BadRequest, none.ToJsonString());
        none.Code().ShouldBe(131212);
        someStatus.ShouldBe(HttpStatusCode.OK, some.ToJsonString());
        var (_, group) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=participants");
        group["participants"]!.AsArray().Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe(["16505550002"]);
    }

    [Theory]
    [InlineData("""{"messaging_product":"whatsapp","participants":[{"user":"16505550001"},{"user":"+1 (650) 555-0001"}]}""", 131202)]
    [InlineData("""{"messaging_product":"whatsapp","participants":[]}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","participants":[{"user":"1"},{"user":"2"},{"user":"3"},{"user":"4"},{"user":"5"},{"user":"6"},{"user":"7"},{"user":"8"},{"user":"9"}]}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","participants":{"user":"16505550001"}}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","participants":[{"user":16505550001}]}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","participants":["16505550001"]}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp"}""", 131008)]
    public async Task ARemovalOfTheWrongShapeIsRefusedAndRemovesNobody(string json, int code)
    {
        var groupId = await GroupKit.CreateAsync(Client);
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550001");

        var (status, body) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "participants"), JsonNode.Parse(json)!);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(code);
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=total_participant_count")).Body["total_participant_count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task AddingParticipantsIsRefusedBecauseGroupsAreInviteOnly()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId, "participants"),
            new { messaging_product = "whatsapp", participants = new[] { new { user = "16505550001" } } });

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("invite-only");
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=total_participant_count")).Body["total_participant_count"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task EveryMembershipCallOnADeletedGroupAnswers131041()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        (await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId))).Status.ShouldBe(HttpStatusCode.OK);

        var answers = new[]
        {
            await GroupKit.SendAsync(Client, HttpMethod.Get, GroupKit.GroupPath(groupId, "invite_link")),
            await GroupKit.SendAsync(Client, HttpMethod.Post, GroupKit.GroupPath(groupId, "invite_link"), WhatsApp),
            await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "invite_link"), WhatsApp),
            await GroupKit.SendAsync(Client, HttpMethod.Get, GroupKit.GroupPath(groupId, "join_requests")),
            await GroupKit.SendAsync(Client, HttpMethod.Post, GroupKit.GroupPath(groupId, "join_requests"), new { messaging_product = "whatsapp", join_requests = new[] { "abc" } }),
            await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId, "participants"), new { messaging_product = "whatsapp", participants = new[] { new { user = "16505550001" } } }),
        };

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.BadRequest && a.Body["error"]!["code"]!.GetValue<int>() == 131041);
    }

    [Fact]
    public async Task AGroupPathOnAnotherKindOfIdAnswersGraphsUnknownObjectError()
    {
        var (status, body) = await Tenants.GetAsync(Client, GroupKit.GroupPath(ParleyFactory.PhoneNumberId, "invite_link"));

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(100);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
    }
}
