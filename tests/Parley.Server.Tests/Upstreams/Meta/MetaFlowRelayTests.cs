using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Upstreams.Meta.Management;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// The flows of an account with a meta channel are managed at Meta: each call to Parley's Flows API goes to Meta's,
/// Meta's refusals come back as Meta gave them, and Parley's copy (read by the send checks) follows what Meta answered.
/// </summary>
public sealed class MetaFlowRelayTests : MetaFlowTestBase
{
    private const string FlowJson = """{"version":"7.3","screens":[{"id":"WELCOME","terminal":true,"layout":{"type":"SingleColumnLayout","children":[]}}]}""";

    [Fact]
    public async Task FlowManagementIsMadeAtMetaAndTheCopyFollowsWhatMetaAnswered()
    {
        var ct = CancellationToken.None;
        (await ManagerAsync()).ShouldBeOfType<MetaFlowManager>();
        using var client = Parley.CreateChannelClient(Channel.Token);

        // A flow made at Meta directly is copied when the account's flows are listed.
        var madeAtMeta = Meta.Seed("Made in WhatsApp Manager", FlowStatuses.Published);
        var (listed, list) = await Tenants.GetAsync(client, FlowKit.FlowsPath() + "?limit=25");
        listed.ShouldBe(HttpStatusCode.OK, list.ToJsonString());
        list["data"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ShouldBe([madeAtMeta]);
        (await Flows.GetAsync(madeAtMeta, ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            f => f.AccountId.ShouldBe(ParleyFactory.WabaId), f => f.Status.ShouldBe(FlowStatuses.Published), f => f.Name.ShouldBe("Made in WhatsApp Manager"));
        Graph.Requests[^1].PathAndQuery.ShouldStartWith($"/v23.0/{MetaWabaId}/flows?fields=id,name,categories,status,validation_errors,json_version,data_api_version,endpoint_uri&limit=");

        // Create: at Meta under Meta's WABA; the copy has Meta's id and starts as a draft.
        var (createdStatus, created) = await Tenants.PostAsync(client, FlowKit.FlowsPath(),
            new { name = "Sign up", categories = new[] { "SIGN_UP" }, endpoint_uri = "https://example.com/flow" });
        createdStatus.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var id = created["id"]!.GetValue<string>();
        Meta[id]["name"]!.GetValue<string>().ShouldBe("Sign up");
        var createCall = Graph.Requests.Single(r => r.Method == "POST" && r.PathAndQuery == $"/v23.0/{MetaWabaId}/flows");
        JsonNode.DeepEquals(createCall.Json, JsonNode.Parse("""{"name":"Sign up","categories":["SIGN_UP"],"endpoint_uri":"https://example.com/flow"}""")).ShouldBeTrue(createCall.Body);
        (await Flows.GetAsync(id, ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            f => f.Status.ShouldBe(FlowStatuses.Draft), f => f.EndpointUri.ShouldBe("https://example.com/flow"), f => f.Categories.ShouldBe(["SIGN_UP"]));

        // Meta's refusal comes back as Meta gave it, and nothing is copied.
        var (duplicateStatus, duplicate) = await Tenants.PostAsync(client, FlowKit.FlowsPath(), new { name = "Sign up", categories = new[] { "OTHER" } });
        (duplicateStatus, duplicate.Code()).ShouldBe((HttpStatusCode.BadRequest, 100));
        (await Flows.ListAsync(ParleyFactory.WabaId, 10, null, null, ct)).Count.ShouldBe(2);

        // Upload: Meta's multipart asset; its validation errors are the copy's, with the Flow JSON Parley sent.
        var (_, invalid) = await FlowKit.UploadAsync(client, id, """{"version":"7.3"}""");
        invalid["validation_errors"]!.AsArray().ShouldHaveSingleItem()!["error"]!.GetValue<string>().ShouldBe("MISSING_REQUIRED_PROPERTY");
        (await Flows.GetAsync(id, ct))!.ValidationErrors.ShouldHaveSingleItem().Message.ShouldBe("The property \"screens\" is required at \"$root\".");
        var (uploaded, valid) = await FlowKit.UploadAsync(client, id, FlowJson);
        (uploaded, valid["success"]!.GetValue<bool>(), valid["validation_errors"]!.AsArray().Count).ShouldBe((HttpStatusCode.OK, true, 0));
        var upload = Graph.Requests[^1];
        (upload.Method, upload.PathAndQuery, upload.ContentType!.Split(';')[0]).ShouldBe(("POST", $"/v23.0/{id}/assets", "multipart/form-data"));
        upload.Body.ShouldContain(FlowJson);
        upload.Body.ShouldContain("filename=flow.json");
        (await Flows.GetAsync(id, ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            f => f.FlowJson.ShouldBe(FlowJson), f => f.JsonVersion.ShouldBe("7.3"), f => f.ValidationErrors.ShouldBeEmpty());

        // Metadata, a read and the preview.
        (await Tenants.PostAsync(client, FlowKit.FlowPath(id), new { name = "Sign up v2" })).Status.ShouldBe(HttpStatusCode.OK);
        Meta[id]["name"]!.GetValue<string>().ShouldBe("Sign up v2");
        (await Flows.GetAsync(id, ct))!.Name.ShouldBe("Sign up v2");
        var (read, flow) = await Tenants.GetAsync(client, FlowKit.FlowPath(id));
        (read, flow["name"]!.GetValue<string>(), flow["status"]!.GetValue<string>()).ShouldBe((HttpStatusCode.OK, "Sign up v2", "DRAFT"));
        var (previewed, preview) = await Tenants.GetAsync(client, FlowKit.FlowPath(id) + "?fields=preview.invalidate(true)");
        previewed.ShouldBe(HttpStatusCode.OK, preview.ToJsonString());
        preview["preview"]!["preview_url"]!.GetValue<string>().ShouldBe($"https://business.facebook.com/wa/manage/flows/{id}/preview/?token=b9d6");
        preview["preview"]!["expires_at"]!.GetValue<string>().ShouldBe("2027-01-05T11:18:09+0000");
        Graph.Requests[^1].PathAndQuery.ShouldBe($"/v23.0/{id}?fields=preview.invalidate(true)");

        // Publish: the copy is PUBLISHED at once and the business hears of it once, though Meta's own webhook follows.
        (await Tenants.PostAsync(client, FlowKit.FlowPath(id, "publish"), new { })).Status.ShouldBe(HttpStatusCode.OK);
        (await Flows.GetAsync(id, ct))!.Status.ShouldBe(FlowStatuses.Published);
        await DeliverFlowsAsync(StatusChange(id, FlowStatuses.Draft, FlowStatuses.Published));
        var (againStatus, again) = await Tenants.PostAsync(client, FlowKit.FlowPath(id, "publish"), new { });
        (againStatus, again.Code()).ShouldBe((HttpStatusCode.BadRequest, 139002));
        (await Tenants.DeleteAsync(client, FlowKit.FlowPath(id))).ShouldBe(HttpStatusCode.BadRequest);
        (await Flows.GetAsync(id, ct)).ShouldNotBeNull();
        (await Tenants.PostAsync(client, FlowKit.FlowPath(id, "deprecate"), new { })).Status.ShouldBe(HttpStatusCode.OK);
        var events = await FlowEventsAsync(2);
        events.Select(e => (e["flow_id"]!.GetValue<string>(), e["old_status"]!.GetValue<string>(), e["new_status"]!.GetValue<string>()))
            .ShouldBe([(id, "DRAFT", "PUBLISHED"), (id, "PUBLISHED", "DEPRECATED")]);

        // A flow Meta does not know: Meta's 100/33; a draft is deleted at Meta and in the copy.
        var (unknownStatus, unknown) = await Tenants.GetAsync(client, FlowKit.FlowPath("5559999999999999"));
        (unknownStatus, unknown.Code(), unknown.Error()["error_subcode"]!.GetValue<int>()).ShouldBe((HttpStatusCode.BadRequest, 100, 33));
        var draft = (await Tenants.PostAsync(client, FlowKit.FlowsPath(), new { name = "Scratch", categories = new[] { "OTHER" } })).Body["id"]!.GetValue<string>();
        (await Tenants.DeleteAsync(client, FlowKit.FlowPath(draft))).ShouldBe(HttpStatusCode.OK);
        (await Flows.GetAsync(draft, ct)).ShouldBeNull();
        Graph.Requests[^1].ShouldSatisfyAllConditions(r => r.Method.ShouldBe("DELETE"), r => r.PathAndQuery.ShouldBe($"/v23.0/{draft}"));
        FlowEventsReceived().Count.ShouldBe(2);
    }
}
