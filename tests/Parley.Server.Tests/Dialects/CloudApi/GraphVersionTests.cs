using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// What differs between the Graph versions Parley knows (docs/versions.md): which versions a path may name, the
/// default version of unversioned calls, <c>message_status</c> in send responses and <c>flow_name</c> from v24.0.
/// </summary>
public sealed class GraphVersionTests : ParleyTest
{
    private const string To = "16505551234";

    private static string MessagesPath(string version) => $"/{version}/{ParleyFactory.PhoneNumberId}/messages";

    /// <summary>The flow the flow sends name, by id or by name, is a published flow of the account.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await FlowKit.SeedAsync(Parley, "1234567890", "table_booking");
    }

    private static JsonObject Flow(JsonObject parameters) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["to"] = To,
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "flow",
            ["body"] = new JsonObject { ["text"] = "Book your table" },
            ["action"] = new JsonObject { ["name"] = "flow", ["parameters"] = parameters },
        },
    };

    private static JsonObject FlowParameters(string? flowId = null, string? flowName = null)
    {
        var parameters = new JsonObject { ["flow_message_version"] = "3", ["flow_cta"] = "Book" };
        if (flowId is not null)
        {
            parameters["flow_id"] = flowId;
        }
        if (flowName is not null)
        {
            parameters["flow_name"] = flowName;
        }
        return parameters;
    }

    [Theory]
    [InlineData("v21.0")]
    [InlineData("v22.0")]
    [InlineData("v23.0")]
    public async Task SendResponseBeforeV24HasNoMessageStatus(string version)
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(To), MessagesPath(version));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var message = body["messages"]![0]!.AsObject();
        message["id"]!.GetValue<string>().ShouldStartWith("wamid.");
        message.ContainsKey("message_status").ShouldBeFalse();
        body["contacts"]![0]!["wa_id"]!.GetValue<string>().ShouldBe(To);
    }

    [Theory]
    [InlineData("v24.0")]
    [InlineData("v25.0")]
    [InlineData("v26.0")]
    public async Task SendResponseFromV24CarriesMessageStatusAccepted(string version)
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(To), MessagesPath(version));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["messages"]![0]!["message_status"]!.GetValue<string>().ShouldBe("accepted");
        var id = body["messages"]![0]!["id"]!.GetValue<string>();
        (await CloudApi.GetMessageAsync(Client, id))["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Theory]
    [InlineData("v99.0")]
    [InlineData("v1.0")]
    [InlineData("v20.0")]
    [InlineData("v24.1")]
    public async Task WellFormedVersionParleyDoesNotKnowAnswersCode100(string version)
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(To), MessagesPath(version));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["type"]!.GetValue<string>().ShouldBe("OAuthException");
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe($"Unknown version '{version}'. Use one of v21.0, v22.0, v23.0, v24.0, v25.0, v26.0");
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v26")]
    public async Task VersionThatIsNotVersionShapedAnswersTheFormatError(string version)
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(To), MessagesPath(version));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Invalid version format. Use format like 'v23.0'");
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Fact]
    public async Task UnknownVersionOnAGraphObjectAnswersCode100Too()
    {
        using var response = await Client.GetAsync($"/v99.0/{ParleyFactory.PhoneNumberId}");
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task UnversionedSendUsesTheNewestVersion()
    {
        using var response = await Client.PostAsJsonAsync($"/{ParleyFactory.PhoneNumberId}/messages", CloudApi.Text(To));
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        response.Headers.GetValues("facebook-api-version").ShouldBe(["v26.0"]);
        body["messages"]![0]!["message_status"]!.GetValue<string>().ShouldBe("accepted");
        var id = body["messages"]![0]!["id"]!.GetValue<string>();
        (await CloudApi.GetMessageAsync(Client, id))["peer"]!.GetValue<string>().ShouldBe(To);
    }

    [Fact]
    public async Task UnversionedMediaUploadLookupAndDeleteWork()
    {
        var file = MediaCalls.Bytes(2048);
        var id = await MediaCalls.UploadOkAsync(Client, file, "image/jpeg", path: $"/{ParleyFactory.PhoneNumberId}/media");

        using var lookup = await Client.GetAsync($"/{id}");
        var media = await CloudApi.ReadAsync(lookup);
        lookup.StatusCode.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        media["id"]!.GetValue<string>().ShouldBe(id);
        media["mime_type"]!.GetValue<string>().ShouldBe("image/jpeg");

        using var deleted = await Client.DeleteAsync($"/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MediaCalls.GetAsync(Client, id)).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnversionedTemplateCreateAndListWork()
    {
        const string Path = $"/{ParleyFactory.WabaId}/message_templates";
        var (status, created) = await TemplateApi.CreateAsync(Client, TemplateApi.OrderConfirmation("unversioned_order"), Path);
        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());

        using var list = await Client.GetAsync($"{Path}?name=unversioned_order");
        var body = await CloudApi.ReadAsync(list);
        list.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ShouldBe([created["id"]!.GetValue<string>()]);
    }

    [Fact]
    public async Task UnversionedUnknownIdIsGraphsUnknownObject()
    {
        using var response = await Client.GetAsync("/999999999999");
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
    }

    [Fact]
    public async Task UnversionedPathWithNoGraphEndpointIsAnUnknownPathAsWritten()
    {
        using var response = await Client.GetAsync($"/{ParleyFactory.PhoneNumberId}/no_such_edge");
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(2500);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe($"Unknown path components: /{ParleyFactory.PhoneNumberId}/no_such_edge");
    }

    [Fact]
    public async Task OneMsgMethodsKeepTheirPathsBesideUnversionedGraphCalls()
    {
        var sent = await CloudApi.SendOkAsync(Client, CloudApi.Text(To, "from graph"), path: $"/{ParleyFactory.PhoneNumberId}/messages");

        var (status, history) = await OneMsgClient.GetAsync(Client, "messages");

        status.ShouldBe(HttpStatusCode.OK, history.ToJsonString());
        history["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldContain(sent);
        var (statusStatus, channel) = await OneMsgClient.GetAsync(Client, "status");
        statusStatus.ShouldBe(HttpStatusCode.OK, channel.ToJsonString());
    }

    [Fact]
    public async Task FlowNameBeforeV24IsAnUnexpectedKey()
    {
        var (status, body) = await CloudApi.SendAsync(Client, Flow(FlowParameters(flowName: "table_booking")), MessagesPath("v23.0"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("\"flow_name\"");
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Fact]
    public async Task FlowIdBeforeV24IsRequired()
    {
        var (status, body) = await CloudApi.SendAsync(Client, Flow(FlowParameters()), MessagesPath("v23.0"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131008);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("flow_id");
    }

    [Fact]
    public async Task FlowIdBeforeV24IsAccepted()
    {
        var (status, body) = await CloudApi.SendAsync(Client, Flow(FlowParameters(flowId: "1234567890")), MessagesPath("v23.0"));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var stored = await CloudApi.GetMessageAsync(Client, body["messages"]![0]!["id"]!.GetValue<string>());
        stored["type"]!.GetValue<string>().ShouldBe("interactive");
    }

    [Theory]
    [InlineData("v24.0")]
    [InlineData("v26.0")]
    public async Task FlowNameFromV24IsAccepted(string version)
    {
        var (status, body) = await CloudApi.SendAsync(Client, Flow(FlowParameters(flowName: "table_booking")), MessagesPath(version));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["messages"]![0]!["message_status"]!.GetValue<string>().ShouldBe("accepted");
    }

    [Fact]
    public async Task FlowIdAndFlowNameTogetherFromV24Answer131009()
    {
        var (status, body) = await CloudApi.SendAsync(Client, Flow(FlowParameters(flowId: "1234567890", flowName: "table_booking")), MessagesPath("v24.0"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131009);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("either flow_id or flow_name, not both");
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }

    [Fact]
    public async Task NeitherFlowIdNorFlowNameFromV24Answers131008()
    {
        var (status, body) = await CloudApi.SendAsync(Client, Flow(FlowParameters()), MessagesPath("v24.0"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131008);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("flow_name");
    }

    private static JsonObject FlowTemplate(string name, JsonObject button) => new()
    {
        ["name"] = name,
        ["language"] = "en_US",
        ["category"] = "MARKETING",
        ["components"] = new JsonArray(
            new JsonObject { ["type"] = "BODY", ["text"] = "Book a table for tonight" },
            new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray(button) }),
    };

    [Fact]
    public async Task TemplateFlowButtonByNameBeforeV24IsRefused()
    {
        var template = FlowTemplate("booking_v23", new JsonObject { ["type"] = "FLOW", ["text"] = "Book", ["flow_name"] = "table_booking" });

        var (status, body) = await TemplateApi.CreateAsync(Client, template, $"/v23.0/{ParleyFactory.WabaId}/message_templates");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("flow_name is available from v24.0");
        using var list = await Client.GetAsync($"/v23.0/{ParleyFactory.WabaId}/message_templates?name=booking_v23");
        (await CloudApi.ReadAsync(list))["data"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("v23.0", "flow_id", "1234567890")]
    [InlineData("v24.0", "flow_id", "1234567890")]
    [InlineData("v24.0", "flow_name", "table_booking")]
    public async Task TemplateFlowButtonWithOneReferenceIsCreated(string version, string key, string value)
    {
        var name = $"booking_{key}_{version.Replace(".", "_", StringComparison.Ordinal)}".ToLowerInvariant();
        var template = FlowTemplate(name, new JsonObject { ["type"] = "FLOW", ["text"] = "Book", [key] = value });

        var (status, body) = await TemplateApi.CreateAsync(Client, template, $"/{version}/{ParleyFactory.WabaId}/message_templates");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["status"]!.GetValue<string>().ShouldBe("PENDING");
    }

    [Fact]
    public async Task TemplateFlowButtonWithFlowIdAndFlowNameIsRefused()
    {
        var template = FlowTemplate("booking_both", new JsonObject { ["type"] = "FLOW", ["text"] = "Book", ["flow_id"] = "1234567890", ["flow_name"] = "table_booking" });

        var (status, body) = await TemplateApi.CreateAsync(Client, template, $"/v24.0/{ParleyFactory.WabaId}/message_templates");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("exactly one of flow_id, flow_name or flow_json");
    }

    [Fact]
    public async Task TemplateEditToAFlowButtonByNameIsRefusedBeforeV24AndAcceptedFrom()
    {
        var id = await TemplateApi.CreateApprovedAsync(Client, FlowTemplate("booking_edit", new JsonObject { ["type"] = "FLOW", ["text"] = "Book", ["flow_id"] = "1234567890" }));
        var edit = new JsonObject
        {
            ["components"] = new JsonArray(
                new JsonObject { ["type"] = "BODY", ["text"] = "Book a table for tomorrow" },
                new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray(new JsonObject { ["type"] = "FLOW", ["text"] = "Book", ["flow_name"] = "table_booking" }) }),
        };

        var (refused, error) = await TemplateApi.PostAsync(Client, $"/v23.0/{id}", edit);
        refused.ShouldBe(HttpStatusCode.BadRequest);
        error.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("flow_name is available from v24.0");
        var (_, unchanged) = await TemplateApi.GetAsync(Client, $"/v24.0/{id}");
        unchanged["components"]!.ToJsonString().ShouldContain("1234567890");

        var (accepted, body) = await TemplateApi.PostAsync(Client, $"/v24.0/{id}", edit);
        accepted.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var (_, edited) = await TemplateApi.GetAsync(Client, $"/v24.0/{id}");
        edited["components"]!.ToJsonString().ShouldContain("table_booking");
    }
}
