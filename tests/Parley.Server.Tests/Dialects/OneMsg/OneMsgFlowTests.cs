using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.OneMsg;

/// <summary>
/// 1msg's flow methods (seed 000 "WhatsApp Flows"): create, list and describe a flow, choose the fields, change its
/// metadata and its Flow JSON, and preview it, in 1msg's camelCase shapes, with every error in 1msg's <c>{"error"}</c>.
/// </summary>
public sealed class OneMsgFlowTests : ParleyTest
{
    [Fact]
    public async Task CreatingAFlowAnswersItsIdAndTheFlowIsListedAndDescribedAsADraft()
    {
        var (status, created) = await OneMsgFlowClient.PostAsync(Client, "flows", """{"name":"Sign up","categories":["SIGN_UP","SURVEY"]}""");

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var id = created["id"]!.GetValue<string>();
        created["success"]!.GetValue<bool>().ShouldBeTrue();
        created.ContainsKey("flowJson").ShouldBeFalse();
        created.ContainsKey("publish").ShouldBeFalse();
        var (_, list) = await OneMsgFlowClient.GetAsync(Client, "flows");
        list["count"]!.GetValue<int>().ShouldBe(1);
        list["total"]!.GetValue<int>().ShouldBe(1);
        list["paging"]!.AsObject().ShouldBeEmpty();
        var listed = list["items"]!.AsArray().Single()!.AsObject();
        listed["id"]!.GetValue<string>().ShouldBe(id);
        listed["name"]!.GetValue<string>().ShouldBe("Sign up");
        listed["status"]!.GetValue<string>().ShouldBe("DRAFT");
        listed.ContainsKey("preview").ShouldBeFalse();
        var details = await OneMsgFlowClient.DetailsAsync(Client, id);
        details.Select(p => p.Key).ShouldBe(
            ["id", "name", "status", "categories", "validationErrors", "jsonVersion", "dataApiVersion", "endpointUri", "dataChannelUri", "preview", "whatsappBusinessAccount"]);
        details["status"]!.GetValue<string>().ShouldBe("DRAFT");
        details["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["SIGN_UP", "SURVEY"]);
        details["validationErrors"]!.AsArray().ShouldBeEmpty();
        details["jsonVersion"].ShouldBeNull();
        details["endpointUri"].ShouldBeNull();
        details["preview"]!["previewUrl"]!.GetValue<string>().ShouldContain($"/flows/{id}/preview?token=");
        details["preview"]!["expiresAt"]!.GetValue<string>().ShouldEndWith("+0000");
        details["whatsappBusinessAccount"]!["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
    }

    [Fact]
    public async Task AMultipartCreateTakesACommaListOfCategoriesAndTheFlowJsonAsAFile()
    {
        using var content = OneMsgFlowClient.Multipart(
            new Dictionary<string, string> { ["name"] = "Feedback", ["categories"] = "SURVEY, OTHER", ["endpointUri"] = "https://example.com/flow" },
            OneMsgFlowClient.ValidFlowJson);

        var (status, created) = await OneMsgFlowClient.SendAsync(Client, HttpMethod.Post, "flows", content);

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created["flowJson"]!["success"]!.GetValue<bool>().ShouldBeTrue();
        created["flowJson"]!["validationErrors"]!.AsArray().ShouldBeEmpty();
        var details = await OneMsgFlowClient.DetailsAsync(Client, created["id"]!.GetValue<string>());
        details["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["SURVEY", "OTHER"]);
        details["jsonVersion"]!.GetValue<string>().ShouldBe("7.2");
        details["endpointUri"]!.GetValue<string>().ShouldBe("https://example.com/flow");
    }

    [Fact]
    public async Task AFlowJsonWithErrorsIsSavedAndItsValidationErrorsAreAnsweredInCamelCase()
    {
        var request = new JsonObject { ["name"] = "Broken", ["categories"] = "OTHER", ["flowJson"] = OneMsgFlowClient.BrokenFlowJson };

        var (status, created) = await OneMsgFlowClient.PostAsync(Client, "flows", request.ToJsonString());

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created["success"]!.GetValue<bool>().ShouldBeTrue();
        var error = created["flowJson"]!["validationErrors"]!.AsArray().First()!.AsObject();
        error.Select(p => p.Key).ShouldBe(["error", "errorType", "message", "lineStart", "lineEnd", "columnStart", "columnEnd"]);
        error["lineStart"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var details = await OneMsgFlowClient.DetailsAsync(Client, created["id"]!.GetValue<string>());
        details["validationErrors"]!.AsArray().ShouldNotBeEmpty();
        details["status"]!.GetValue<string>().ShouldBe("DRAFT");
    }

    [Theory]
    [InlineData("""{"categories":["SIGN_UP"]}""", "(#100)")]
    [InlineData("""{"name":"  ","categories":["SIGN_UP"]}""", "(#100)")]
    [InlineData("""{"name":"Sign up"}""", "(#100)")]
    [InlineData("""{"name":"Sign up","categories":[]}""", "(#100)")]
    [InlineData("""{"name":"Sign up","categories":["BOOKING"]}""", "(#100)")]
    [InlineData("""{"name":"Sign up","categories":"SIGN_UP,booking"}""", "(#100)")]
    [InlineData("""{"name":"Sign up","categories":[1]}""", "(#131009)")]
    [InlineData("""{"name":"Sign up","categories":["SIGN_UP"],"endpointUri":"not a url"}""", "(#100)")]
    [InlineData("""{"name":"Sign up","categories":["SIGN_UP"],"publish":"maybe"}""", "(#131009)")]
    [InlineData("""{"name":"Sign up","categories":["SIGN_UP"],"flowJson":42}""", "(#131009)")]
    [InlineData("""{"name":["Sign up"],"categories":["SIGN_UP"]}""", "(#131009)")]
    [InlineData("""{"name":"Sign up","categories":["SIGN_UP"],"cloneFlowId":"999999"}""", "(#100)")]
    public async Task ACreateCallWithABadBodyIsRefusedInOneMsgsFormatAndCreatesNothing(string json, string code)
    {
        var error = OneMsgGroupClient.ErrorOf(await OneMsgFlowClient.PostAsync(Client, "flows", json));

        error.ShouldStartWith(code);
        (await OneMsgFlowClient.TotalAsync(Client)).ShouldBe(0);
    }

    [Fact]
    public async Task ASecondFlowWithTheSameNameIsRefusedAsNotUnique()
    {
        await OneMsgFlowClient.CreateAsync(Client, "Sign up");

        var error = OneMsgGroupClient.ErrorOf(await OneMsgFlowClient.PostAsync(Client, "flows", """{"name":"Sign up","categories":"OTHER"}"""));

        error.ShouldStartWith("(#100)");
        error.ShouldContain("Flow name is not unique");
        (await OneMsgFlowClient.TotalAsync(Client)).ShouldBe(1);
    }

    [Fact]
    public async Task ACloneStartsWithTheSourceFlowsJson()
    {
        var source = await OneMsgFlowClient.CreateAsync(Client, "Source", OneMsgFlowClient.ValidFlowJson);

        var (status, created) = await OneMsgFlowClient.PostAsync(Client, "flows", new JsonObject { ["name"] = "Copy", ["categories"] = "OTHER", ["cloneFlowId"] = source }.ToJsonString());

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        (await OneMsgFlowClient.DetailsAsync(Client, created["id"]!.GetValue<string>()))["jsonVersion"]!.GetValue<string>().ShouldBe("7.2");
    }

    [Fact]
    public async Task FieldsChooseWhatIsAnsweredInEitherSpellingAndAnUnknownFieldIsRefused()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up", OneMsgFlowClient.ValidFlowJson);

        var (_, list) = await OneMsgFlowClient.GetAsync(Client, "flows", "&fields=name,status");
        var details = await OneMsgFlowClient.DetailsAsync(Client, id, "&fields=json_version,validationErrors");
        var unknown = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}", "&fields=name,owner");

        list["items"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "name", "status"]);
        details.Select(p => p.Key).ShouldBe(["id", "validationErrors", "jsonVersion"]);
        details["jsonVersion"]!.GetValue<string>().ShouldBe("7.2");
        OneMsgGroupClient.ErrorOf(unknown).ShouldStartWith("(#100)");
    }

    [Fact]
    public async Task LimitAndOffsetTakeAPartOfTheListAndTotalCountsEveryFlow()
    {
        foreach (var name in new[] { "First", "Second", "Third" })
        {
            await OneMsgFlowClient.CreateAsync(Client, name);
        }

        var (_, first) = await OneMsgFlowClient.GetAsync(Client, "flows", "&limit=2");
        var (_, rest) = await OneMsgFlowClient.GetAsync(Client, "flows", "&limit=2&offset=2");
        var bad = await OneMsgFlowClient.GetAsync(Client, "flows", "&limit=0");

        first["items"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["First", "Second"]);
        first["count"]!.GetValue<int>().ShouldBe(2);
        first["total"]!.GetValue<int>().ShouldBe(3);
        first["paging"]!["limit"]!.GetValue<int>().ShouldBe(2);
        rest["items"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["Third"]);
        OneMsgGroupClient.ErrorOf(bad).ShouldStartWith("(#131009)");
    }

    [Fact]
    public async Task MetadataChangesTheNameCategoriesAndEndpointOfADraft()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up");
        await OneMsgFlowClient.CreateAsync(Client, "Taken");

        var (status, body) = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/metadata",
            """{"name":"Register","categories":["LEAD_GENERATION"],"endpointUri":"https://example.com/endpoint"}""");
        var changed = await OneMsgFlowClient.DetailsAsync(Client, id);
        var removed = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/metadata", """{"endpointUri":""}""");
        var empty = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/metadata", "{}");
        var taken = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/metadata", """{"name":"Taken"}""");
        var badCategory = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/metadata", """{"categories":"SIGN_UP,NOPE"}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe("""{"success":true}""");
        changed["name"]!.GetValue<string>().ShouldBe("Register");
        changed["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["LEAD_GENERATION"]);
        changed["endpointUri"]!.GetValue<string>().ShouldBe("https://example.com/endpoint");
        removed.Status.ShouldBe(HttpStatusCode.OK);
        (await OneMsgFlowClient.DetailsAsync(Client, id))["endpointUri"].ShouldBeNull();
        OneMsgGroupClient.ErrorOf(empty).ShouldStartWith("(#131008)");
        OneMsgGroupClient.ErrorOf(taken).ShouldContain("Flow name is not unique");
        OneMsgGroupClient.ErrorOf(badCategory).ShouldStartWith("(#100)");
        (await OneMsgFlowClient.DetailsAsync(Client, id))["name"]!.GetValue<string>().ShouldBe("Register");
    }

    [Fact]
    public async Task AssetsReplaceTheFlowJsonAsAnObjectOrAFileAndAnswerItsValidationErrors()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up");

        var asObject = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/assets",
            new JsonObject { ["flowJson"] = JsonNode.Parse(OneMsgFlowClient.ValidFlowJson) }.ToJsonString());
        var version = (await OneMsgFlowClient.DetailsAsync(Client, id))["jsonVersion"]!.GetValue<string>();
        using var file = OneMsgFlowClient.Multipart(new Dictionary<string, string>(), OneMsgFlowClient.BrokenFlowJson);
        var (status, broken) = await OneMsgFlowClient.SendAsync(Client, HttpMethod.Patch, $"flows/{id}/assets", file);
        var missing = await OneMsgFlowClient.PatchAsync(Client, $"flows/{id}/assets", "{}");

        asObject.Status.ShouldBe(HttpStatusCode.OK, asObject.Body.ToJsonString());
        asObject.Body.ToJsonString().ShouldBe("""{"success":true,"validationErrors":[]}""");
        version.ShouldBe("7.2");
        status.ShouldBe(HttpStatusCode.OK, broken.ToJsonString());
        broken["success"]!.GetValue<bool>().ShouldBeTrue();
        broken["validationErrors"]!.AsArray().ShouldNotBeEmpty();
        (await OneMsgFlowClient.DetailsAsync(Client, id))["validationErrors"]!.AsArray().ShouldNotBeEmpty();
        OneMsgGroupClient.ErrorOf(missing).ShouldStartWith("(#131008)");
    }

    [Fact]
    public async Task APreviewKeepsItsUrlUntilInvalidated()
    {
        var id = await OneMsgFlowClient.CreateAsync(Client, "Sign up", OneMsgFlowClient.ValidFlowJson);

        var (status, first) = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}/preview");
        var (_, again) = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}/preview", "&invalidate=false");
        var (_, renewed) = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}/preview", "&invalidate=true");
        var bad = await OneMsgFlowClient.GetAsync(Client, $"flows/{id}/preview", "&invalidate=maybe");

        status.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        first["id"]!.GetValue<string>().ShouldBe(id);
        var url = first["preview"]!["previewUrl"]!.GetValue<string>();
        url.ShouldStartWith("http://localhost/flows/" + id + "/preview?token=");
        again["preview"]!["previewUrl"]!.GetValue<string>().ShouldBe(url);
        renewed["preview"]!["previewUrl"]!.GetValue<string>().ShouldNotBe(url);
        (await OneMsgFlowClient.DetailsAsync(Client, id))["preview"]!["previewUrl"]!.GetValue<string>().ShouldBe(renewed["preview"]!["previewUrl"]!.GetValue<string>());
        OneMsgGroupClient.ErrorOf(bad).ShouldStartWith("(#131009)");
    }
}
