using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// The groups of a meta channel of A live at Meta (B, a Parley playing Meta): A's Groups API calls are made at B, under
/// B's number, and answered as B answers them.
/// </summary>
public sealed class MetaGroupEndToEndTests() : MetaPairTest("meta-groups")
{
    [Fact]
    public async Task AGroupCreatedThroughAIsCreatedAtMetaAndAListsMetasGroups()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var groupsOfA = $"/v23.0/{channel.PhoneNumberId}/groups";
        var groupsAtMeta = $"/v23.0/{ParleyFactory.PhoneNumberId}/groups";

        var (status, created) = await Tenants.PostAsync(clientA, groupsOfA,
            new { messaging_product = "whatsapp", subject = "Watch club", description = "Timepieces", join_approval_mode = "approval_required" });
        var (_, madeAtMeta) = await Tenants.PostAsync(clientB, groupsAtMeta, new { messaging_product = "whatsapp", subject = "Made at Meta" });

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        created["request_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        madeAtMeta["request_id"].ShouldNotBeNull();
        var (_, atMeta) = await Tenants.GetAsync(clientB, groupsAtMeta);
        var (listed, ofA) = await Tenants.GetAsync(clientA, groupsOfA);
        listed.ShouldBe(HttpStatusCode.OK, ofA.ToJsonString());
        var metaGroups = atMeta["data"]!["groups"]!.AsArray();
        metaGroups.Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Watch club", "Made at Meta"]);
        ofA["data"]!["groups"]!.ToJsonString().ShouldBe(metaGroups.ToJsonString());
    }

    [Fact]
    public async Task AGroupListedThroughAIsReadRenamedAndDeletedAtMetaThroughA()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var groupsOfA = $"/v23.0/{channel.PhoneNumberId}/groups";
        (await Tenants.PostAsync(clientA, groupsOfA, new { messaging_product = "whatsapp", subject = "Watch club", description = "Timepieces" })).Status.ShouldBe(HttpStatusCode.OK);
        // Listing through A puts Meta's group in A's mirror under Meta's id, so A's Graph edge knows whose it is.
        var (_, listed) = await Tenants.GetAsync(clientA, groupsOfA);
        var groupId = listed["data"]!["groups"]![0]!["id"]!.GetValue<string>();
        const string Fields = "?fields=subject,description,join_approval_mode,suspended,participants,total_participant_count";

        var (status, ofA) = await Tenants.GetAsync(clientA, $"/v23.0/{groupId}{Fields}");
        var (_, atMeta) = await Tenants.GetAsync(clientB, $"/v23.0/{groupId}{Fields}");
        status.ShouldBe(HttpStatusCode.OK, ofA.ToJsonString());
        JsonNode.DeepEquals(ofA, atMeta).ShouldBeTrue($"{ofA.ToJsonString()} vs {atMeta.ToJsonString()}");
        var (_, linkOfA) = await Tenants.GetAsync(clientA, $"/v23.0/{groupId}/invite_link");
        var (_, linkAtMeta) = await Tenants.GetAsync(clientB, $"/v23.0/{groupId}/invite_link");
        linkOfA["invite_link"]!.GetValue<string>().ShouldBe(linkAtMeta["invite_link"]!.GetValue<string>());

        (await Tenants.PostAsync(clientA, $"/v23.0/{groupId}", new { messaging_product = "whatsapp", subject = "Renamed" })).Status.ShouldBe(HttpStatusCode.OK);
        (await Tenants.GetAsync(clientB, $"/v23.0/{groupId}?fields=subject")).Body["subject"]!.GetValue<string>().ShouldBe("Renamed");
        (await Tenants.DeleteAsync(clientA, $"/v23.0/{groupId}")).ShouldBe(HttpStatusCode.OK);
        (await Tenants.GetAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}/groups")).Body["data"]!["groups"]!.AsArray().ShouldBeEmpty();

        // Meta no longer knows the group: A answers Meta's refusal as Meta gave it.
        var (goneStatus, gone) = await Tenants.GetAsync(clientA, $"/v23.0/{groupId}?fields=subject");
        var (metaStatus, metaGone) = await Tenants.GetAsync(clientB, $"/v23.0/{groupId}?fields=subject");
        goneStatus.ShouldBe(metaStatus);
        gone.Code().ShouldBe(metaGone.Code());
        gone.Error()["message"]!.GetValue<string>().ShouldBe(metaGone.Error()["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task MetasPagesAreAsPagesAndMetasRefusalOfACursorIsAnsweredAsItIs()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var groupsOfA = $"/v23.0/{channel.PhoneNumberId}/groups";
        for (var i = 0; i < 3; i++)
        {
            (await Tenants.PostAsync(clientA, groupsOfA, new { messaging_product = "whatsapp", subject = $"Group {i}" })).Status.ShouldBe(HttpStatusCode.OK);
        }

        var (_, first) = await Tenants.GetAsync(clientA, groupsOfA + "?limit=2");
        first["paging"].ShouldNotBeNull(first.ToJsonString());
        var next = new Uri(first["paging"]!["next"]!.GetValue<string>());
        var (_, second) = await Tenants.GetAsync(clientA, next.PathAndQuery);
        var (badStatus, bad) = await Tenants.GetAsync(clientA, groupsOfA + "?after=not-a-cursor");
        var (metaStatus, metaBad) = await Tenants.GetAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}/groups?after=not-a-cursor");

        next.AbsolutePath.ShouldBe(groupsOfA);
        first["data"]!["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 0", "Group 1"]);
        second["data"]!["groups"]!.AsArray().Select(g => g!["subject"]!.GetValue<string>()).ShouldBe(["Group 2"]);
        second["paging"]!["next"].ShouldBeNull();
        badStatus.ShouldBe(metaStatus);
        bad.Code().ShouldBe(131059);
        bad.Error()["message"]!.GetValue<string>().ShouldBe(metaBad.Error()["message"]!.GetValue<string>());
    }
}
