using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Flows;

/// <summary>
/// The Flows API of the Cloud API dialect: <c>/{waba-id}/flows</c> (create, list), flows by id (fields, metadata
/// updates, delete) and <c>/{waba-id}/migrate_flows</c>, each with Meta's answers and errors.
/// </summary>
public sealed class FlowsGraphApiTests : ParleyTest
{
    [Fact]
    public async Task CreatingAFlowAnswersItsIdAndItIsADraftWithTheDefaultFields()
    {
        var (status, created) = await Tenants.PostAsync(Client, FlowKit.FlowsPath(), new { name = "  Sign up  ", categories = new[] { "SIGN_UP", "OTHER" } });

        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created.Count.ShouldBe(1); // just {"id"} without flow_json
        var id = created["id"]!.GetValue<string>();
        var (getStatus, flow) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id));
        getStatus.ShouldBe(HttpStatusCode.OK, flow.ToJsonString());
        flow.Select(p => p.Key).ShouldBe(["id", "name", "status", "categories", "validation_errors"]);
        flow["name"]!.GetValue<string>().ShouldBe("Sign up");
        flow["status"]!.GetValue<string>().ShouldBe("DRAFT");
        flow["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["SIGN_UP", "OTHER"]);
        flow["validation_errors"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task CreatingFromAFormWithCategoriesAsAJsonStringAndAFlowJsonAnswersValidationErrors()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Broken", ["categories"] = """["SURVEY"]""", ["flow_json"] = FlowKit.BrokenJson,
        });
        using var response = await Client.PostAsync(FlowKit.FlowsPath(), form);
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        body["validation_errors"]!.AsArray().ShouldNotBeEmpty();
        var stored = (await FlowKit.GetStoredAsync(Parley, body["id"]!.GetValue<string>()))!;
        stored.FlowJson.ShouldBe(FlowKit.BrokenJson); // kept as written, so errors point at its lines
        stored.Categories.ShouldBe(["SURVEY"]);
    }

    [Fact]
    public async Task CreatingWithValidFlowJsonAndPublishPublishesAtOnce()
    {
        var (status, body) = await Tenants.PostAsync(Client, FlowKit.FlowsPath(),
            new { name = "Published at once", categories = new[] { "OTHER" }, flow_json = FlowKit.SignUpJson, publish = true });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        body["validation_errors"]!.AsArray().ShouldBeEmpty();
        var (_, flow) = await Tenants.GetAsync(Client, FlowKit.FlowPath(body["id"]!.GetValue<string>()) + "?fields=status,json_version");
        flow["status"]!.GetValue<string>().ShouldBe("PUBLISHED");
        flow["json_version"]!.GetValue<string>().ShouldBe("6.0");
    }

    [Fact]
    public async Task CreatingWithInvalidFlowJsonAndPublishCreatesADraftAndAnswersTheErrors()
    {
        var (status, body) = await Tenants.PostAsync(Client, FlowKit.FlowsPath(),
            new { name = "Not yet", categories = new[] { "OTHER" }, flow_json = FlowKit.BrokenJson, publish = true });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeFalse();
        body["validation_errors"]!.AsArray().ShouldNotBeEmpty();
        (await FlowKit.GetStoredAsync(Parley, body["id"]!.GetValue<string>()))!.Status.ShouldBe(FlowStatuses.Draft);
    }

    [Fact]
    public async Task ANameUsedInTheAccountIsRefusedWith100()
    {
        await FlowKit.CreateAsync(Client, "Unique");

        var (status, body) = await Tenants.PostAsync(Client, FlowKit.FlowsPath(), new { name = "Unique", categories = new[] { "OTHER" } });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("Flow name is not unique");
        (await Tenants.GetAsync(Client, FlowKit.FlowsPath())).Body["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"name":"x","categories":["GAMES"]}""")]
    [InlineData("""{"name":"x","categories":[]}""")]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"categories":["OTHER"]}""")]
    [InlineData("""{"name":7,"categories":["OTHER"]}""")]
    [InlineData("""{"name":"x","categories":"OTHER"}""")]
    [InlineData("""{"name":"x","categories":["OTHER"],"endpoint_uri":"not a url"}""")]
    [InlineData("""{"name":"x","categories":["OTHER"],"publish":"soon"}""")]
    [InlineData("""{"name":"x","categories":["OTHER"],"clone_flow_id":"999"}""")]
    public async Task ACreateCallWithABadParameterIsRefusedWith100AndCreatesNothing(string json)
    {
        using var response = await Client.PostAsJsonAsync(FlowKit.FlowsPath(), JsonNode.Parse(json));
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(100);
        (await Tenants.GetAsync(Client, FlowKit.FlowsPath())).Body["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task CloningAFlowCopiesItsFlowJson()
    {
        var source = await FlowKit.CreatePublishedAsync(Client, "Original");

        var (status, body) = await Tenants.PostAsync(Client, FlowKit.FlowsPath(), new { name = "Copy", categories = new[] { "OTHER" }, clone_flow_id = source });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var copy = (await FlowKit.GetStoredAsync(Parley, body["id"]!.GetValue<string>()))!;
        copy.FlowJson.ShouldBe(FlowKit.SignUpJson);
        copy.Status.ShouldBe(FlowStatuses.Draft);
    }

    [Fact]
    public async Task FlowsArePagedWithGraphCursorsAndFieldsChooseWhatEachShows()
    {
        foreach (var name in new[] { "A", "B", "C" })
        {
            await FlowKit.CreateAsync(Client, name);
        }

        var (_, first) = await Tenants.GetAsync(Client, FlowKit.FlowsPath() + "?limit=2&fields=name");
        var after = first["paging"]!["cursors"]!["after"]!.GetValue<string>();
        var (_, second) = await Tenants.GetAsync(Client, FlowKit.FlowsPath() + "?limit=2&fields=name&after=" + Uri.EscapeDataString(after));
        var (badStatus, bad) = await Tenants.GetAsync(Client, FlowKit.FlowsPath() + "?after=not-a-cursor");
        var (fieldStatus, field) = await Tenants.GetAsync(Client, FlowKit.FlowsPath() + "?fields=name,colour");

        first["data"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["A", "B"]);
        first["data"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "name"]);
        first["paging"]!["next"]!.GetValue<string>().ShouldContain("after=");
        second["data"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["C"]);
        second["paging"]!["next"].ShouldBeNull();
        second["paging"]!["previous"].ShouldNotBeNull();
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe(100);
        fieldStatus.ShouldBe(HttpStatusCode.BadRequest);
        field.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("nonexisting field (colour)");
    }

    [Fact]
    public async Task EveryFieldOfAFlowIsReadable()
    {
        var id = await FlowKit.CreatePublishedAsync(Client);

        var (status, flow) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) +
            "?fields=id,name,status,categories,validation_errors,json_version,health_status,whatsapp_business_account,application,endpoint_uri");

        status.ShouldBe(HttpStatusCode.OK, flow.ToJsonString());
        flow["json_version"]!.GetValue<string>().ShouldBe("6.0");
        flow["health_status"]!["can_send_message"]!.GetValue<string>().ShouldBe("AVAILABLE");
        flow["health_status"]!["entities"]!.AsArray().Select(e => e!["entity_type"]!.GetValue<string>()).ShouldBe(["FLOW", "WABA"]);
        flow["whatsapp_business_account"]!["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        flow["application"]!["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        flow.ContainsKey("endpoint_uri").ShouldBeFalse(); // the flow has none
    }

    [Fact]
    public async Task AThrottledFlowsHealthIsLimitedAndABlockedOnesBlocked()
    {
        var id = await FlowKit.CreatePublishedAsync(Client);

        await FlowKit.SetStatusAsync(Parley, id, FlowStatuses.Throttled);
        var (_, throttled) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) + "?fields=health_status");
        await FlowKit.SetStatusAsync(Parley, id, FlowStatuses.Blocked);
        var (_, blocked) = await Tenants.GetAsync(Client, FlowKit.FlowPath(id) + "?fields=health_status");

        throttled["health_status"]!["can_send_message"]!.GetValue<string>().ShouldBe("LIMITED");
        throttled["health_status"]!["entities"]![0]!["errors"]![0]!["error_code"]!.GetValue<int>().ShouldBe(132069);
        blocked["health_status"]!["can_send_message"]!.GetValue<string>().ShouldBe("BLOCKED");
    }

    [Fact]
    public async Task UpdatingADraftsMetadataChangesItAndAPublishedFlowIsRefusedWith139001()
    {
        var draft = await FlowKit.CreateAsync(Client, "Draft");
        var published = await FlowKit.CreatePublishedAsync(Client, "Live");

        var (status, body) = await Tenants.PostAsync(Client, FlowKit.FlowPath(draft),
            new { name = "Renamed", categories = new[] { "SURVEY" }, endpoint_uri = "https://example.com/flow" });
        var (refusedStatus, refused) = await Tenants.PostAsync(Client, FlowKit.FlowPath(published), new { name = "Changed" });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var (_, flow) = await Tenants.GetAsync(Client, FlowKit.FlowPath(draft) + "?fields=name,categories,endpoint_uri,data_channel_uri");
        flow["name"]!.GetValue<string>().ShouldBe("Renamed");
        flow["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["SURVEY"]);
        flow["endpoint_uri"]!.GetValue<string>().ShouldBe("https://example.com/flow");
        flow["data_channel_uri"]!.GetValue<string>().ShouldBe("https://example.com/flow");
        refusedStatus.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(139001);
        (await FlowKit.GetStoredAsync(Parley, published))!.Name.ShouldBe("Live");
    }

    [Fact]
    public async Task RenamingToAnotherFlowsNameOrWithNothingToChangeIsRefusedWith100()
    {
        await FlowKit.CreateAsync(Client, "Taken");
        var id = await FlowKit.CreateAsync(Client, "Mine");

        var (takenStatus, taken) = await Tenants.PostAsync(Client, FlowKit.FlowPath(id), new { name = "Taken" });
        var (emptyStatus, empty) = await Tenants.PostAsync(Client, FlowKit.FlowPath(id), new { });

        takenStatus.ShouldBe(HttpStatusCode.BadRequest);
        taken.Code().ShouldBe(100);
        emptyStatus.ShouldBe(HttpStatusCode.BadRequest);
        empty.Code().ShouldBe(100);
        (await FlowKit.GetStoredAsync(Parley, id))!.Name.ShouldBe("Mine");
    }

    [Fact]
    public async Task DeletingADraftRemovesItAndAPublishedFlowIsRefusedWith139004()
    {
        var draft = await FlowKit.CreateAsync(Client, "Draft");
        var published = await FlowKit.CreatePublishedAsync(Client, "Live");

        var (status, body) = await FlowKit.DeleteAsync(Client, FlowKit.FlowPath(draft));
        var (refusedStatus, refused) = await FlowKit.DeleteAsync(Client, FlowKit.FlowPath(published));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        (await Tenants.GetAsync(Client, FlowKit.FlowPath(draft))).Body.Code().ShouldBe(100);
        refusedStatus.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(139004);
        (await FlowKit.GetStoredAsync(Parley, published)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AnotherAccountsFlowIsAnUnknownObject()
    {
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        var theirs = await FlowKit.CreateAsync(otherClient, "Theirs", other.AccountId);

        var (status, body) = await Tenants.GetAsync(Client, FlowKit.FlowPath(theirs));
        var (publishStatus, publish) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(theirs, "publish"));
        var (listStatus, list) = await Tenants.GetAsync(Client, FlowKit.FlowsPath(other.AccountId));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        publishStatus.ShouldBe(HttpStatusCode.BadRequest);
        publish.Code().ShouldBe(100);
        listStatus.ShouldBe(HttpStatusCode.BadRequest);
        list.Code().ShouldBe(100);
        (await FlowKit.GetStoredAsync(Parley, theirs))!.Status.ShouldBe(FlowStatuses.Draft);
    }

    [Fact]
    public async Task MigratingFromAnAccountTheTokenDoesNotReachIsAPermissionErrorAndNamesTheSourceLacksFail()
    {
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        await FlowKit.CreateAsync(otherClient, "Theirs", other.AccountId);
        await FlowKit.CreateAsync(Client, "Mine");

        var (deniedStatus, denied) = await Tenants.PostAsync(Client, $"/{FlowKit.Version}/{ParleyFactory.WabaId}/migrate_flows",
            new { source_waba_id = other.AccountId });
        var (status, body) = await Tenants.PostAsync(Client, $"/{FlowKit.Version}/{ParleyFactory.WabaId}/migrate_flows",
            new { source_waba_id = ParleyFactory.WabaId, source_flow_names = "[\"Mine\",\"Missing\"]" });

        deniedStatus.ShouldBe(HttpStatusCode.Forbidden, denied.ToJsonString());
        denied.Code().ShouldBe(200);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["migrated_flows"]!.AsArray().ShouldBeEmpty();
        var failed = body["failed_flows"]!.AsArray();
        failed.Select(f => f!["source_name"]!.GetValue<string>()).ShouldBe(["Mine", "Missing"]);
        failed[1]!["error_code"]!.GetValue<string>().ShouldBe("4233041");
        (await Tenants.GetAsync(Client, FlowKit.FlowsPath())).Body["data"]!.AsArray().Count.ShouldBe(1);
    }
}
