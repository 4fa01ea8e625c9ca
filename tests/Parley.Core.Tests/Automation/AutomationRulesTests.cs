using System.Text.Json.Nodes;
using Parley.Core.Automation;
using Parley.Core.Errors;

namespace Parley.Core.Tests.Automation;

public sealed class AutomationRulesTests
{
    private static Outcome<ConversationalAutomation> Apply(string json, ConversationalAutomation? current = null) =>
        AutomationRules.Apply(current ?? ConversationalAutomation.None, JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void AGivenParameterReplacesItsValueAndTheOthersStay()
    {
        var first = Apply("""{"enable_welcome_message":true,"prompts":["Book a flight"],"commands":[{"command_name":"help","command_description":"Get help"}]}""");
        first.Succeeded.ShouldBeTrue();
        var second = Apply("""{"prompts":[]}""", first.Value);
        second.Value!.EnableWelcomeMessage.ShouldBeTrue();
        second.Value.Prompts.ShouldBeEmpty();
        second.Value.Commands.ShouldBe([new AutomationCommand("help", "Get help")]);
    }

    [Fact]
    public void TheStoredFormReadsBackAsTheSameValue()
    {
        var value = new ConversationalAutomation(true, ["Plan a trip", "Ünïcödé ok"], [new AutomationCommand("trip_1", "Plan a trip")]);
        var read = ConversationalAutomation.FromStored(value.ToJson().ToJsonString());
        read.EnableWelcomeMessage.ShouldBeTrue();
        read.Prompts.ShouldBe(value.Prompts);
        read.Commands.ShouldBe(value.Commands);
        ConversationalAutomation.FromStored(null).ShouldBe(ConversationalAutomation.None);
    }

    [Theory]
    [InlineData("""{"prompts":["a","b","c","d","e"]}""")]
    [InlineData("""{"prompts":[""]}""")]
    [InlineData("""{"prompts":[1]}""")]
    [InlineData("""{"prompts":["Hi ☕"]}""")]
    [InlineData("""{"prompts":["Hi ❤️"]}""")]
    [InlineData("""{"commands":{"command_name":"a","command_description":"b"}}""")]
    [InlineData("""{"commands":[{"command_name":"","command_description":"b"}]}""")]
    [InlineData("""{"commands":[{"command_name":"a b","command_description":"b"}]}""")]
    [InlineData("""{"commands":[{"command_name":"a","command_description":" "}]}""")]
    [InlineData("""{"commands":[{"command_name":"a","command_description":"Go 🚀"}]}""")]
    [InlineData("""{"enable_welcome_message":1}""")]
    public void BrokenLimitsAreInvalidParameterErrors(string json)
    {
        var outcome = Apply(json);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Error.Definition.ShouldBe(ErrorCatalog.InvalidParameter);
    }

    [Fact]
    public void PromptsAreCountedInCharactersAsAUserCountsThem()
    {
        // 80 astral letters (two UTF-16 units each) are 80 characters.
        Apply($$"""{"prompts":["{{string.Concat(Enumerable.Repeat("𝐀", 80))}}"]}""").Succeeded.ShouldBeTrue();
        Apply($$"""{"prompts":["{{string.Concat(Enumerable.Repeat("𝐀", 81))}}"]}""").Succeeded.ShouldBeFalse();
    }

    [Theory]
    [InlineData("/help", "help")]
    [InlineData("/HELP me now", "help")]
    [InlineData("help", null)]
    [InlineData("/pizza", null)]
    public void ATypedTextNamesACommandWhenItStartsWithASlashAndACommandsName(string text, string? command)
    {
        var value = new ConversationalAutomation(false, [], [new AutomationCommand("help", "Get help")]);
        value.CommandOf(text)?.Name.ShouldBe(command);
        (value.CommandOf(text) is null).ShouldBe(command is null);
    }
}
