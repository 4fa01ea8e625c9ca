using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Flows;

/// <summary>
/// A flow's lifecycle through the Graph API: Flow JSON assets (validation errors listed and fixed, download), the web
/// preview, publishing (refused with errors, else a <c>FLOW_STATUS_CHANGE</c> webhook) and deprecating.
/// </summary>
public sealed class FlowsGraphLifecycleTests : SubscribedParleyTest
{
    [Fact]
    public async Task UploadingBrokenFlowJsonSavesItWithValidationErrorsAndAFixedUploadClearsThem()
    {
        var id = await FlowKit.CreateAsync(Client);

        var (brokenStatus, broken) = await FlowKit.UploadAsync(Client, id, FlowKit.BrokenJson);
        var (_, listed) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) + "?fields=validation_errors");
        var (fixedStatus, fixedBody) = await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);

        brokenStatus.ShouldBe(HttpStatusCode.OK, broken.ToJsonString());
        broken["success"]!.GetValue<bool>().ShouldBeTrue(); // saved even with errors: they stop publishing only
        var error = broken["validation_errors"]![0]!.AsObject();
        error.Select(p => p.Key).ShouldBe(["error", "error_type", "message", "line_start", "line_end", "column_start", "column_end"]);
        listed["validation_errors"]!.AsArray().Count.ShouldBe(broken["validation_errors"]!.AsArray().Count);
        fixedStatus.ShouldBe(HttpStatusCode.OK);
        fixedBody["validation_errors"]!.AsArray().ShouldBeEmpty();
        (await FlowKit.GetStoredAsync(Parley, id))!.ValidationErrors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("flow.json", "IMAGE")]
    [InlineData("other.json", "FLOW_JSON")]
    public async Task AnAssetThatIsNotTheFlowJsonIsRefusedWith100(string name, string assetType)
    {
        var id = await FlowKit.CreateAsync(Client);

        var (status, body) = await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson, name, assetType);

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(100);
        (await FlowKit.GetStoredAsync(Parley, id))!.FlowJson.ShouldBeNull();
    }

    [Fact]
    public async Task AnUploadWithoutAFileIsRefusedWith100()
    {
        var id = await FlowKit.CreateAsync(Client);
        using var form = new MultipartFormDataContent { { new StringContent("flow.json"), "name" }, { new StringContent("FLOW_JSON"), "asset_type" } };

        using var response = await Client.PostAsync(FlowKit.FlowPath(id, "assets"), form);
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task TheAssetListGivesADownloadUrlThatServesTheFlowJsonWithoutAToken()
    {
        var id = await FlowKit.CreateAsync(Client);
        var (_, empty) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id, "assets"));
        await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);

        var (status, assets) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id, "assets"));

        empty["data"]!.AsArray().ShouldBeEmpty();
        status.ShouldBe(HttpStatusCode.OK, assets.ToJsonString());
        var asset = assets["data"]![0]!;
        asset["name"]!.GetValue<string>().ShouldBe("flow.json");
        asset["asset_type"]!.GetValue<string>().ShouldBe("FLOW_JSON");
        assets["paging"]!["cursors"]!["after"].ShouldNotBeNull();
        var url = new Uri(asset["download_url"]!.GetValue<string>());
        using var anonymous = Parley.CreateClient();
        (await anonymous.GetStringAsync(url.PathAndQuery)).ShouldBe(FlowKit.SignUpJson);
        using var forged = await anonymous.GetAsync(url.PathAndQuery.Replace("signature=", "signature=0", StringComparison.Ordinal));
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ThePreviewUrlShowsTheScreensEscapedAndInvalidatingItMakesANewOne()
    {
        var id = await FlowKit.CreateAsync(Client);
        await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);

        var (status, first) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) + "?fields=preview.invalidate(false)");
        var (_, same) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) + "?fields=preview");
        var (_, renewed) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) + "?fields=preview.invalidate(true)");

        status.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        first.Select(p => p.Key).ShouldBe(["id", "preview"]);
        var firstUrl = new Uri(first["preview"]!["preview_url"]!.GetValue<string>());
        first["preview"]!["expires_at"]!.GetValue<string>().ShouldEndWith("+0000");
        same["preview"]!["preview_url"]!.GetValue<string>().ShouldBe(firstUrl.ToString());
        var renewedUrl = new Uri(renewed["preview"]!["preview_url"]!.GetValue<string>());
        renewedUrl.ShouldNotBe(firstUrl);
        using var anonymous = Parley.CreateClient();
        var page = await anonymous.GetStringAsync(renewedUrl.PathAndQuery);
        page.ShouldContain("Welcome &lt;b&gt;in&lt;/b&gt;");
        page.ShouldContain("Join &amp; save");
        page.ShouldContain("Your email");
        page.ShouldContain("TextInput");
        page.ShouldNotContain("<b>in</b>");
        using var old = await anonymous.GetAsync(firstUrl.PathAndQuery);
        old.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var wrong = await anonymous.GetAsync($"/flows/{id}/preview?token=guess");
        wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishingWithValidationErrorsIsRefusedWith139002AndTheFlowStaysADraft()
    {
        var id = await FlowKit.CreateAsync(Client);
        await FlowKit.UploadAsync(Client, id, FlowKit.BrokenJson);

        var (status, body) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(id, "publish"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(139002);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("validation errors");
        (await FlowKit.GetStoredAsync(Parley, id))!.Status.ShouldBe(FlowStatuses.Draft);
    }

    [Fact]
    public async Task PublishingSendsAFlowStatusChangeWebhookAndThePublishedFlowIsImmutable()
    {
        var id = await FlowKit.CreateAsync(Client);
        await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);

        var (status, body) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(id, "publish"));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var change = await FlowChangeAsync(id, "PUBLISHED");
        change.Entry["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        change.Value["event"]!.GetValue<string>().ShouldBe("FLOW_STATUS_CHANGE");
        change.Value["old_status"]!.GetValue<string>().ShouldBe("DRAFT");
        var (uploadStatus, upload) = await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);
        uploadStatus.ShouldBe(HttpStatusCode.BadRequest);
        upload.Code().ShouldBe(139001);
        var (againStatus, again) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(id, "publish"));
        againStatus.ShouldBe(HttpStatusCode.BadRequest);
        again.Code().ShouldBe(139002);
    }

    [Fact]
    public async Task DeprecatingADraftIsRefusedWith139003AndAPublishedFlowIsDeprecatedWithItsWebhook()
    {
        var draft = await FlowKit.CreateAsync(Client, "Draft");
        var published = await FlowKit.CreatePublishedAsync(Client, "Live");

        var (draftStatus, draftBody) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(draft, "deprecate"));
        var (status, body) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(published, "deprecate"));
        var (againStatus, again) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(published, "deprecate"));

        draftStatus.ShouldBe(HttpStatusCode.BadRequest);
        draftBody.Code().ShouldBe(139003);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        againStatus.ShouldBe(HttpStatusCode.BadRequest);
        again.Code().ShouldBe(139003);
        (await FlowKit.GetStoredAsync(Parley, published))!.Status.ShouldBe(FlowStatuses.Deprecated);
        (await FlowChangeAsync(published, "DEPRECATED")).Value["old_status"]!.GetValue<string>().ShouldBe("PUBLISHED");
    }

    [Fact]
    public async Task FlowEdgesOfAnotherKindOfObjectAreUnknown()
    {
        var (status, body) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(ParleyFactory.PhoneNumberId, "publish"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
    }

    /// <summary>The <c>flows</c> change of the flow's move to <paramref name="newStatus"/>, once the receiver has it.</summary>
    private async Task<(JsonObject Entry, JsonObject Value)> FlowChangeAsync(string flowId, string newStatus)
    {
        IEnumerable<(JsonObject Entry, JsonObject Value)> Changes() =>
            Receiver.Received.SelectMany(r => r.Json["entry"]!.AsArray().Select(e => e!.AsObject()))
                .SelectMany(e => e["changes"]!.AsArray().Where(c => c!["field"]!.GetValue<string>() == "flows").Select(c => (e, c!["value"]!.AsObject())))
                .Where(c => c.Item2["flow_id"]!.GetValue<string>() == flowId && c.Item2["new_status"]!.GetValue<string>() == newStatus);
        var found = await Eventually.Get(() => Changes().ToList(), list => list.Count > 0);
        found.Count.ShouldBe(1);
        return found[0];
    }
}
