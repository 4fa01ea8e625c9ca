using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Flows;
using Parley.Server.Upstreams.Meta.Management;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// The flows of an account with a meta channel are managed at Meta: each call goes to Meta's Flows API, Meta's refusals
/// come back as Meta gave them, and Parley's copy (read by the send checks) follows what Meta answered.
/// </summary>
public sealed class MetaFlowRelayTests : MetaFlowTestBase
{
    private const string FlowJson = """{"version":"7.3","screens":[{"id":"WELCOME","terminal":true,"layout":{"type":"SingleColumnLayout","children":[]}}]}""";

    [Fact]
    public async Task FlowManagementIsMadeAtMetaAndTheCopyFollowsWhatMetaAnswered()
    {
        var ct = CancellationToken.None;
        var manager = await ManagerAsync();
        manager.ShouldBeOfType<MetaFlowManager>();

        // A flow made at Meta directly is copied when the account's flows are listed.
        var madeAtMeta = Meta.Seed("Made in WhatsApp Manager", FlowStatuses.Published);
        var page = (await manager.ListAsync(ParleyFactory.WabaId, 25, null, null, ct)).Value!;
        page.Flows.Select(f => f.Id).ShouldBe([madeAtMeta]);
        (page.Before, page.After, page.HasAfter).ShouldBe(("QVFIUb4", "QVFIUa4", false));
        (await Flows.GetAsync(madeAtMeta, ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            f => f.AccountId.ShouldBe(ParleyFactory.WabaId), f => f.Status.ShouldBe(FlowStatuses.Published), f => f.Name.ShouldBe("Made in WhatsApp Manager"));
        Graph.Requests[^1].PathAndQuery.ShouldStartWith($"/v23.0/{MetaWabaId}/flows?fields=id,name,categories,status,validation_errors,json_version,data_api_version,endpoint_uri&limit=25");

        // Create: at Meta under Meta's WABA; the copy has Meta's id and starts as a draft.
        var created = (await manager.CreateAsync(ParleyFactory.WabaId, new FlowDraft("Sign up", ["SIGN_UP"], "https://example.com/flow", null, null, false), ct)).Value!;
        created.PublishError.ShouldBeNull();
        var id = created.Flow.Id;
        Meta[id]["name"]!.GetValue<string>().ShouldBe("Sign up");
        var createCall = Graph.Requests.Single(r => r.Method == "POST" && r.PathAndQuery == $"/v23.0/{MetaWabaId}/flows");
        JsonNode.DeepEquals(createCall.Json, JsonNode.Parse("""{"name":"Sign up","categories":["SIGN_UP"],"endpoint_uri":"https://example.com/flow"}""")).ShouldBeTrue(createCall.Body);
        (await Flows.GetAsync(id, ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            f => f.Status.ShouldBe(FlowStatuses.Draft), f => f.EndpointUri.ShouldBe("https://example.com/flow"), f => f.Categories.ShouldBe(["SIGN_UP"]));

        // Meta's refusal comes back as Meta gave it, and nothing is copied.
        var duplicate = await manager.CreateAsync(ParleyFactory.WabaId, new FlowDraft("Sign up", ["OTHER"], null, null, null, false), ct);
        (duplicate.Error!.Code, duplicate.Error.Title).ShouldBe((100, "Invalid parameter"));
        (await Flows.ListAsync(ParleyFactory.WabaId, 10, null, null, ct)).Count.ShouldBe(2);

        // Upload: Meta's multipart asset; its validation errors are the copy's, with the Flow JSON Parley sent.
        var invalid = (await manager.UploadFlowJsonAsync(ParleyFactory.WabaId, id, """{"version":"7.3"}""", ct)).Value!;
        invalid.ShouldHaveSingleItem().Error.ShouldBe("MISSING_REQUIRED_PROPERTY");
        (await Flows.GetAsync(id, ct))!.ValidationErrors.ShouldHaveSingleItem().Message.ShouldBe("The property \"screens\" is required at \"$root\".");
        (await manager.UploadFlowJsonAsync(ParleyFactory.WabaId, id, FlowJson, ct)).Value!.ShouldBeEmpty();
        var upload = Graph.Requests[^1];
        (upload.Method, upload.PathAndQuery, upload.ContentType!.Split(';')[0]).ShouldBe(("POST", $"/v23.0/{id}/assets", "multipart/form-data"));
        upload.Body.ShouldContain(FlowJson);
        upload.Body.ShouldContain("filename=flow.json");
        (await Flows.GetAsync(id, ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            f => f.FlowJson.ShouldBe(FlowJson), f => f.JsonVersion.ShouldBe("7.3"), f => f.ValidationErrors.ShouldBeEmpty());

        // Metadata and preview.
        (await manager.UpdateMetadataAsync(ParleyFactory.WabaId, id, new FlowMetadataChange("Sign up v2", null, null), ct)).ShouldBeNull();
        Meta[id]["name"]!.GetValue<string>().ShouldBe("Sign up v2");
        (await Flows.GetAsync(id, ct))!.Name.ShouldBe("Sign up v2");
        var preview = (await manager.PreviewAsync(ParleyFactory.WabaId, id, true, new Uri("http://parley.local/"), ct)).Value!;
        preview.Url.ShouldBe($"https://business.facebook.com/wa/manage/flows/{id}/preview/?token=b9d6");
        preview.ExpiresAt.ShouldBe(new DateTimeOffset(2027, 1, 5, 11, 18, 9, TimeSpan.Zero));
        Graph.Requests[^1].PathAndQuery.ShouldBe($"/v23.0/{id}?fields=preview.invalidate(true)");

        // Publish: the copy is PUBLISHED at once and the business hears of it once, though Meta's own webhook follows.
        (await manager.PublishAsync(ParleyFactory.WabaId, id, ct)).ShouldBeNull();
        (await Flows.GetAsync(id, ct))!.Status.ShouldBe(FlowStatuses.Published);
        await DeliverFlowsAsync(StatusChange(id, FlowStatuses.Draft, FlowStatuses.Published));
        var again = await manager.PublishAsync(ParleyFactory.WabaId, id, ct);
        (again!.Code, again.HttpStatus).ShouldBe((139002, 400));
        (await manager.DeleteAsync(ParleyFactory.WabaId, id, ct))!.Code.ShouldBe(139004);
        (await Flows.GetAsync(id, ct)).ShouldNotBeNull();
        (await manager.DeprecateAsync(ParleyFactory.WabaId, id, ct)).ShouldBeNull();
        var events = await FlowEventsAsync(2);
        events.Select(e => (e["flow_id"]!.GetValue<string>(), e["old_status"]!.GetValue<string>(), e["new_status"]!.GetValue<string>()))
            .ShouldBe([(id, "DRAFT", "PUBLISHED"), (id, "PUBLISHED", "DEPRECATED")]);

        // A flow Meta does not know: Meta's 100/33; a draft is deleted at Meta and in the copy.
        var unknown = (await manager.GetAsync(ParleyFactory.WabaId, "5559999999999999", ct)).Error!;
        (unknown.Code, unknown.Subcode).ShouldBe((100, 33));
        var draft = (await manager.CreateAsync(ParleyFactory.WabaId, new FlowDraft("Scratch", ["OTHER"], null, null, null, false), ct)).Value!.Flow.Id;
        (await manager.DeleteAsync(ParleyFactory.WabaId, draft, ct)).ShouldBeNull();
        (await Flows.GetAsync(draft, ct)).ShouldBeNull();
        Graph.Requests[^1].ShouldSatisfyAllConditions(r => r.Method.ShouldBe("DELETE"), r => r.PathAndQuery.ShouldBe($"/v23.0/{draft}"));
        FlowEventsReceived().Count.ShouldBe(2);
    }
}
