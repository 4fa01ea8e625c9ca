using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class FlowTests
{
    private const string Parameters = "interactive.action.parameters";

    [Theory]
    [InlineData("flow_message_version", "\"2\"", 131009)]
    [InlineData("flow_message_version", "3", 100)]
    [InlineData("flow_message_version", null, 131008)]
    [InlineData("flow_name", "\"signup\"", 131009)]
    [InlineData("flow_id", null, 131008)]
    [InlineData("flow_id", "123", 100)]
    [InlineData("flow_cta", null, 131008)]
    [InlineData("flow_cta", "\"\"", 131009)]
    [InlineData("mode", "\"test\"", 131009)]
    [InlineData("flow_action", "\"jump\"", 131009)]
    [InlineData("flow_action", "\"data_exchange\"", 131009)]
    [InlineData("flow_action_payload.data", "{}", 131009)]
    [InlineData("flow_action_payload.data", "[]", 100)]
    [InlineData("flow_action_payload.next", "\"x\"", 100)]
    [InlineData("flow_token", "1", 100)]
    [InlineData("unknown", "1", 100)]
    public void InvalidFlowParameterFails(string field, string? value, int code) =>
        Samples.FlowById.With($"{Parameters}.{field}", value).ShouldFailWith(code);

    [Fact]
    public void FlowWithBothIdAndNameFailsWithCode131009() =>
        Samples.FlowById.With($"{Parameters}.flow_name", "\"signup\"")
            .ShouldFailWith(131009, "Param interactive['action']['parameters'] must have either flow_id or flow_name, not both.");

    [Fact]
    public void FlowCtaOf30CharactersIsAccepted() => Samples.FlowById.With($"{Parameters}.flow_cta", Str(30)).ShouldSend();

    [Fact]
    public void FlowCtaOver30CharactersFailsWithCode131009() =>
        Samples.FlowById.With($"{Parameters}.flow_cta", Str(31)).ShouldFailWith(131009, "Flow CTA length invalid. Min length: 1, Max length: 30");

    [Fact]
    public void FlowActionPayloadIsOptionalForNavigate() => Samples.FlowById.Without($"{Parameters}.flow_action_payload").ShouldSend();

    [Theory]
    [InlineData("interactive.action.name", "\"flows\"", 131009)]
    [InlineData("interactive.action.parameters", null, 131008)]
    [InlineData("interactive.action.buttons", "[]", 100)]
    public void InvalidFlowActionFails(string path, string? value, int code) => Samples.FlowById.With(path, value).ShouldFailWith(code);
}
