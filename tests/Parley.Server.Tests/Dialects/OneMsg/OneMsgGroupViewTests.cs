using System.Text.Json.Nodes;
using Parley.Core.Groups;
using Parley.Server.Dialects.OneMsg;
using Parley.Server.Groups;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>The pure group shapes of the 1msg dialect: path ids, the participants of a remove call, fields, group info.</summary>
public sealed class OneMsgGroupViewTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_765_000_000);

    private static readonly Group Sample = new("Y2FwaV9ncm91cDox", "106540352242922", "Car owners", "About cars", JoinApprovalModes.AutoApprove,
        "AbCdEfGhIjKlMnOpQrStUv", null, GroupStates.Active, false, Created, Created);

    [Theory]
    [InlineData("Y2FwaV9ncm91cDox", "Y2FwaV9ncm91cDox")]
    [InlineData("Y2FwaV9ncm91cDox@g.us", "Y2FwaV9ncm91cDox")]
    [InlineData("120363046942338209@g.us", "120363046942338209")]
    public void APathIdIsTheGroupIdWithOrWithoutItsSuffix(string path, string id) => OneMsgGroupViews.GroupIdOf(path).ShouldBe(id);

    [Fact]
    public void ParticipantsMayBePhoneNumbersNumbersChatIdsOrUserObjects()
    {
        var body = JsonNode.Parse("""{"participants":["+1 202 555 0101",12025550102,"12025550103@c.us",{"user":"12025550104"},{"user":"US.13491208655302741918@bsuid"}]}""")!.AsObject();

        var users = OneMsgGroupViews.Participants(body);

        users.Succeeded.ShouldBeTrue();
        users.Value.ShouldBe(["+1 202 555 0101", "12025550102", "12025550103", "12025550104", "US.13491208655302741918"]);
    }

    [Theory]
    [InlineData("""{}""", 131008)]
    [InlineData("""{"participants":"12025550101"}""", 100)]
    [InlineData("""{"participants":[true]}""", 100)]
    [InlineData("""{"participants":[{"user":""}]}""", 100)]
    public void ParticipantsThatAreNotAListOfUsersAreRefused(string json, int code) =>
        OneMsgGroupViews.Participants(JsonNode.Parse(json)!.AsObject()).Error!.Code.ShouldBe(code);

    [Fact]
    public void GroupInfoAnswersIdAndChatIdAndTheFieldsAskedForInOneMsgsOrder()
    {
        var fields = OneMsgGroupViews.CheckFields(" participants ,subject");
        var details = new GroupDetails(Sample, [new GroupParticipant(Sample.Id, "12025550101", null, Created)]);

        var info = OneMsgGroupViews.Details(details, fields.Value!);

        info.ToJsonString().ShouldBe("""{"id":"Y2FwaV9ncm91cDox","subject":"Car owners","participants":[{"chatId":"12025550101@c.us","user":"12025550101"}],"chatId":"Y2FwaV9ncm91cDox@g.us"}""");
        OneMsgGroupViews.CheckFields("subject,owner").Error!.Code.ShouldBe(100);
    }

    [Fact]
    public void ACreatedGroupIsAnsweredAtOnceAndAGroupMadeElsewhereByItsRequestIdOnly()
    {
        OneMsgGroupViews.Created(new GroupCreated("831220154776112", Sample)).ToJsonString().ShouldBe(
            """{"id":"Y2FwaV9ncm91cDox","chatId":"Y2FwaV9ncm91cDox@g.us","subject":"Car owners","description":"About cars","inviteLink":"https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv","requestId":"831220154776112"}""");
        OneMsgGroupViews.Created(new GroupCreated("831220154776112", null)).ToJsonString().ShouldBe("""{"requestId":"831220154776112"}""");
    }
}
