using System.Net;
using Parley.Server.Automation;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A meta channel's conversational components (welcome message, ice breakers, commands) are Meta's (a fake Graph API
/// here): a change is posted to Meta's <c>/{phone-number-id}/conversational_automation</c> and then mirrored, the
/// number's <c>conversational_automation</c> field is read from Meta, and Meta's refusal comes back in each dialect.
/// </summary>
public sealed class MetaAutomationRelayTests : MetaRelayTestBase
{
    private const string Settings = """
        {"enable_welcome_message":true,"prompts":["Book a flight","Plan a vacation"],
         "commands":[{"command_name":"tickets","command_description":"Book flight tickets"}]}
        """;

    private ConversationalAutomations Automations => Service<ConversationalAutomations>();

    [Fact]
    public async Task SettingTheComponentsIsMadeAtMetaAndThenMirrored()
    {
        MetaAnswers("POST", MetaPath("conversational_automation"), """{"success":true}""");

        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("conversational_automation"), Settings);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, """{"success":true}""");
        var call = MetaReceivedOne("POST", MetaPath("conversational_automation"));
        ShouldBeJson(call.Json, Settings);
        ShouldBeJson((await Automations.GetAsync(Channel.PhoneNumberId, CancellationToken.None)).ToJson(), Settings);
    }

    [Fact]
    public async Task MetasExampleWithTheParametersInTheQueryStringReachesMetaAsAJsonBody()
    {
        MetaAnswers("POST", MetaPath("conversational_automation"), """{"success":true}""");

        var (status, body) = await CloudAsync(HttpMethod.Post,
            CloudPath("conversational_automation") + "?enable_welcome_message=true&prompts=" + Uri.EscapeDataString("""["Book a flight"]"""));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(MetaReceivedOne("POST", MetaPath("conversational_automation")).Json, """{"enable_welcome_message":true,"prompts":["Book a flight"]}""");
    }

    [Fact]
    public async Task TheNumbersFieldIsReadFromMetaUnderTheChannelsId()
    {
        var fields = Uri.EscapeDataString("id,display_phone_number,verified_name,quality_rating,conversational_automation");
        MetaAnswers("GET", $"/v23.0/{Channel.UpstreamPhoneNumberId}?fields={fields}", $$$$"""
            {"id":"{{{{Channel.UpstreamPhoneNumberId}}}}","display_phone_number":"+1 555-000-4444","verified_name":"Jasper's Market","quality_rating":"GREEN",
             "conversational_automation":{"enable_welcome_message":true,"prompts":["Book a flight"],"commands":[],"id":"{{{{Channel.UpstreamPhoneNumberId}}}}"}}
            """);

        var (status, body) = await CloudAsync(HttpMethod.Get, $"/v23.0/{Channel.PhoneNumberId}?fields=conversational_automation");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        MetaReceivedOne("GET", $"/v23.0/{Channel.UpstreamPhoneNumberId}?fields={fields}");
        body["id"]!.GetValue<string>().ShouldBe(Channel.PhoneNumberId);
        ShouldBeJson(body["conversational_automation"],
            $$$$"""{"enable_welcome_message":true,"prompts":["Book a flight"],"commands":[],"id":"{{{{Channel.PhoneNumberId}}}}"}""");
    }

    [Fact]
    public async Task OneMsgReadsAndSetsTheComponentsAtMeta()
    {
        MetaAnswers("GET", $"/v23.0/{Channel.UpstreamPhoneNumberId}?fields=conversational_automation", $$$$"""
            {"conversational_automation":{"enable_welcome_message":false,"prompts":["Hi"],"commands":[],"id":"{{{{Channel.UpstreamPhoneNumberId}}}}"},
             "id":"{{{{Channel.UpstreamPhoneNumberId}}}}"}
            """);

        var (status, body) = await OneMsgAsync(HttpMethod.Get, "conversationalAutomation");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, """{"enable_welcome_message":false,"prompts":["Hi"],"commands":[]}""");
        MetaReceivedOne("GET", $"/v23.0/{Channel.UpstreamPhoneNumberId}?fields=conversational_automation");

        Graph.Respond = r => r.Method == "POST" && r.PathAndQuery == MetaPath("conversational_automation")
            ? new GraphAnswer(200, """{"success":true}""")
            : GraphAnswer.Error(400, 100, "Invalid parameter", "unexpected");
        var (set, setBody) = await OneMsgAsync(HttpMethod.Post, "conversationalAutomation", """{"enable_welcome_message":true}""");

        set.ShouldBe(HttpStatusCode.OK, setBody.ToJsonString());
        var posted = Graph.Requests[^1];
        posted.Authorization.ShouldBe("Bearer " + MetaChannels.UpstreamAccessToken);
        ShouldBeJson(posted.Json, """{"enable_welcome_message":true}""");
        (await Automations.GetAsync(Channel.PhoneNumberId, CancellationToken.None)).EnableWelcomeMessage.ShouldBeTrue();
    }

    [Fact]
    public async Task MetasRefusalIsAnsweredInEachDialectAndTheMirrorStaysAsItWas()
    {
        Graph.Respond = _ => GraphAnswer.Error(400, 100, "Invalid parameter", "Too many prompts provided. Maximum allowed is 4.");

        var (cloudStatus, cloud) = await CloudAsync(HttpMethod.Post, CloudPath("conversational_automation"), Settings);
        var (oneMsgStatus, oneMsg) = await OneMsgAsync(HttpMethod.Post, "conversationalAutomation", Settings);

        cloudStatus.ShouldBe(HttpStatusCode.BadRequest, cloud.ToJsonString());
        cloud.Code().ShouldBe(100);
        cloud.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Too many prompts provided. Maximum allowed is 4.");
        oneMsgStatus.ShouldBe(HttpStatusCode.BadRequest, oneMsg.ToJsonString());
        oneMsg["error"]!.GetValue<string>().ShouldBe("(#100) Invalid parameter");
        Graph.Requests.Count.ShouldBe(2);
        (await Automations.GetAsync(Channel.PhoneNumberId, CancellationToken.None)).EnableWelcomeMessage.ShouldBeFalse();
    }
}
