using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Uploads;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary>
/// Issue 15 part 7 as stories: one profile picture for both dialects, the WhatsApp Business Profile object by its own
/// id, and the business account's computed <c>health_status</c> and read-only fields.
/// </summary>
public sealed class BusinessDetailsStoryTests : ParleyTest
{
    private const string ProfilePath = $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile";
    private const string WabaPath = $"/v23.0/{ParleyFactory.WabaId}";

    private async Task<string?> CloudPictureUrlAsync()
    {
        var (status, body) = await Tenants.GetAsync(Client, ProfilePath + "?fields=profile_picture_url");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["data"]![0]!["profile_picture_url"]?.GetValue<string>();
    }

    private async Task<string?> OneMsgPhotoAsync()
    {
        var (status, me) = await OneMsgClient.GetAsync(Client, "me");
        status.ShouldBe(HttpStatusCode.OK, me.ToJsonString());
        return me["photo"]?.GetValue<string>();
    }

    private async Task<byte[]> DownloadAsync(string url)
    {
        using var anonymous = Parley.CreateClient();
        using var response = await anonymous.GetAsync(new Uri(url).PathAndQuery);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task TheProfilePictureIsOneValueWhicheverDialectSetsIt()
    {
        (await CloudPictureUrlAsync()).ShouldBeNull();
        (await OneMsgPhotoAsync()).ShouldBeNull();

        // Set through 1msg: the Cloud API profile shows the same picture at the same URL.
        var fromOneMsg = UploadCalls.Png(400);
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "me",
            new JsonObject { ["photo"] = $"data:image/png;base64,{Convert.ToBase64String(fromOneMsg)}" }.ToJsonString());
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var cloudUrl = (await CloudPictureUrlAsync()).ShouldNotBeNull();
        (await OneMsgPhotoAsync()).ShouldBe(cloudUrl);
        (await DownloadAsync(cloudUrl)).ShouldBe(fromOneMsg);

        // Set through the Cloud API: 1msg's photo is the new picture.
        var fromCloud = UploadCalls.Png(700);
        var handle = await UploadCalls.UploadOkAsync(Client, fromCloud, "image/png");
        (await Tenants.PostAsync(Client, ProfilePath, new { messaging_product = "whatsapp", profile_picture_handle = handle })).Status.ShouldBe(HttpStatusCode.OK);
        var photo = (await OneMsgPhotoAsync()).ShouldNotBeNull();
        photo.ShouldBe(await CloudPictureUrlAsync());
        photo.ShouldNotBe(cloudUrl);
        (await DownloadAsync(photo)).ShouldBe(fromCloud);

        // The profile object by id shows it too.
        var (_, listed) = await Tenants.GetAsync(Client, ProfilePath + "?fields=id");
        var (_, node) = await Tenants.GetAsync(Client, $"/v23.0/{listed["data"]![0]!["id"]!.GetValue<string>()}?fields=profile_picture_url");
        node["profile_picture_url"]!.GetValue<string>().ShouldBe(photo);
    }

    [Fact]
    public async Task TheProfileObjectByIdReadsAndChangesTheNumbersProfile()
    {
        var (status, listed) = await Tenants.GetAsync(Client, ProfilePath + "?fields=id,about");
        status.ShouldBe(HttpStatusCode.OK, listed.ToJsonString());
        var id = listed["data"]![0]!["id"]!.GetValue<string>();
        id.ShouldMatch("^[0-9]+$");
        (await Tenants.GetAsync(Client, ProfilePath + "?fields=id")).Body["data"]![0]!["id"]!.GetValue<string>().ShouldBe(id, "the id is stable");

        var (_, node) = await Tenants.GetAsync(Client, $"/v23.0/{id}");
        node["id"]!.GetValue<string>().ShouldBe(id);
        node["account_name"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        node["vertical"]!.GetValue<string>().ShouldBe("UNDEFINED");
        node["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        node.ContainsKey("about").ShouldBeFalse("unset fields are left out");

        var (updated, answer) = await Tenants.PostAsync(Client, $"/v23.0/{id}",
            new { messaging_product = "whatsapp", account_name = "Lucky Shrub", about = "Plants delivered", vertical = "RETAIL" });
        updated.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        answer["id"]!.GetValue<string>().ShouldBe(id);
        answer["success"]!.GetValue<bool>().ShouldBeTrue();

        var (_, selected) = await Tenants.GetAsync(Client, $"/v23.0/{id}?fields=account_name,about");
        selected.ToJsonString().ShouldBe($$"""{"id":"{{id}}","account_name":"Lucky Shrub","about":"Plants delivered"}""");
        (await Tenants.GetAsync(Client, ProfilePath + "?fields=about,vertical")).Body["data"]![0]!["vertical"]!.GetValue<string>().ShouldBe("RETAIL");
        var (_, me) = await OneMsgClient.GetAsync(Client, "me");
        me["about"]!.GetValue<string>().ShouldBe("Plants delivered");
        me["vertical"]!.GetValue<string>().ShouldBe("Shopping and Retail");

        // Meta's errors, and nothing changed by them.
        foreach (var (json, details) in new[]
        {
            ($$"""{"messaging_product":"whatsapp","account_name":"{{new string('n', 76)}}"}""", "Param account_name must be between 1 and 75 characters long."),
            ("""{"messaging_product":"whatsapp","account_name":""}""", "Param account_name must be between 1 and 75 characters long."),
            ("""{"messaging_product":"whatsapp","about":""}""", "Param about must be between 1 and 139 characters long."),
            ("""{"account_name":"No product"}""", "The parameter messaging_product is required."),
            ("""{"messaging_product":"whatsapp","colour":"green"}""", "Param colour is not a field of the business profile."),
        })
        {
            var (refused, error) = await CloudApi.SendRawAsync(Client, json, $"/v23.0/{id}");
            refused.ShouldBe(HttpStatusCode.BadRequest, json);
            error.Code().ShouldBe(100);
            error.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe(details);
        }
        var (unknown, field) = await Tenants.GetAsync(Client, $"/v23.0/{id}?fields=about,secret");
        unknown.ShouldBe(HttpStatusCode.BadRequest);
        field.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Tried accessing nonexisting field (secret) on node type (WhatsAppBusinessProfile)");
        (await Tenants.GetAsync(Client, $"/v23.0/{id}?fields=account_name,about")).Body.ToJsonString().ShouldBe(selected.ToJsonString());

        // Another account's token does not reach it.
        var other = await Tenants.CreateAccountAsync(Admin, "Other Business");
        var (_, token) = await Tenants.IssueTokenAsync(Admin, accountId: other);
        using var otherClient = Parley.CreateChannelClient(token);
        var (foreign, foreignBody) = await Tenants.GetAsync(otherClient, $"/v23.0/{id}");
        foreign.ShouldBe(HttpStatusCode.BadRequest);
        foreignBody.Code().ShouldBe(100);
    }

    [Fact]
    public async Task TheBusinessAccountAnswersItsHealthAndRefusesReadOnlyFields()
    {
        var (status, body) = await Tenants.GetAsync(Client, WabaPath + "?fields=health_status");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var health = body["health_status"]!;
        health["can_send_message"]!.GetValue<string>().ShouldBe("AVAILABLE");
        var entities = health["entities"]!.AsArray();
        entities.ShouldContain(e => e!["entity_type"]!.GetValue<string>() == "WABA" && e["id"]!.GetValue<string>() == ParleyFactory.WabaId);
        entities.Single(e => e!["id"]!.GetValue<string>() == ParleyFactory.PhoneNumberId)!["can_send_message"]!.GetValue<string>().ShouldBe("AVAILABLE");

        (await Tenants.PostAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}/deregister", new { })).Status.ShouldBe(HttpStatusCode.OK);
        var number = (await Tenants.GetAsync(Client, WabaPath + "?fields=health_status")).Body["health_status"]!["entities"]!.AsArray()
            .Single(e => e!["id"]!.GetValue<string>() == ParleyFactory.PhoneNumberId)!;
        number["can_send_message"]!.GetValue<string>().ShouldBe("BLOCKED");
        number["errors"]![0]!["error_code"]!.GetValue<int>().ShouldBe(133010);

        foreach (var field in new[] { "currency", "account_review_status", "message_template_namespace" })
        {
            var (refused, error) = await Tenants.PostAsync(Client, WabaPath, new JsonObject { [field] = "X", ["name"] = "Renamed" });
            refused.ShouldBe(HttpStatusCode.BadRequest);
            error.Code().ShouldBe(100);
            error.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe($"Param {field} cannot be updated; a business account's name and timezone_id can.");
        }
        (await Tenants.GetAsync(Client, WabaPath)).Body["name"]!.GetValue<string>().ShouldNotBe("Renamed");
    }
}
