using System.Text.Json.Nodes;
using Parley.Core.Flows;

namespace Parley.Core.Tests.Flows;

/// <summary>References in action payloads, and filling a declared payload the way a user's client does.</summary>
public sealed class FlowReferenceTests
{
    [Theory]
    [InlineData("${form.guest_name}", null, "form", "guest_name")]
    [InlineData("${data.user.name}", null, "data", "user.name")]
    [InlineData("${screen.DETAILS.form.email}", "DETAILS", "form", "email")]
    [InlineData("${screen.ROOT.data.products}", "ROOT", "data", "products")]
    public void AWholeReferenceParses(string value, string? screen, string source, string name) =>
        FlowReference.TryParse(value).ShouldBe(new FlowReference(screen, source, name));

    [Theory]
    [InlineData("flow")]
    [InlineData("")]
    [InlineData("Hello ${form.name}")]
    [InlineData("${form.}")]
    [InlineData("${global.x}")]
    [InlineData("${screen.A.form}")]
    public void AnythingElseIsALiteral(string value) => FlowReference.TryParse(value).ShouldBeNull();

    [Fact]
    public void FillingTheCompletePayloadReplacesReferencesAndKeepsLiterals()
    {
        var complete = FlowDefinition.TryParse(FlowSamples.TableBooking)!.Screen("CONFIRM")!.Actions.Single(a => a.Name == "complete");
        var answers = new Dictionary<string, JsonNode?> { ["reminders"] = JsonValue.Create(true) };
        var data = new JsonObject { ["guest_name"] = "Ada", ["party_size"] = "4" };

        var filled = FlowReference.Fill(complete.Payload!, r => r.Source == "form" ? answers[r.Name] : data[r.Name]);

        filled.ToJsonString().ShouldBe("""{"guest_name":"Ada","party_size":"4","reminders":true,"source":"flow"}""");
        complete.Payload!["guest_name"]!.GetValue<string>().ShouldBe("${data.guest_name}");
    }

    [Fact]
    public void ReferencesInsideNestedObjectsAndArraysAreFilledToo()
    {
        var declared = JsonNode.Parse("""{ "order": { "items": ["${form.item}", 2], "note": null } }""")!.AsObject();

        var filled = FlowReference.Fill(declared, _ => "pizza");

        filled.ToJsonString().ShouldBe("""{"order":{"items":["pizza",2],"note":null}}""");
    }
}
