using Parley.Core.Flows;

namespace Parley.Core.Tests.Flows;

/// <summary>Malformed documents give validation errors (or no parsed flow), never exceptions.</summary>
public sealed class FlowJsonOddInputTests
{
    public static TheoryData<string> OddDocuments =>
    [
        "null",
        "42",
        """{ "version": null, "screens": null, "routing_model": [], "data_api_version": 3 }""",
        """{ "version": "7.0", "screens": [ null, 1, "x", [] ] }""",
        """{ "version": "7.0", "screens": [ { "id": 7, "layout": null } ] }""",
        """{ "version": "7.0", "screens": [ { "id": "A", "layout": { "type": 1, "children": {} } } ] }""",
        """{ "version": "7.0", "screens": [ { "id": "A", "terminal": true, "layout": { "type": "SingleColumnLayout", "children": [ null, 1, { "type": null }, { "type": "Footer", "label": "x", "on-click-action": "go" } ] } } ] }""",
        """{ "version": "7.0", "screens": [ { "id": "A", "terminal": true, "layout": { "type": "SingleColumnLayout", "children": [ { "type": "Footer", "label": "x", "on-click-action": { "name": "navigate", "next": "B" } } ] } } ] }""",
        """{ "version": "7.0", "data_api_version": "3.0", "routing_model": { "A": "B", "B": [1, null] }, "screens": [ { "id": "A", "terminal": true, "layout": { "type": "SingleColumnLayout", "children": [ { "type": "If", "condition": "x", "then": {}, "else": 3 }, { "type": "Switch", "value": "x", "cases": [] } ] } } ] }""",
        """{ "version": "7.0", "screens": [ { "id": "A\u00e9", "a/b": 1, "layout": { "type": "SingleColumnLayout", "children": [] } } ] }""",
        new string('[', 300) + new string(']', 300),
    ];

    [Theory]
    [MemberData(nameof(OddDocuments))]
    public void AnOddDocumentIsReportedNotThrown(string json)
    {
        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(e => e.LineStart >= 1 && e.ColumnStart >= 1 && e.LineEnd >= e.LineStart && e.Message.Length > 0);
        Should.NotThrow(() => FlowDefinition.TryParse(json));
    }

    [Fact]
    public void AKeyRepeatedInAPayloadKeepsItsLastValue()
    {
        const string json = """{ "version": "7.0", "screens": [ { "id": "A", "terminal": true, "layout": { "type": "SingleColumnLayout", "children": [ { "type": "Footer", "label": "x", "on-click-action": { "name": "complete", "payload": { "a": 1, "a": { "b": [2, null] } } } } ] } } ] }""";

        FlowJsonValidator.Validate(json).ShouldBeEmpty();
        var payload = FlowDefinition.TryParse(json)!.FirstScreen.Actions.Single().Payload!;
        payload.ToJsonString().ShouldBe("""{"a":{"b":[2,null]}}""");
    }

    [Fact]
    public void ColumnsCountCharactersNotBytes()
    {
        const string json = """{ "version": "7.0", "screens": [ { "id": "ÉCRAN", "terminal": true, "layout": { "type": "SingleColumnLayout", "children": [] } } ], "ünknown": 1 }""";

        var unknown = FlowJsonValidator.Validate(json).Single(e => e.Error == "INVALID_PROPERTY");

        var (line, column) = FlowSamples.Find(json, "\"ünknown\"");
        (unknown.LineStart, unknown.ColumnStart, unknown.ColumnEnd).ShouldBe((line, column, column + 8));
    }
}
