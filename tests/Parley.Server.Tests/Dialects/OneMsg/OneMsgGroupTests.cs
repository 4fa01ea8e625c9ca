using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// 1msg's group methods (seed 000 "Groups"): create, list, describe, update, delete, remove participants and the invite
/// link, over the same groups as the Cloud API's Groups API, with every error in 1msg's <c>{"error"}</c> body.
/// </summary>
public sealed class OneMsgGroupTests : ParleyTest
{
    private const string Alice = "12025550101";
    private const string Bob = "12025550102";
    private const string Carol = "12025550103";

    [Fact]
    public async Task CreatingAGroupAnswersItsIdChatIdAndInviteLinkAndTheGroupIsListedAndDescribed()
    {
        var created = await OneMsgGroupClient.CreateAsync(Client, "  Car owners  ", "Questions about your car");
        var id = created["id"]!.GetValue<string>();

        created["chatId"]!.GetValue<string>().ShouldBe(id + "@g.us");
        created["subject"]!.GetValue<string>().ShouldBe("Car owners");
        created["description"]!.GetValue<string>().ShouldBe("Questions about your car");
        created["inviteLink"]!.GetValue<string>().ShouldStartWith("https://chat.whatsapp.com/");
        created["requestId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var (_, list) = await OneMsgClient.GetAsync(Client, "groups");
        var listed = list["groups"]!.AsArray().Single()!;
        listed["id"]!.GetValue<string>().ShouldBe(id);
        listed["chatId"]!.GetValue<string>().ShouldBe(id + "@g.us");
        listed["subject"]!.GetValue<string>().ShouldBe("Car owners");
        var info = await OneMsgGroupClient.InfoAsync(Client, id);
        info["id"]!.GetValue<string>().ShouldBe(id);
        info["subject"]!.GetValue<string>().ShouldBe("Car owners");
        info["description"]!.GetValue<string>().ShouldBe("Questions about your car");
        info["participants"]!.AsArray().ShouldBeEmpty();
        info["chatId"]!.GetValue<string>().ShouldBe(id + "@g.us");
        info["inviteLink"]!.GetValue<string>().ShouldBe(created["inviteLink"]!.GetValue<string>());
        // The same group as the Cloud API's.
        var (_, cloud) = await Tenants.GetAsync(Client, $"/v26.0/{ParleyFactory.PhoneNumberId}/groups");
        cloud["data"]!["groups"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task SubjectIsAcceptedForGroupNameAndAFormBodyWorks()
    {
        var (status, body) = await OneMsgClient.PostFormAsync(Client, "groups", "subject=Form+group&description=From+a+form");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var info = await OneMsgGroupClient.InfoAsync(Client, body["id"]!.GetValue<string>());
        info["subject"]!.GetValue<string>().ShouldBe("Form group");
        info["description"]!.GetValue<string>().ShouldBe("From a form");
    }

    [Theory]
    [InlineData("""{}""", "(#131008)")]
    [InlineData("""{"groupName":"   "}""", "(#131008)")]
    [InlineData("""{"groupName":["Support"]}""", "(#131009)")]
    [InlineData("""{"groupName":"Support","description":{"text":"x"}}""", "(#131009)")]
    [InlineData("""{"groupName":"Support","participants":["12025550101"]}""", "(#100)")]
    public async Task ACreateCallWithABadBodyIsRefusedInOneMsgsFormatAndCreatesNothing(string json, string code)
    {
        var error = OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups", json));

        error.ShouldStartWith(code);
        (await OneMsgClient.GetAsync(Client, "groups")).Body["groups"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ANameLongerThan128CharactersOrADescriptionLongerThan2048AreRefused()
    {
        var longName = new JsonObject { ["groupName"] = new string('a', 129) }.ToJsonString();
        var longDescription = new JsonObject { ["groupName"] = "Support", ["description"] = new string('d', 2049) }.ToJsonString();

        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups", longName)).ShouldStartWith("(#100)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups", longDescription)).ShouldStartWith("(#100)");
        (await OneMsgClient.GetAsync(Client, "groups")).Body["groups"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task GroupsArePagedWithCursorsAndABadCursorOrLimitIsRefused()
    {
        for (var i = 0; i < 3; i++)
        {
            await OneMsgGroupClient.CreateAsync(Client, $"Group {i}");
        }

        var (_, first) = await OneMsgClient.GetAsync(Client, "groups", "&limit=2");
        var after = first["paging"]!["cursors"]!["after"]!.GetValue<string>();
        var (_, second) = await OneMsgClient.GetAsync(Client, "groups", "&limit=2&after=" + Uri.EscapeDataString(after));
        var before = second["paging"]!["cursors"]!["before"]!.GetValue<string>();
        var (_, back) = await OneMsgClient.GetAsync(Client, "groups", "&limit=2&before=" + Uri.EscapeDataString(before));

        first["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 0", "Group 1"]);
        var next = first["paging"]!["next"]!.GetValue<string>();
        next.ShouldContain("after=");
        next.ShouldNotContain("token=");
        second["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 2"]);
        second["paging"]!["next"].ShouldBeNull();
        second["paging"]!["previous"].ShouldNotBeNull();
        back["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 0", "Group 1"]);
        OneMsgGroupClient.ErrorOf(await OneMsgClient.GetAsync(Client, "groups", "&after=not-a-cursor")).ShouldStartWith("(#131059)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.GetAsync(Client, "groups", "&limit=0")).ShouldStartWith("(#131009)");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.GetAsync(Client, "groups", "&limit=many")).ShouldStartWith("(#131009)");
    }

    [Fact]
    public async Task GroupInfoAnswersTheFieldsAskedForWithParticipantsAsChatIdsAndTakesTheIdWithItsSuffix()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        await OneMsgGroupClient.JoinAsync(Parley, id, Alice, Bob);

        var info = await OneMsgGroupClient.InfoAsync(Client, id + "@g.us", "&fields=subject,participants");

        info.Select(p => p.Key).ShouldBe(["id", "chatId", "subject", "participants"], ignoreOrder: true);
        info["participants"]!.AsArray().Select(p => p!["chatId"]!.GetValue<string>()).ShouldBe([Alice + "@c.us", Bob + "@c.us"], ignoreOrder: true);
        info["participants"]!.AsArray().Select(p => p!["user"]!.GetValue<string>()).ShouldBe([Alice, Bob], ignoreOrder: true);
        (await OneMsgGroupClient.InfoAsync(Client, id))["totalParticipantCount"]!.GetValue<int>().ShouldBe(2);
        OneMsgGroupClient.ErrorOf(await OneMsgClient.GetAsync(Client, "groups/" + id, "&fields=subject,secrets")).ShouldStartWith("(#100)");
    }

    [Fact]
    public async Task EveryMethodOnAnUnknownGroupIsRefusedWith131041()
    {
        const string unknown = "Y2FwaV9ncm91cDoxMDY1NDAzNTIyNDI5MjI6MTIwMzYzMDAwMDAwMDAwMDAw";
        var answers = new[]
        {
            await OneMsgClient.GetAsync(Client, "groups/" + unknown),
            await OneMsgClient.PostJsonAsync(Client, "groups/" + unknown, """{"subject":"New"}"""),
            await OneMsgClient.CallAsync(Client, HttpMethod.Delete, "groups/" + unknown),
            await OneMsgClient.CallAsync(Client, HttpMethod.Delete, $"groups/{unknown}/participants", $$"""{"participants":["{{Alice}}"]}"""),
            await OneMsgClient.PostJsonAsync(Client, $"groups/{unknown}/removeParticipants", $$"""{"participants":["{{Alice}}"]}"""),
            await OneMsgClient.GetAsync(Client, $"groups/{unknown}/inviteLink"),
            await OneMsgClient.PostJsonAsync(Client, $"groups/{unknown}/inviteLink", "{}"),
        };

        foreach (var answer in answers)
        {
            OneMsgGroupClient.ErrorOf(answer).ShouldStartWith("(#131041)");
        }
    }

    [Fact]
    public async Task UpdatingChangesTheSubjectAndDescriptionAndAnswersSuccess()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client, "Old name");

        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "groups/" + id, """{"subject":" New name ","description":"New description"}""");
        var (_, onlyDescription) = await OneMsgClient.PostFormAsync(Client, "groups/" + id, "description=Second+description");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"success":true}""");
        onlyDescription.ToJsonString().ShouldBe("""{"success":true}""");
        var info = await OneMsgGroupClient.InfoAsync(Client, id);
        info["subject"]!.GetValue<string>().ShouldBe("New name");
        info["description"]!.GetValue<string>().ShouldBe("Second description");
    }

    [Theory]
    [InlineData("""{}""", "(#131008)")]
    [InlineData("""{"subject":"  "}""", "(#131008)")]
    [InlineData("""{"subject":["x"]}""", "(#131009)")]
    public async Task ABadUpdateIsRefusedAndChangesNothing(string json, string code)
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client, "Kept");

        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups/" + id, json)).ShouldStartWith(code);
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, "groups/" + id, new JsonObject { ["subject"] = new string('s', 129) }.ToJsonString()))
            .ShouldStartWith("(#100)");
        (await OneMsgGroupClient.InfoAsync(Client, id))["subject"]!.GetValue<string>().ShouldBe("Kept");
    }

    [Fact]
    public async Task DeletingAGroupAnswersSuccessAndTheGroupIsGone()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        await OneMsgGroupClient.JoinAsync(Parley, id, Alice);

        var (status, body) = await OneMsgClient.CallAsync(Client, HttpMethod.Delete, "groups/" + id + "@g.us");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"success":true}""");
        OneMsgGroupClient.ErrorOf(await OneMsgClient.GetAsync(Client, "groups/" + id)).ShouldStartWith("(#131041)");
        (await OneMsgClient.GetAsync(Client, "groups")).Body["groups"]!.AsArray().ShouldBeEmpty();
        OneMsgGroupClient.ErrorOf(await OneMsgClient.CallAsync(Client, HttpMethod.Delete, "groups/" + id)).ShouldStartWith("(#131041)");
    }

    [Fact]
    public async Task RemovingParticipantsTakesPhoneNumbersChatIdsAndUserObjectsAndReportsThoseNotInTheGroup()
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        await OneMsgGroupClient.JoinAsync(Parley, id, Alice, Bob, Carol);

        var (status, first) = await OneMsgClient.CallAsync(Client, HttpMethod.Delete, $"groups/{id}/participants", $$"""{"participants":["{{Alice}}"]}""");
        var (_, second) = await OneMsgClient.PostJsonAsync(Client, $"groups/{id}/removeParticipants", $$"""{"participants":[{"user":"{{Bob}}@c.us"},{{Alice}}]}""");
        var (_, third) = await OneMsgClient.PostFormAsync(Client, $"groups/{id}/removeParticipants", $$"""participants=%5B%7B%22user%22%3A%22{{Carol}}%22%7D%5D""");

        status.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        first["success"]!.GetValue<bool>().ShouldBeTrue();
        first["removedParticipants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Alice + "@c.us"]);
        first["failedParticipants"]!.AsArray().ShouldBeEmpty();
        second["removedParticipants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Bob + "@c.us"]);
        second["failedParticipants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Alice + "@c.us"]);
        third["removedParticipants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Carol + "@c.us"], third.ToJsonString());
        (await OneMsgGroupClient.InfoAsync(Client, id))["participants"]!.AsArray().ShouldBeEmpty();
        OneMsgGroupClient.ErrorOf(await OneMsgClient.PostJsonAsync(Client, $"groups/{id}/removeParticipants", $$"""{"participants":["{{Alice}}"]}"""))
            .ShouldStartWith("(#131212)");
    }

    [Theory]
    [InlineData("""{}""", "(#131008)")]
    [InlineData("""{"participants":"12025550101"}""", "(#100)")]
    [InlineData("""{"participants":[]}""", "(#100)")]
    [InlineData("""{"participants":[{"name":"Alice"}]}""", "(#100)")]
    [InlineData("""{"participants":["not a number"]}""", "(#100)")]
    [InlineData("""{"participants":["1","2","3","4","5","6","7","8","9"]}""", "(#100)")]
    [InlineData("""{"participants":["12025550101","12025550101@c.us"]}""", "(#131202)")]
    public async Task ABadRemoveCallIsRefusedAndRemovesNobody(string json, string code)
    {
        var id = await OneMsgGroupClient.CreateIdAsync(Client);
        await OneMsgGroupClient.JoinAsync(Parley, id, Alice);

        OneMsgGroupClient.ErrorOf(await OneMsgClient.CallAsync(Client, HttpMethod.Delete, $"groups/{id}/participants", json)).ShouldStartWith(code);
        (await OneMsgGroupClient.InfoAsync(Client, id))["participants"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task TheInviteLinkIsTheCreatedOneUntilAResetMakesANewOne()
    {
        var created = await OneMsgGroupClient.CreateAsync(Client);
        var id = created["id"]!.GetValue<string>();

        var (status, current) = await OneMsgClient.GetAsync(Client, $"groups/{id}/inviteLink");
        var (resetStatus, reset) = await OneMsgClient.PostJsonAsync(Client, $"groups/{id}@g.us/inviteLink", "{}");
        var (_, after) = await OneMsgClient.GetAsync(Client, $"groups/{id}/inviteLink");

        status.ShouldBe(HttpStatusCode.OK, current.ToJsonString());
        current["inviteLink"]!.GetValue<string>().ShouldBe(created["inviteLink"]!.GetValue<string>());
        resetStatus.ShouldBe(HttpStatusCode.OK, reset.ToJsonString());
        reset["inviteLink"]!.GetValue<string>().ShouldStartWith("https://chat.whatsapp.com/");
        reset["inviteLink"]!.GetValue<string>().ShouldNotBe(current["inviteLink"]!.GetValue<string>());
        after["inviteLink"]!.GetValue<string>().ShouldBe(reset["inviteLink"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWrongTokenIsRefusedWith401AndCreatesNothing()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "groups", """{"groupName":"x"}""", token: "not-a-token");

        status.ShouldBe(HttpStatusCode.Unauthorized, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldStartWith("Wrong token");
        (await OneMsgClient.GetAsync(Client, "groups")).Body["groups"]!.AsArray().ShouldBeEmpty();
    }
}
