using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Upstreams.Meta;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// Simulated users in a channel's groups: they join through the invite link (at once, or by a join request when the
/// group needs approval), take a request back, leave; a full group, a removed user and an unknown link are refused;
/// WhatsApp suspends a group. Each change reaches the business as its <c>group_*</c> webhook.
/// </summary>
public sealed class SandboxGroupMembershipTests : SandboxGroupTest
{
    private const string Ana = "16505551001";
    private const string Ben = "16505551002";

    [Fact]
    public async Task AUserWhoOpensTheLinkOfAnAutoApproveGroupJoinsAndTheBusinessGetsGroupParticipantsAdd()
    {
        var (group, link) = await CreateGroupAsync();

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = "+" + Ana, name = "Ana" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("joined");
        body["group_id"]!.GetValue<string>().ShouldBe(group);
        body["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        var added = await GroupEventAsync("group_participants_update", "group_participants_add", group);
        added["reason"]!.GetValue<string>().ShouldBe("invite_link");
        added["added_participants"]![0]!["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        added["request_id"].ShouldBeNull();
        (await ParticipantsAsync(group)).ShouldBe([Ana]);
        var (again, refused) = await SimulateAsync("/join", new { code = link[GroupIds.InviteLinkPrefix.Length..], from = Ana });
        again.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(131009);
    }

    [Fact]
    public async Task JoiningAGroupThatNeedsApprovalOpensAJoinRequestThatTheUserCanRevoke()
    {
        var (group, link) = await CreateGroupAsync("approval_required");

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = Ana });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("requested");
        var requestId = body["join_request_id"]!.GetValue<string>();
        var created = await GroupEventAsync("group_participants_update", "group_join_request_created", group);
        created["join_request_id"]!.GetValue<string>().ShouldBe(requestId);
        created["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        (await ParticipantsAsync(group)).ShouldBeEmpty();
        (await SimulateAsync("/join", new { invite_link = link, from = Ana })).Body.Code().ShouldBe(131009);

        var (revokedStatus, revoked) = await SimulateAsync($"/{group}/join_requests/{requestId}/revoke");

        revokedStatus.ShouldBe(HttpStatusCode.OK, revoked.ToJsonString());
        revoked["result"]!.GetValue<string>().ShouldBe("revoked");
        (await GroupEventAsync("group_participants_update", "group_join_request_revoked", group))["join_request_id"]!.GetValue<string>().ShouldBe(requestId);
        var (gone, error) = await SimulateAsync($"/{group}/join_requests/{requestId}/revoke");
        gone.ShouldBe(HttpStatusCode.BadRequest);
        error.Code().ShouldBe(131213);
        (await Parley.Services.GetRequiredService<IGroupStore>().ListOpenJoinRequestsAsync(group, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AUserRevokesTheirJoinRequestByTheirNumber()
    {
        var (group, link) = await CreateGroupAsync("approval_required");
        var requestId = (await SimulateAsync("/join", new { invite_link = link, from = Ana })).Body["join_request_id"]!.GetValue<string>();

        var (status, body) = await SimulateAsync($"/{group}/join_requests/revoke", new { from = Ana });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["join_request_id"]!.GetValue<string>().ShouldBe(requestId);
        (await SimulateAsync($"/{group}/join_requests/revoke", new { from = Ben })).Body.Code().ShouldBe(131213);
        (await SimulateAsync("/join", new { invite_link = link, from = Ana })).Body["result"]!.GetValue<string>().ShouldBe("requested");
    }

    [Fact]
    public async Task AParticipantWhoLeavesIsRemovedWithGroupParticipantsRemoveAndMayJoinAgain()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        await JoinAsync(link, Ben);

        var (status, body) = await SimulateAsync($"/{group}/leave", new { from = Ana });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("left");
        var removed = await GroupEventAsync("group_participants_update", "group_participants_remove", group);
        removed["initiated_by"]!.GetValue<string>().ShouldBe("participant");
        removed["removed_participants"]![0]!["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        (await ParticipantsAsync(group)).ShouldBe([Ben]);
        var (again, notIn) = await SimulateAsync($"/{group}/leave", new { from = Ana });
        again.ShouldBe(HttpStatusCode.BadRequest);
        notIn.Code().ShouldBe(131212);
        await JoinAsync(link, Ana);
        (await ParticipantsAsync(group)).ShouldBe([Ben, Ana], ignoreOrder: true);
    }

    [Fact]
    public async Task AUserTheBusinessRemovedCannotJoinAgainThroughTheLinkNorAskToJoin()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);
        await RemoveAsync(group, Ana);

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = Ana });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131009);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("removed");
        (await ParticipantsAsync(group)).ShouldBeEmpty();
        var (approval, approvalLink) = await CreateGroupAsync("approval_required");
        await JoinApprovedAsync(approval, approvalLink, Ben);
        await RemoveAsync(approval, Ben);
        (await SimulateAsync("/join", new { invite_link = approvalLink, from = Ben })).Body.Code().ShouldBe(131009);
    }

    [Fact]
    public async Task AJoinRequestTheBusinessApprovesMakesTheUserAParticipant()
    {
        var (group, link) = await CreateGroupAsync("approval_required");

        await JoinApprovedAsync(group, link, Ana);

        var added = await GroupEventAsync("group_participants_update", "group_participants_add", group);
        added["added_participants"]![0]!["wa_id"]!.GetValue<string>().ShouldBe(Ana);
        (await ParticipantsAsync(group)).ShouldBe([Ana]);
    }

    /// <summary>The user asks to join and the business approves (<c>POST /{group-id}/join_requests</c>).</summary>
    private async Task JoinApprovedAsync(string group, string link, string from)
    {
        var requestId = (await SimulateAsync("/join", new { invite_link = link, from })).Body["join_request_id"]!.GetValue<string>();
        var (status, body) = await Tenants.PostAsync(Client, $"/v26.0/{group}/join_requests", new { messaging_product = "whatsapp", join_requests = new[] { requestId } });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["approved_join_requests"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe([requestId]);
    }

    [Fact]
    public async Task AFullGroupRefusesTheNinthParticipantWith131204()
    {
        var (group, link) = await CreateGroupAsync();
        for (var i = 0; i < GroupRules.MaxParticipants; i++)
        {
            await JoinAsync(link, $"1650555200{i}");
        }

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = "16505552009" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131204);
        (await ParticipantsAsync(group)).Count.ShouldBe(GroupRules.MaxParticipants);
    }

    [Fact]
    public async Task ANumberNotOnWhatsAppCannotJoin()
    {
        var (group, link) = await CreateGroupAsync();

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = "16505550404" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131009);
        (await ParticipantsAsync(group)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AUserWhoKeepsTheirNumberJoinsAndLeavesByTheirBsuid()
    {
        var (group, link) = await CreateGroupAsync();

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = "16505550505" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["wa_id"].ShouldBeNull();
        var bsuid = body["user_id"]!.GetValue<string>();
        var added = await GroupEventAsync("group_participants_update", "group_participants_add", group);
        added["added_participants"]![0]!["user_id"]!.GetValue<string>().ShouldBe(bsuid);
        added["added_participants"]![0]!["wa_id"].ShouldBeNull();
        (await ParticipantsAsync(group)).ShouldBe([bsuid]);
        (await SimulateAsync($"/{group}/leave", new { from = bsuid })).Status.ShouldBe(HttpStatusCode.OK);
        (await ParticipantsAsync(group)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://chat.whatsapp.com/NoSuchInviteCode123456", 131009)]
    [InlineData("https://example.com/join?x=1", 100)]
    public async Task AnUnknownOrMalformedInviteLinkIsRefused(string link, int code)
    {
        await CreateGroupAsync();

        var (status, body) = await SimulateAsync("/join", new { invite_link = link, from = Ana });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(code);
    }

    [Fact]
    public async Task AJoinWithoutALinkOrUserOrWithABodyThatIsNoObjectIsRefused()
    {
        var (_, link) = await CreateGroupAsync();

        (await SimulateAsync("/join", new { from = Ana })).Body.Code().ShouldBe(131008);
        (await SimulateAsync("/join", new { invite_link = link })).Body.Code().ShouldBe(131008);
        var (status, body) = await SimulateAsync("/join", new[] { 1, 2 });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task WhatsAppSuspendsAGroupWithGroupSuspendAndItTakesNoJoinsOrPostsUntilCleared()
    {
        var (group, link) = await CreateGroupAsync();
        await JoinAsync(link, Ana);

        var (status, body) = await SimulateAsync($"/{group}/suspend", client: Admin);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["suspended"]!.GetValue<bool>().ShouldBeTrue();
        (await GroupEventAsync("group_status_update", "group_suspend", group))["request_id"].ShouldBeNull();
        (await SimulateAsync("/join", new { invite_link = link, from = Ben })).Body.Code().ShouldBe(131207);
        (await SimulateAsync($"/{group}/messages", new { from = Ana, type = "text", text = new { body = "Hello?" } })).Body.Code().ShouldBe(131207);

        (await SimulateAsync($"/{group}/unsuspend", client: Admin)).Body["suspended"]!.GetValue<bool>().ShouldBeFalse();

        await GroupEventAsync("group_status_update", "group_suspend_cleared", group);
        await JoinAsync(link, Ben);
    }

    [Fact]
    public async Task SuspendingNeedsTheAdminKeyAndAGroupOfTheChannel()
    {
        var (group, _) = await CreateGroupAsync();

        (await SimulateAsync($"/{group}/suspend")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await SimulateAsync("/Y2FwaV9ncm91cDpub3RoaW5n/suspend", client: Admin)).Status.ShouldBe(HttpStatusCode.NotFound);
        var (status, _) = await Tenants.PostAsync(Admin, $"/sandbox/channels/999999999999999/groups/{group}/suspend", new { });
        status.ShouldBe(HttpStatusCode.NotFound);
        var meta = await MetaChannels.CreateAsync(Admin, "http://127.0.0.1:9");
        var (metaStatus, problem) = await Tenants.PostAsync(Admin, $"/sandbox/channels/{meta.PhoneNumberId}/groups/{group}/suspend", new { });
        metaStatus.ShouldBe(HttpStatusCode.BadRequest);
        problem["title"]!.GetValue<string>().ShouldBe("Not a sandbox channel");
        (await Parley.Services.GetRequiredService<IGroupStore>().GetAsync(group, CancellationToken.None))!.Suspended.ShouldBeFalse();
    }
}
