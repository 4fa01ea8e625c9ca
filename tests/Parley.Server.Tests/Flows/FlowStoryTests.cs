using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;
using Parley.Server.Tests.Upstreams.Sandbox;

namespace Parley.Server.Tests.Flows;

/// <summary>
/// A flow's whole life in the Cloud API dialect, through HTTP only: created with Flow JSON that has a validation error
/// (listed with its place), fixed by uploading a new asset, published (with its webhook), sent as an interactive message
/// and as a template's FLOW button, completed by a simulated user each time (the <c>nfm_reply</c> with the exact response
/// JSON reaches the business), deprecated, and then refused as Meta refuses a deprecated flow.
/// </summary>
public sealed class FlowStoryTests : SandboxFlowTest
{
    [Fact]
    public async Task AFlowIsFixedPublishedSentTwiceCompletedEachTimeDeprecatedAndThenRefused()
    {
        // Created with an unknown property on its text input: the flow exists, as a draft, with the error listed.
        var broken = SignUpFlowJson.Replace("\"label\": \"Name\",", "\"label\": \"Name\", \"initial-text\": \"x\",", StringComparison.Ordinal);
        var (createStatus, created) = await Tenants.PostAsync(Client, FlowKit.FlowsPath(), new { name = "Story sign up", categories = new[] { "SIGN_UP" }, flow_json = broken });
        createStatus.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        var flowId = created["id"]!.GetValue<string>();
        var error = created["validation_errors"]!.AsArray().ShouldHaveSingleItem()!;
        error["error"]!.GetValue<string>().ShouldBe("INVALID_PROPERTY");
        error["error_type"]!.GetValue<string>().ShouldBe("JSON_SCHEMA_ERROR");
        error["message"]!.GetValue<string>().ShouldContain("initial-text");
        error["line_start"]!.GetValue<int>().ShouldBe(10);

        // It cannot be published while the error is there.
        var (refusedStatus, refused) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(flowId, "publish"));
        refusedStatus.ShouldBe(HttpStatusCode.BadRequest);
        refused["error"]!["code"]!.GetValue<int>().ShouldBe(139002);

        // A fixed asset clears the errors; publishing then works and the business hears of it.
        var (uploadStatus, uploaded) = await FlowKit.UploadAsync(Client, flowId, SignUpFlowJson);
        uploadStatus.ShouldBe(HttpStatusCode.OK, uploaded.ToJsonString());
        uploaded["validation_errors"]!.AsArray().ShouldBeEmpty();
        var (publishStatus, published) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(flowId, "publish"));
        publishStatus.ShouldBe(HttpStatusCode.OK, published.ToJsonString());
        var change = (await Eventually.Get(() => FlowEvents(Receiver), e => e.Any(c => c["flow_id"]!.GetValue<string>() == flowId))).ShouldHaveSingleItem();
        (change["old_status"]!.GetValue<string>(), change["new_status"]!.GetValue<string>()).ShouldBe(("DRAFT", "PUBLISHED"));

        // Sent as an interactive flow message, the user completes it: the nfm_reply carries exactly what they answered.
        var interactive = await SendFlowAsync(flowId, "story-1");
        (await CompleteAsync(interactive, "Ana", "m")).ShouldBe("""{"flow_token":"story-1","customer":"Ana","size":"m","source":"sandbox"}""");

        // Sent as a template's FLOW button, the user completes it again with the send's flow token.
        await TemplateApi.CreateApprovedAsync(Client, FlowButtonTemplate("story_sign_up", "en_US", flowId));
        var template = await CloudApi.SendOkAsync(Client, FlowButtonTemplateSend("story_sign_up", "story-2"));
        (await CompleteAsync(template, "Ben", "s")).ShouldBe("""{"flow_token":"story-2","customer":"Ben","size":"s","source":"sandbox"}""");

        // Deprecated, it is announced, and neither kind of send takes it any more; nothing is stored for them.
        var (deprecateStatus, deprecated) = await FlowKit.PostAsync(Client, FlowKit.FlowPath(flowId, "deprecate"));
        deprecateStatus.ShouldBe(HttpStatusCode.OK, deprecated.ToJsonString());
        await Eventually.Get(() => FlowEvents(Receiver), e => e.Any(c => c["new_status"]!.GetValue<string>() == "DEPRECATED"));
        foreach (var send in new object[] { FlowMessage(flowId), FlowButtonTemplateSend("story_sign_up", "story-3") })
        {
            var (status, body) = await Tenants.PostAsync(Client, CloudApi.MessagesPath, send);
            status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
            body["error"]!["code"]!.GetValue<int>().ShouldBe(131009);
            body["error"]!["error_data"]!["details"]!.GetValue<string>().ShouldContain(flowId);
        }
        var (_, stored) = await Tenants.GetAsync(Client, FlowKit.FlowPath(flowId) + "?fields=status");
        stored["status"]!.GetValue<string>().ShouldBe("DEPRECATED");
    }

    /// <summary>The user opens the flow of <paramref name="messageId"/>, answers both screens, and the business receives the nfm_reply; its response JSON.</summary>
    private async Task<string> CompleteAsync(string messageId, string name, string size)
    {
        var opened = await StepAsync("open", new { message_id = messageId });
        opened["screen"]!["id"]!.GetValue<string>().ShouldBe("DETAILS");
        var confirm = await StepAsync("submit", new { session = opened["session"]!.GetValue<string>(), form = new { name } });
        confirm["screen"]!["id"]!.GetValue<string>().ShouldBe("CONFIRM");
        var done = await StepAsync("submit", new { session = confirm["session"]!.GetValue<string>(), form = new { size } });
        done["state"]!.GetValue<string>().ShouldBe("completed");
        var reply = await NfmReplyAsync(messageId);
        reply["type"]!.GetValue<string>().ShouldBe("interactive");
        var nfm = reply["interactive"]!["nfm_reply"]!;
        (nfm["name"]!.GetValue<string>(), nfm["body"]!.GetValue<string>()).ShouldBe(("flow", "Sent"));
        nfm["response_json"]!.GetValue<string>().ShouldBe(done["response_json"]!.GetValue<string>());
        return nfm["response_json"]!.GetValue<string>();
    }

    private static object FlowMessage(string flowId) => new
    {
        messaging_product = "whatsapp", to = User, type = "interactive",
        interactive = new
        {
            type = "flow", body = new { text = "Join us" },
            action = new { name = "flow", parameters = new { flow_message_version = "3", flow_id = flowId, flow_cta = "Sign up", flow_token = "late" } },
        },
    };
}
