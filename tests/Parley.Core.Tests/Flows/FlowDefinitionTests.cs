using Parley.Core.Flows;

namespace Parley.Core.Tests.Flows;

/// <summary>Reading a flow for playing it: screens, inputs, actions and where it starts.</summary>
public sealed class FlowDefinitionTests
{
    [Fact]
    public void AFlowReadsAsItsScreensInputsAndActions()
    {
        var flow = FlowDefinition.TryParse(FlowSamples.TableBooking).ShouldNotBeNull();

        flow.Version.ShouldBe("7.0");
        flow.DataApiVersion.ShouldBeNull();
        flow.Screens.Select(s => s.Id).ShouldBe(["WELCOME", "CONFIRM"]);
        flow.FirstScreen.Id.ShouldBe("WELCOME");

        var welcome = flow.Screen("WELCOME").ShouldNotBeNull();
        welcome.Title.ShouldBe("Welcome");
        welcome.Terminal.ShouldBeFalse();
        welcome.InputNames.ShouldBe(["guest_name", "party_size"]);
        var navigate = welcome.Actions.ShouldHaveSingleItem();
        navigate.Name.ShouldBe("navigate");
        navigate.NextScreen.ShouldBe("CONFIRM");
        navigate.Payload!["guest_name"]!.GetValue<string>().ShouldBe("${form.guest_name}");
    }

    [Fact]
    public void TheTerminalScreensCompleteActionCarriesItsDeclaredPayload()
    {
        var flow = FlowDefinition.TryParse(FlowSamples.TableBooking).ShouldNotBeNull();

        var confirm = flow.Screen("CONFIRM").ShouldNotBeNull();
        confirm.Terminal.ShouldBeTrue();
        confirm.InputNames.ShouldBe(["reminders"]);
        var complete = confirm.Actions.Single(a => a.Name == "complete");
        complete.NextScreen.ShouldBeNull();
        complete.Payload!.Select(p => (p.Key, p.Value!.GetValue<string>())).ShouldBe(
        [
            ("guest_name", "${data.guest_name}"),
            ("party_size", "${data.party_size}"),
            ("reminders", "${form.reminders}"),
            ("source", "flow"),
        ]);
    }

    [Fact]
    public void AFlowWithAnEndpointStartsAtTheRoutingModelsEntryAndKeepsInputsInsideForms()
    {
        var reordered = FlowSamples.Appointment.Edit("\"routing_model\": {", "\"routing_model\": {\n    \"SUMMARY\": [],").Edit(",\n    \"SUMMARY\": []\n", "\n");
        var flow = FlowDefinition.TryParse(reordered).ShouldNotBeNull();

        flow.DataApiVersion.ShouldBe("3.0");
        flow.FirstScreen.Id.ShouldBe("APPOINTMENT");
        var appointment = flow.Screen("APPOINTMENT").ShouldNotBeNull();
        appointment.InputNames.ShouldBe(["department", "date"]);
        appointment.Actions.Select(a => a.Name).ShouldBe(["data_exchange", "data_exchange"]);
        flow.Screen("SUMMARY")!.Actions.Single().Payload!["confirmed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void WithoutARoutingModelTheFlowStartsAtTheScreenNoNavigateLeadsTo()
    {
        var flow = FlowDefinition.TryParse(TwoScreens(doneLinksBack: false)).ShouldNotBeNull();

        flow.Screens.Select(s => s.Id).ShouldBe(["DONE", "START"]);
        flow.FirstScreen.Id.ShouldBe("START");
    }

    [Fact]
    public void WhenEveryScreenIsNavigatedToTheFirstScreenIsTheFirstInTheDocument() =>
        FlowDefinition.TryParse(TwoScreens(doneLinksBack: true))!.FirstScreen.Id.ShouldBe("DONE");

    [Fact]
    public void AnUnknownScreenIsNull() => FlowDefinition.TryParse(FlowSamples.TableBooking)!.Screen("NOPE").ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{ "version": "7.0" }""")]
    [InlineData("""{ "version": "7.0", "screens": [] }""")]
    [InlineData("""{ "version": "7.0", "screens": [ { "title": "no id" } ] }""")]
    public void TextThatIsNotAFlowWithScreensReadsAsNull(string json) => FlowDefinition.TryParse(json).ShouldBeNull();

    /// <summary>A terminal DONE listed before START, which navigates to it; DONE may link back to START.</summary>
    private static string TwoScreens(bool doneLinksBack) => $$"""
        {
          "version": "7.0",
          "screens": [
            {
              "id": "DONE",
              "terminal": true,
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  {{(doneLinksBack ? """{ "type": "EmbeddedLink", "text": "Again", "on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "START" } } },""" : "")}}
                  { "type": "Footer", "label": "Done", "on-click-action": { "name": "complete" } }
                ]
              }
            },
            {
              "id": "START",
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "Footer", "label": "Go", "on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "DONE" } } }
                ]
              }
            }
          ]
        }
        """;
}
