using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Groups;

/// <summary><c>POST|GET /{phone-number-id}/groups</c>: creating groups and listing a number's active groups.</summary>
public sealed class GroupsApiTests : ParleyTest
{
    private const string GroupsPath = $"/v26.0/{ParleyFactory.PhoneNumberId}/groups";

    [Fact]
    public async Task CreatingAGroupAnswersItsRequestIdAndTheGroupIsListedAtOnce()
    {
        var (status, body) = await Tenants.PostAsync(Client, GroupsPath,
            new { messaging_product = "whatsapp", subject = "  New Purchase Inquiry  ", description = "Car options", join_approval_mode = "approval_required" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        body["request_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var (_, list) = await Tenants.GetAsync(Client, GroupsPath);
        var groups = list["data"]!["groups"]!.AsArray();
        groups.Count.ShouldBe(1);
        groups[0]!["subject"]!.GetValue<string>().ShouldBe("New Purchase Inquiry");
        groups[0]!["id"]!.GetValue<string>().ShouldStartWith("Y2FwaV9ncm91cD");
    }

    [Theory]
    [InlineData("""{"messaging_product":"whatsapp"}""", 131008)]
    [InlineData("""{"messaging_product":"whatsapp","subject":"   "}""", 131008)]
    [InlineData("""{"subject":"s"}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","subject":["s"]}""", 131008)]
    [InlineData("""{"messaging_product":"whatsapp","subject":"s","join_approval_mode":"sometimes"}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","subject":"s","description":7}""", 100)]
    public async Task ACreateCallWithABadBodyIsRefusedWithMetasError(string json, int code)
    {
        var (status, body) = await Tenants.PostAsync(Client, GroupsPath, JsonNode.Parse(json)!);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!["code"]!.GetValue<int>().ShouldBe(code);
        (await Tenants.GetAsync(Client, GroupsPath)).Body["data"]!["groups"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ASubjectLongerThan128CharactersIsRefused()
    {
        var (status, body) = await Tenants.PostAsync(Client, GroupsPath, new { messaging_product = "whatsapp", subject = new string('a', 129) });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!["code"]!.GetValue<int>().ShouldBe(100);
    }

    [Fact]
    public async Task GroupsArePagedWithGraphCursorsAndABadCursorIsRefused()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Tenants.PostAsync(Client, GroupsPath, new { messaging_product = "whatsapp", subject = $"Group {i}" })).Status.ShouldBe(HttpStatusCode.OK);
        }

        var (_, first) = await Tenants.GetAsync(Client, GroupsPath + "?limit=2");
        var after = first["paging"]!["cursors"]!["after"]!.GetValue<string>();
        var (_, second) = await Tenants.GetAsync(Client, GroupsPath + "?limit=2&after=" + Uri.EscapeDataString(after));
        var (badStatus, bad) = await Tenants.GetAsync(Client, GroupsPath + "?after=not-a-cursor");

        first["data"]!["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 0", "Group 1"]);
        first["paging"]!["next"].ShouldNotBeNull();
        second["data"]!["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 2"]);
        second["paging"]!["next"].ShouldBeNull();
        second["paging"]!["previous"].ShouldNotBeNull();
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad["error"]!["code"]!.GetValue<int>().ShouldBe(131059);
    }
}
