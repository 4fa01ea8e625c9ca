using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;
using SkiaSharp;

namespace Parley.Server.Tests.Groups;

/// <summary><c>GET|POST|DELETE /{group-id}</c>: a group's fields, its settings and picture, and deleting it.</summary>
public sealed class GroupObjectsTests : ParleyTest
{
    [Fact]
    public async Task AGroupWithoutFieldsAnswersOnlyItsIdAndMessagingProduct()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.Select(p => p.Key).Order().ShouldBe(["id", "messaging_product"]);
        body["id"]!.GetValue<string>().ShouldBe(groupId);
    }

    [Fact]
    public async Task AGroupAnswersTheFieldsAskedForWithItsParticipants()
    {
        var groupId = await GroupKit.CreateAsync(Client, "Watch Enthusiasts", JoinApprovalModes.ApprovalRequired);
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505551234");
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505555678");

        var (status, body) = await Tenants.GetAsync(Client,
            GroupKit.GroupPath(groupId) + "?fields=subject,description,participants,total_participant_count,join_approval_mode,suspended,creation_timestamp");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["subject"]!.GetValue<string>().ShouldBe("Watch Enthusiasts");
        body["description"]!.GetValue<string>().ShouldBe("Timepieces");
        body["join_approval_mode"]!.GetValue<string>().ShouldBe("approval_required");
        body["suspended"]!.GetValue<bool>().ShouldBeFalse();
        body["creation_timestamp"]!.GetValue<long>().ShouldBeGreaterThan(0);
        body["total_participant_count"]!.GetValue<int>().ShouldBe(2);
        body["participants"]!.AsArray().Select(p => p!["wa_id"]!.GetValue<string>()).ShouldBe(["16505551234", "16505555678"]);
    }

    [Fact]
    public async Task AnUnknownFieldIsRefusedAsGraphRefusesIt()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=subject,invite_link");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("nonexisting field (invite_link)");
    }

    [Fact]
    public async Task UpdatingTheSubjectAndDescriptionChangesTheGroup()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId),
            new { messaging_product = "whatsapp", subject = "  Watch Collectors  ", description = "Vintage only" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var (_, group) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=subject,description");
        group["subject"]!.GetValue<string>().ShouldBe("Watch Collectors");
        group["description"]!.GetValue<string>().ShouldBe("Vintage only");
    }

    [Theory]
    [InlineData("""{"messaging_product":"whatsapp","subject":7}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","description":["x"]}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp","subject":"   "}""", 100)]
    [InlineData("""{"subject":"New"}""", 100)]
    [InlineData("""{"messaging_product":"whatsapp"}""", 131008)]
    public async Task AnUpdateWithABadBodyIsRefusedAndChangesNothing(string json, int code)
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId), JsonNode.Parse(json)!);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(code);
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=subject")).Body["subject"]!.GetValue<string>().ShouldBe("Watch Enthusiasts");
    }

    [Fact]
    public async Task ASquareJpegBecomesTheGroupPictureStoredAsMediaOfTheNumber()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        var jpeg = GroupKit.Image(640, 640);

        var (status, body) = await GroupKit.PostPictureAsync(Client, groupId, jpeg);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var mediaId = (await GroupKit.GetStoredAsync(Parley, groupId))!.PictureMediaId;
        mediaId.ShouldNotBeNull();
        var media = (await Parley.Services.GetRequiredService<IMediaStore>().GetAsync(mediaId, CancellationToken.None))!;
        media.ChannelId.ShouldBe(ParleyFactory.PhoneNumberId);
        media.MimeType.ShouldBe("image/jpeg");
        media.FileSize.ShouldBe(jpeg.Length);
        media.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)));
    }

    [Theory]
    [InlineData(400, 300, 131209)]
    [InlineData(120, 120, 131210)]
    public async Task APictureThatIsNotSquareOrIsTooSmallIsRefusedWithMetasCode(int width, int height, int code)
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await GroupKit.PostPictureAsync(Client, groupId, GroupKit.Image(width, height));

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(code);
        (await GroupKit.GetStoredAsync(Parley, groupId))!.PictureMediaId.ShouldBeNull();
    }

    [Fact]
    public async Task APictureThatIsNotAJpegIsRefused()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await GroupKit.PostPictureAsync(Client, groupId, GroupKit.Image(256, 256, SKEncodedImageFormat.Png), "image/png");
        var (lyingStatus, lying) = await GroupKit.PostPictureAsync(Client, groupId, GroupKit.Image(256, 256, SKEncodedImageFormat.Png), "image/jpeg");

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131053);
        lyingStatus.ShouldBe(HttpStatusCode.BadRequest, lying.ToJsonString());
        lying.Code().ShouldBe(131053);
        (await GroupKit.GetStoredAsync(Parley, groupId))!.PictureMediaId.ShouldBeNull();
    }

    [Fact]
    public async Task ADeletedGroupAnswers131041ToItsOwnerAndLeavesTheList()
    {
        var groupId = await GroupKit.CreateAsync(Client);

        var (status, body) = await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var (getStatus, get) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=subject");
        getStatus.ShouldBe(HttpStatusCode.BadRequest);
        get.Code().ShouldBe(131041);
        (await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(groupId))).Body.Code().ShouldBe(131041);
        (await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId), new { messaging_product = "whatsapp", subject = "Back" })).Body.Code().ShouldBe(131041);
        (await Tenants.GetAsync(Client, GroupKit.GroupsPath())).Body["data"]!["groups"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AGroupIdTheNumberNeverHadAnswers131041()
    {
        var groupId = GroupIds.New(ParleyFactory.PhoneNumberId);

        var (status, body) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId));

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131041);
    }

    [Fact]
    public async Task AnotherNumbersTokenGetsGraphsUnknownObjectErrorForAGroupLiveOrDeleted()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        var deletedId = await GroupKit.CreateAsync(Client, "Gone");
        (await GroupKit.SendAsync(Client, HttpMethod.Delete, GroupKit.GroupPath(deletedId))).Status.ShouldBe(HttpStatusCode.OK);
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var stranger = Parley.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", other.Token);

        foreach (var id in new[] { groupId, deletedId })
        {
            var (status, body) = await Tenants.GetAsync(stranger, GroupKit.GroupPath(id) + "?fields=subject");
            status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
            body.Code().ShouldBe(100);
            body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        }
        var (deleteStatus, _) = await GroupKit.SendAsync(stranger, HttpMethod.Delete, GroupKit.GroupPath(groupId));
        deleteStatus.ShouldBe(HttpStatusCode.BadRequest);
        (await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=subject")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ASuspendedGroupCannotBeChangedButShowsSuspended()
    {
        var groupId = await GroupKit.CreateAsync(Client);
        await GroupKit.SuspendAsync(Parley, groupId);

        var (status, body) = await Tenants.PostAsync(Client, GroupKit.GroupPath(groupId), new { messaging_product = "whatsapp", subject = "New" });
        var (_, group) = await Tenants.GetAsync(Client, GroupKit.GroupPath(groupId) + "?fields=suspended,subject");

        status.ShouldBe(HttpStatusCode.Forbidden, body.ToJsonString());
        body.Code().ShouldBe(131207);
        group["suspended"]!.GetValue<bool>().ShouldBeTrue();
        group["subject"]!.GetValue<string>().ShouldBe("Watch Enthusiasts");
    }
}
