using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Flows;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Flows;

/// <summary>
/// Sends that open a flow — interactive <c>flow</c> messages (by id, or by name from v24.0), template messages with a
/// FLOW button, and 1msg's <c>sendFlow</c> — need a sendable flow of the sending account; and a template's FLOW
/// button must name a published flow when the template is created.
/// </summary>
public sealed class FlowsGraphSendTests : ParleyTest
{
    private const string To = "16505551234";

    private static JsonObject FlowMessage(string? flowId = null, string? flowName = null, string? mode = null)
    {
        var parameters = new JsonObject { ["flow_message_version"] = "3", ["flow_cta"] = "Sign up", ["flow_token"] = "token-1" };
        if (flowId is not null)
        {
            parameters["flow_id"] = flowId;
        }
        if (flowName is not null)
        {
            parameters["flow_name"] = flowName;
        }
        if (mode is not null)
        {
            parameters["mode"] = mode;
        }
        return new JsonObject
        {
            ["messaging_product"] = "whatsapp", ["to"] = To, ["type"] = "interactive",
            ["interactive"] = new JsonObject
            {
                ["type"] = "flow", ["body"] = new JsonObject { ["text"] = "Join us" },
                ["action"] = new JsonObject { ["name"] = "flow", ["parameters"] = parameters },
            },
        };
    }

    private static string MessagesPath(string version = "v23.0") => $"/{version}/{ParleyFactory.PhoneNumberId}/messages";

    private async Task ShouldBeRefusedAsync(JsonObject message, int code, string detail, string version = "v23.0")
    {
        var (status, body) = await CloudApi.SendAsync(Client, message, MessagesPath(version));

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(code);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain(detail);
    }

    [Fact]
    public async Task APublishedFlowIsSentAndAnUnknownOneIsRefusedWith131009()
    {
        var id = await FlowKit.CreatePublishedAsync(Client);

        var (status, body) = await CloudApi.SendAsync(Client, FlowMessage(id), MessagesPath());
        await ShouldBeRefusedAsync(FlowMessage("9999999999999999"), 131009, "9999999999999999");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        (await CloudApi.GetMessageAsync(Client, body["messages"]![0]!["id"]!.GetValue<string>()))["type"]!.GetValue<string>().ShouldBe("interactive");
    }

    [Fact]
    public async Task ADraftIsSentOnlyInDraftMode()
    {
        var id = await FlowKit.CreateAsync(Client);
        await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);

        await ShouldBeRefusedAsync(FlowMessage(id), 131009, "DRAFT");
        var (status, body) = await CloudApi.SendAsync(Client, FlowMessage(id, mode: "draft"), MessagesPath());

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task ADeprecatedFlowIsRefusedWith131009AndABlockedOneWith132068()
    {
        var deprecated = await FlowKit.CreatePublishedAsync(Client, "Old");
        (await FlowKit.PostAsync(Client, FlowKit.FlowPath(deprecated, "deprecate"))).Status.ShouldBe(HttpStatusCode.OK);
        var blocked = await FlowKit.CreatePublishedAsync(Client, "Blocked");
        await FlowKit.SetStatusAsync(Parley, blocked, FlowStatuses.Blocked);

        await ShouldBeRefusedAsync(FlowMessage(deprecated), 131009, "DEPRECATED");
        await ShouldBeRefusedAsync(FlowMessage(blocked), 132068, blocked);
    }

    [Fact]
    public async Task AThrottledFlowIsSentTenTimesAnHourThenRefusedWith132069()
    {
        await using var parley = new ManualClockParleyFactory();
        using var client = parley.CreateChannelClient();
        var id = await FlowKit.CreatePublishedAsync(client);
        await FlowKit.SetStatusAsync(parley, id, FlowStatuses.Throttled);

        for (var i = 0; i < FlowRules.ThrottledSendsPerHour; i++)
        {
            var (status, body) = await CloudApi.SendAsync(client, FlowMessage(id), MessagesPath());
            status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        }
        var (refusedStatus, refused) = await CloudApi.SendAsync(client, FlowMessage(id), MessagesPath());
        parley.Clock.Advance(FlowRules.ThrottleWindow);
        var (laterStatus, later) = await CloudApi.SendAsync(client, FlowMessage(id), MessagesPath());

        refusedStatus.ShouldBe(HttpStatusCode.BadRequest, refused.ToJsonString());
        refused.Code().ShouldBe(132069);
        laterStatus.ShouldBe(HttpStatusCode.OK, later.ToJsonString());
    }

    [Fact]
    public async Task AnotherAccountsFlowIsRefusedWith131009()
    {
        var other = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var otherClient = Parley.CreateChannelClient(other.Token);
        var theirs = await FlowKit.CreatePublishedAsync(otherClient, "Theirs", other.AccountId);

        await ShouldBeRefusedAsync(FlowMessage(theirs), 131009, theirs);
    }

    [Theory]
    [InlineData("v24.0")]
    [InlineData("v26.0")]
    public async Task FromV24AFlowIsNamedByItsNameWithinTheAccount(string version)
    {
        await FlowKit.CreatePublishedAsync(Client, "Sign up");

        var (status, body) = await CloudApi.SendAsync(Client, FlowMessage(flowName: "Sign up"), MessagesPath(version));
        await ShouldBeRefusedAsync(FlowMessage(flowName: "No such flow"), 131009, "\"No such flow\"", version);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task OneMsgSendFlowGetsTheSameCheck()
    {
        var id = await FlowKit.CreateAsync(Client);
        await FlowKit.UploadAsync(Client, id, FlowKit.SignUpJson);
        var json = $$"""{"chatId":"{{To}}@c.us","body":"Sign up","flowId":"{{id}}","flowToken":"t-1","flowCta":"Open","flowAction":"navigate","flowActionScreen":"WELCOME"}""";

        var refused = await OneMsgClient.PostJsonAsync(Client, "sendFlow", json);
        (await FlowKit.PostAsync(Client, FlowKit.FlowPath(id, "publish"))).Status.ShouldBe(HttpStatusCode.OK);
        var sent = await OneMsgClient.PostJsonAsync(Client, "sendFlow", json);

        OneMsgGroupClient.ErrorOf(refused).ShouldStartWith("(#131009)");
        sent.Status.ShouldBe(HttpStatusCode.OK, sent.Body.ToJsonString());
        sent.Body["sent"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static JsonObject FlowTemplate(string reference, string value) => JsonNode.Parse($$"""
        {"name":"flow_signup","language":"en_US","category":"MARKETING","components":[
          {"type":"BODY","text":"Join our club."},
          {"type":"BUTTONS","buttons":[{"type":"FLOW","text":"Sign up","flow_action":"navigate","navigate_screen":"WELCOME","{{reference}}":"{{value}}"}]}]}
        """)!.AsObject();

    [Fact]
    public async Task ATemplatesFlowButtonMustNameAPublishedFlowOfTheAccount()
    {
        var draft = await FlowKit.CreateAsync(Client, "Draft");

        var (unknownStatus, unknown) = await TemplateApi.CreateAsync(Client, FlowTemplate("flow_id", "9999999999999999"));
        var (draftStatus, draftBody) = await TemplateApi.CreateAsync(Client, FlowTemplate("flow_id", draft));
        await FlowKit.CreatePublishedAsync(Client, "Club");
        var (byNameStatus, byName) = await TemplateApi.CreateAsync(Client, FlowTemplate("flow_name", "Club"), $"/v24.0/{ParleyFactory.WabaId}/message_templates");

        unknownStatus.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Code().ShouldBe(100);
        unknown.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("9999999999999999");
        draftStatus.ShouldBe(HttpStatusCode.BadRequest);
        draftBody.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("DRAFT");
        byNameStatus.ShouldBe(HttpStatusCode.OK, byName.ToJsonString());
    }

    [Fact]
    public async Task ATemplateMessageWithAFlowButtonIsRefusedOnceItsFlowIsBlocked()
    {
        var flowId = await FlowKit.CreatePublishedAsync(Client, "Club");
        await TemplateApi.CreateApprovedAsync(Client, FlowTemplate("flow_id", flowId));
        await CloudApi.UserWritesAsync(Client, To);
        var message = JsonNode.Parse($$$"""
            {"messaging_product":"whatsapp","to":"{{{To}}}","type":"template","template":{"name":"flow_signup","language":{"code":"en_US"},
             "components":[{"type":"button","sub_type":"flow","index":"0","parameters":[{"type":"action","action":{"flow_token":"t-1"}}]}]}}
            """)!.AsObject();

        var (status, body) = await CloudApi.SendAsync(Client, message);
        await FlowKit.SetStatusAsync(Parley, flowId, FlowStatuses.Blocked);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        await ShouldBeRefusedAsync(message, 132068, flowId);
    }
}
