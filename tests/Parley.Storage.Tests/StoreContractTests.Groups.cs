using Parley.Core.Groups;
using Parley.Core.Model;

namespace Parley.Storage.Tests;

/// <summary>Groups, participants, join requests and their webhook events, the same on both stores.</summary>
public abstract partial class StoreContractTests
{
    private IGroupStore Groups => Stores.Get<IGroupStore>();

    private static Group NewGroup(Channel channel, DateTimeOffset at, string mode = JoinApprovalModes.AutoApprove) =>
        new(GroupIds.New(channel.PhoneNumberId), channel.PhoneNumberId, "Subject", "", mode, GroupIds.NewInviteCode(), null, GroupStates.Active, false, at, at);

    private static GroupEvent Event(string kind, string text) => new(kind, $$"""{"type":"{{text}}"}""");

    [Fact]
    public async Task AGroupIsStoredWithItsCreationEventAndFoundByIdAndInviteCode()
    {
        var channel = await NewChannelAsync();
        var subscription = await SubscribeAsync(channel);
        var group = NewGroup(channel, T0);

        (await Groups.CreateAsync(group, 10, [Event(EventKinds.GroupLifecycle, "group_create")], T0, Ct)).ShouldBeTrue();

        (await Groups.GetAsync(group.Id, Ct)).ShouldBe(group);
        (await Groups.FindByInviteCodeAsync(group.InviteCode!, Ct)).ShouldBe(group);
        (await Groups.CountActiveAsync(channel.PhoneNumberId, Ct)).ShouldBe(1);
        var events = await ClaimOutboxAsync(T0);
        events.Select(e => (e.Kind, e.SubscriptionId, e.Payload)).ShouldBe([(EventKinds.GroupLifecycle, subscription.Id, """{"type":"group_create"}""")]);
    }

    [Fact]
    public async Task ANumberCannotHaveMoreActiveGroupsThanItsLimitButDeletedOnesDoNotCount()
    {
        var channel = await NewChannelAsync();
        var first = NewGroup(channel, T0);
        (await Groups.CreateAsync(first, 1, [], T0, Ct)).ShouldBeTrue();

        (await Groups.CreateAsync(NewGroup(channel, T0), 1, [], T0, Ct)).ShouldBeFalse();
        (await Groups.UpdateAsync(first with { State = GroupStates.Deleted }, [], T0, Ct)).ShouldBeTrue();
        (await Groups.CreateAsync(NewGroup(channel, T0), 1, [], T0, Ct)).ShouldBeTrue();

        var deleted = await Groups.GetAsync(first.Id, Ct);
        deleted!.State.ShouldBe(GroupStates.Deleted);
        deleted.InviteCode.ShouldBeNull();
        (await Groups.UpdateAsync(deleted with { Subject = "again" }, [], T0, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ActiveGroupsArePagedOldestFirstInBothDirections()
    {
        var channel = await NewChannelAsync();
        var groups = new List<Group>();
        for (var i = 0; i < 5; i++)
        {
            var group = NewGroup(channel, T0.AddSeconds(i));
            groups.Add(group);
            await Groups.CreateAsync(group, 10, [], T0, Ct);
        }
        await Groups.UpdateAsync(groups[4] with { State = GroupStates.Deleted }, [], T0, Ct);

        var first = await Groups.ListActiveAsync(channel.PhoneNumberId, 2, null, null, Ct);
        var second = await Groups.ListActiveAsync(channel.PhoneNumberId, 2, new GroupCursor(first[^1].CreatedAt, first[^1].Id), null, Ct);
        var back = await Groups.ListActiveAsync(channel.PhoneNumberId, 2, null, new GroupCursor(second[0].CreatedAt, second[0].Id), Ct);

        first.Select(g => g.Id).ShouldBe([groups[0].Id, groups[1].Id]);
        second.Select(g => g.Id).ShouldBe([groups[2].Id, groups[3].Id]);
        back.Select(g => g.Id).ShouldBe([groups[0].Id, groups[1].Id]);
    }

    [Fact]
    public async Task ParticipantsJoinUpToTheLimitOnceEachAndAreRemovedWithOneEvent()
    {
        var channel = await NewChannelAsync();
        var subscription = await SubscribeAsync(channel, EventKinds.GroupParticipants);
        var group = NewGroup(channel, T0);
        await Groups.CreateAsync(group, 10, [Event(EventKinds.GroupLifecycle, "group_create")], T0, Ct);
        var joined = Event(EventKinds.GroupParticipants, "group_participants_add");

        (await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000001", null, T0), 2, [joined], T0, Ct)).ShouldBe(ParticipantAdded.Added);
        (await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000001", null, T0), 2, [joined], T0, Ct)).ShouldBe(ParticipantAdded.AlreadyParticipant);
        (await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000002", "US.abc", T0.AddSeconds(1)), 2, [joined], T0, Ct)).ShouldBe(ParticipantAdded.Added);
        (await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000003", null, T0), 2, [joined], T0, Ct)).ShouldBe(ParticipantAdded.GroupFull);

        (await Groups.ListParticipantsAsync(group.Id, Ct)).Select(p => (p.WaId, p.UserId)).ShouldBe([("15550000001", null), ("15550000002", "US.abc")]);
        var removed = await Groups.RemoveParticipantsAsync(group.Id, ["15550000002", "15550000009"],
            ids => [Event(EventKinds.GroupParticipants, "removed " + string.Join(" ", ids))], T0, Ct);
        removed.ShouldBe(["15550000002"]);
        (await Groups.RemoveParticipantsAsync(group.Id, ["15550000009"], _ => throw new InvalidOperationException("nothing to tell"), T0, Ct)).ShouldBeEmpty();
        (await Groups.ListParticipantsAsync(group.Id, Ct)).Select(p => p.WaId).ShouldBe(["15550000001"]);
        (await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000002", null, T0), 8, [joined], T0, Ct)).ShouldBe(ParticipantAdded.Removed);
        (await Groups.CreateJoinRequestAsync(new GroupJoinRequest("jr", group.Id, "15550000002", null, JoinRequestStates.Open, T0, null), [], T0, Ct)).ShouldBeFalse();

        var events = await ClaimOutboxAsync(T0);
        events.ShouldAllBe(e => e.SubscriptionId == subscription.Id && e.Kind == EventKinds.GroupParticipants);
        events.Select(e => e.Payload).ShouldBe(["""{"type":"group_participants_add"}""", """{"type":"group_participants_add"}""", """{"type":"removed 15550000002"}"""]);
    }

    [Fact]
    public async Task AParticipantWhoLeavesMayJoinAgain()
    {
        var channel = await NewChannelAsync();
        var group = NewGroup(channel, T0);
        await Groups.CreateAsync(group, 10, [], T0, Ct);
        await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000001", null, T0), 8, [], T0, Ct);

        (await Groups.LeaveAsync(group.Id, "15550000001", [], T0, Ct)).ShouldBeTrue();
        (await Groups.LeaveAsync(group.Id, "15550000001", [], T0, Ct)).ShouldBeFalse();
        (await Groups.ListParticipantsAsync(group.Id, Ct)).ShouldBeEmpty();
        (await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000001", null, T0), 8, [], T0, Ct)).ShouldBe(ParticipantAdded.Added);
    }

    [Fact]
    public async Task AJoinRequestStaysOpenUntilApprovedByJoiningOrClosedAndOnlyOneIsOpenPerUser()
    {
        var channel = await NewChannelAsync();
        var group = NewGroup(channel, T0, JoinApprovalModes.ApprovalRequired);
        await Groups.CreateAsync(group, 10, [], T0, Ct);
        var first = new GroupJoinRequest(GroupIds.NewJoinRequest("15550000001"), group.Id, "15550000001", null, JoinRequestStates.Open, T0, null);
        var second = new GroupJoinRequest(GroupIds.NewJoinRequest("15550000002"), group.Id, "15550000002", null, JoinRequestStates.Open, T0.AddSeconds(1), null);

        (await Groups.CreateJoinRequestAsync(first, [], T0, Ct)).ShouldBeTrue();
        (await Groups.CreateJoinRequestAsync(first with { Id = GroupIds.NewJoinRequest("15550000001") }, [], T0, Ct)).ShouldBeFalse();
        (await Groups.CreateJoinRequestAsync(second, [], T0, Ct)).ShouldBeTrue();
        (await Groups.ListOpenJoinRequestsAsync(group.Id, Ct)).ShouldBe([first, second]);

        await Groups.AddParticipantAsync(new GroupParticipant(group.Id, "15550000001", null, T0.AddSeconds(2)), 8, [], T0.AddSeconds(2), Ct);
        (await Groups.CloseJoinRequestAsync(group.Id, second.Id, JoinRequestStates.Rejected, [], T0.AddSeconds(3), Ct)).ShouldBeTrue();
        (await Groups.CloseJoinRequestAsync(group.Id, second.Id, JoinRequestStates.Rejected, [], T0.AddSeconds(3), Ct)).ShouldBeFalse();

        (await Groups.ListOpenJoinRequestsAsync(group.Id, Ct)).ShouldBeEmpty();
        (await Groups.GetJoinRequestAsync(group.Id, first.Id, Ct))!.State.ShouldBe(JoinRequestStates.Approved);
        (await Groups.GetJoinRequestAsync(group.Id, second.Id, Ct)).ShouldBe(second with { State = JoinRequestStates.Rejected, ClosedAt = T0.AddSeconds(3) });
        (await Groups.CreateJoinRequestAsync(first with { Id = GroupIds.NewJoinRequest("15550000001") }, [], T0, Ct)).ShouldBeFalse(); // a participant now
    }

    [Fact]
    public async Task AMessageAParticipantPostsIsStoredInTheGroupsChatWithoutOpeningAWindow()
    {
        var channel = await NewChannelAsync();
        var group = NewGroup(channel, T0);
        await Groups.CreateAsync(group, 10, [], T0, Ct);
        var inbound = Inbound(channel, T0.AddSeconds(1), from: "15550000001") with { GroupId = group.Id };

        await Stores.Events.ApplyAsync([inbound], T0.AddSeconds(1), Ct);

        var stored = await Stores.Messages.GetAsync(channel.PhoneNumberId, inbound.MessageId, Ct);
        stored!.Peer.ShouldBe(group.Id);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, "15550000001", Ct)).ShouldBeNull();
    }
}
