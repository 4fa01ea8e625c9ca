using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// 1msg's <c>/templates</c>, <c>/addTemplate</c> and <c>/removeTemplate</c> (seed 000 "Templates") over the same
/// templates as the Cloud API's <c>/{version}/{waba-id}/message_templates</c>.
/// </summary>
public sealed class OneMsgTemplateTests : ParleyTest
{
    private static async Task<List<JsonObject>> CloudTemplatesAsync(HttpClient client)
    {
        var (status, body) = await TemplateApi.GetAsync(client, TemplateApi.TemplatesPath + "?limit=1000");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return [.. body["data"]!.AsArray().Select(t => t!.AsObject())];
    }

    private async Task<JsonObject> OneMsgTemplatesAsync(string query = "")
    {
        var (status, body) = await OneMsgClient.GetAsync(Client, "templates", query);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task ATemplateAddedThroughOneMsgIsPendingInTheCloudApiAndSendableOnceApproved()
    {
        var (status, added) = await OneMsgClient.PostJsonAsync(Client, "addTemplate", OneMsgSendTests.StartTemplate().ToJsonString());
        status.ShouldBe(HttpStatusCode.OK, added.ToJsonString());
        added["name"]!.GetValue<string>().ShouldBe("start");
        added["status"]!.GetValue<string>().ShouldBe("pending");
        added["namespace"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var id = added["id"]!.GetValue<string>();

        var cloud = (await CloudTemplatesAsync(Client)).Single(t => t["id"]!.GetValue<string>() == id);
        cloud["name"]!.GetValue<string>().ShouldBe("start");
        cloud["language"]!.GetValue<string>().ShouldBe("en");
        cloud["category"]!.GetValue<string>().ShouldBe("MARKETING");
        cloud["status"]!.GetValue<string>().ShouldBe("PENDING");

        await TemplateApi.SetStatusAsync(Client, id, "APPROVED");
        var listed = (await OneMsgTemplatesAsync())["templates"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;
        listed["status"]!.GetValue<string>().ShouldBe("approved");
        listed["rejected_reason"]!.GetValue<string>().ShouldBe("NONE");
        await OneMsgClient.SentAsync(Client, "sendTemplate", $$"""{"phone":"12020721369","namespace":"{{listed["namespace"]}}","template":"start","language":{"policy":"deterministic","code":"en"},"params":[{"type":"body","parameters":[{"type":"text","text":"John"}]},{"type":"button","sub_type":"coupon_code","index":0,"parameters":[{"type":"coupon_code","coupon_code":"SAVE10"}]}]}""");
    }

    [Fact]
    public async Task ATemplateCreatedThroughTheCloudApiIsListedByOneMsgWithItsComponents()
    {
        var id = await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
        var body = await OneMsgTemplatesAsync();
        var templates = body["templates"]!.AsArray();
        body["total"]!.GetValue<int>().ShouldBe(templates.Count);
        var order = templates.Single(t => t!["id"]!.GetValue<string>() == id)!;
        order["name"]!.GetValue<string>().ShouldBe("order_confirmation");
        order["language"]!.GetValue<string>().ShouldBe("en_US");
        order["category"]!.GetValue<string>().ShouldBe("UTILITY");
        order["status"]!.GetValue<string>().ShouldBe("pending");
        order["components"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()).ShouldBe(["HEADER", "BODY", "FOOTER", "BUTTONS"]);
        templates.Select(t => t!["namespace"]!.GetValue<string>()).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task TheListPagesWithLimitOffsetAndSort()
    {
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation("b_order"));
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation("a_order"));
        var all = await OneMsgTemplatesAsync("&sort=name");
        var names = all["templates"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        names.ShouldBe([.. names.Order(StringComparer.Ordinal)]);
        names.ShouldContain("a_order");

        var page = await OneMsgTemplatesAsync("&sort=name&limit=1&offset=1");
        page["total"]!.GetValue<int>().ShouldBe(names.Count);
        page["templates"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe(names[1]);

        var (status, bad) = await OneMsgClient.GetAsync(Client, "templates", "&sort=size");
        status.ShouldBe(HttpStatusCode.BadRequest, bad.ToJsonString());
        bad["error"]!.GetValue<string>().ShouldContain("sort");
    }

    [Fact]
    public async Task AddTemplateAppliesTheCloudApisRulesInOneMsgsErrorFormat()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "addTemplate", """{"name":"Bad Name","category":"UTILITY","language":"en","components":[{"type":"BODY","text":"Hi"}]}""");
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldStartWith("(#100)");

        (await OneMsgClient.PostJsonAsync(Client, "addTemplate", OneMsgSendTests.StartTemplate().ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        var (duplicateStatus, duplicate) = await OneMsgClient.PostJsonAsync(Client, "addTemplate", OneMsgSendTests.StartTemplate().ToJsonString());
        duplicateStatus.ShouldBe(HttpStatusCode.BadRequest, duplicate.ToJsonString());
        duplicate["error"]!.GetValue<string>().ShouldContain("Already Exists");
    }

    [Fact]
    public async Task AddTemplateTakesAFormWithComponentsAsJson()
    {
        var components = Uri.EscapeDataString("""[{"type":"BODY","text":"Your parcel is on its way."}]""");
        var (status, body) = await OneMsgClient.PostFormAsync(Client, "addTemplate", $"name=parcel_update&category=UTILITY&language=en_US&components={components}");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        (await CloudTemplatesAsync(Client)).ShouldContain(t => t["name"]!.GetValue<string>() == "parcel_update");
    }

    [Fact]
    public async Task RemoveTemplateDeletesEveryLanguageForBothDialects()
    {
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation());
        await TemplateApi.CreateOkAsync(Client, TemplateApi.OrderConfirmation(language: "pt_BR"));

        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "removeTemplate", """{"name":"order_confirmation"}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["result"]!.GetValue<string>().ShouldBe("success");
        (await CloudTemplatesAsync(Client)).ShouldNotContain(t => t["name"]!.GetValue<string>() == "order_confirmation");
        (await OneMsgTemplatesAsync())["templates"]!.AsArray().ShouldNotContain(t => t!["name"]!.GetValue<string>() == "order_confirmation");

        var (againStatus, again) = await OneMsgClient.PostJsonAsync(Client, "removeTemplate", """{"name":"order_confirmation"}""");
        againStatus.ShouldBe(HttpStatusCode.BadRequest, again.ToJsonString());
        again["error"]!.GetValue<string>().ShouldContain("could not be found");
    }

    [Fact]
    public async Task ATemplateDeletedThroughTheCloudApiIsGoneFromOneMsg()
    {
        (await OneMsgClient.PostJsonAsync(Client, "addTemplate", OneMsgSendTests.StartTemplate().ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        (await TemplateApi.DeleteAsync(Client, "name=start")).Status.ShouldBe(HttpStatusCode.OK);
        (await OneMsgTemplatesAsync())["templates"]!.AsArray().ShouldNotContain(t => t!["name"]!.GetValue<string>() == "start");
    }
}
