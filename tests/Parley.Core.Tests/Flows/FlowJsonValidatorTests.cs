using Parley.Core.Flows;

namespace Parley.Core.Tests.Flows;

/// <summary>Flow JSON validation as Meta reports it: codes, messages and the line/column span of the offending JSON.</summary>
public sealed class FlowJsonValidatorTests
{
    [Fact]
    public void AValidFlowWithoutAnEndpointHasNoErrors() => FlowJsonValidator.Validate(FlowSamples.TableBooking).ShouldBeEmpty();

    [Fact]
    public void AValidFlowWithAnEndpointAndRoutingModelHasNoErrors() => FlowJsonValidator.Validate(FlowSamples.Appointment).ShouldBeEmpty();

    [Fact]
    public void AnUnknownPropertyIsInvalidPropertyAtItsNameWithMetasMessage()
    {
        const string json = """
            {
              "version": "7.0",
              "screens": [
                {
                  "id": "ONLY",
                  "terminal": true,
                  "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                      {
                        "type": "Footer",
                        "label": "Done",
                        "initial-text": "x",
                        "on-click-action": { "name": "complete", "payload": {} }
                      }
                    ]
                  }
                }
              ]
            }
            """;

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.ShouldBe(new FlowValidationError("INVALID_PROPERTY", "JSON_SCHEMA_ERROR",
            "The property \"initial-text\" cannot be specified at \"$root/screens/0/layout/children/0\".", 13, 13, 13, 26));
    }

    [Fact]
    public void ASyntaxErrorIsInvalidFlowJsonAtTheLineAndColumnWhereParsingStopped()
    {
        const string json = """
            {
              "version": "7.0",
              "screens": [],,
            }
            """;

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("INVALID_FLOW_JSON");
        error.ErrorType.ShouldBe("INVALID_JSON");
        error.Message.ShouldBe("Flow JSON is not valid.");
        (error.LineStart, error.ColumnStart).ShouldBe((3, 17));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"version\": \"7.0\"")]
    public void TextThatIsNotJsonIsInvalidFlowJson(string json) =>
        FlowJsonValidator.Validate(json).ShouldHaveSingleItem().Error.ShouldBe("INVALID_FLOW_JSON");

    [Fact]
    public void ADocumentThatIsNotAnObjectIsAPropertyTypeError() =>
        FlowJsonValidator.Validate("[]").ShouldHaveSingleItem().Message.ShouldBe("Expected property $root to be of type object, but found array.");

    [Fact]
    public void AMissingVersionIsReported()
    {
        var json = FlowSamples.TableBooking.Edit("\"version\": \"7.0\",", "");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("MISSING_FLOW_JSON_VERSION");
        error.Message.ShouldBe("Flow JSON version is not specified.");
        (error.LineStart, error.ColumnStart).ShouldBe((1, 1));
    }

    [Theory]
    [InlineData("\"2.1\"", "UNSUPPORTED_FLOW_JSON_VERSION", "Unsupported Flow JSON version.")]
    [InlineData("\"9.9\"", "UNSUPPORTED_FLOW_JSON_VERSION", "Unsupported Flow JSON version.")]
    [InlineData("\"2024\"", "INVALID_FLOW_JSON_VERSION", "Invalid Flow JSON version.")]
    [InlineData("7", "INVALID_FLOW_JSON_VERSION", "Invalid Flow JSON version.")]
    public void AVersionMetaDoesNotServeIsReportedAtTheVersion(string version, string code, string message)
    {
        var json = FlowSamples.TableBooking.Edit("\"version\": \"7.0\"", "\"version\": " + version);

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe(code);
        error.Message.ShouldBe(message);
        var (line, column) = FlowSamples.Find(json, version);
        (error.LineStart, error.ColumnStart, error.ColumnEnd).ShouldBe((line, column, column + version.Length - 1));
    }

    [Fact]
    public void DataChannelUriIsNoLongerAllowed()
    {
        var json = FlowSamples.TableBooking.Edit("\"version\": \"7.0\",", "\"version\": \"7.0\", \"data_channel_uri\": \"https://example.com\",");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("INVALID_PROPERTY_KEY");
        error.Message.ShouldStartWith("Property `data_channel_uri` is no longer supported in Flow JSON as of version '3.0'.");
    }

    [Fact]
    public void ScreensAreRequiredAndMayNotBeEmpty()
    {
        FlowJsonValidator.Validate("""{ "version": "7.0" }""").ShouldHaveSingleItem()
            .ShouldBe(new FlowValidationError("MISSING_REQUIRED_PROPERTY", "JSON_SCHEMA_ERROR", "Required property 'screens' is missing.", 1, 1, 1, 20));
        FlowJsonValidator.Validate("""{ "version": "7.0", "screens": [] }""").ShouldHaveSingleItem()
            .ShouldBe(new FlowValidationError("MIN_ITEMS_REQUIRED", "JSON_SCHEMA_ERROR", "Property 'screens' should have at least '1' item.", 1, 1, 32, 33));
    }

    [Fact]
    public void AnErrorAboutAnObjectSpansItFromItsOpeningToItsClosingBrace()
    {
        const string json = """
            {
              "version": "7.0",
              "screens": [
                {
                  "id": "ONLY",
                  "terminal": true
                }
              ]
            }
            """;

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(new FlowValidationError("MISSING_REQUIRED_PROPERTY", "JSON_SCHEMA_ERROR", "Required property 'layout' is missing.", 4, 7, 5, 5));
    }

    [Theory]
    [InlineData("FIRST_1", "PATTERN_MISMATCH", "Property id should only consist of alphabets and underscores.")]
    [InlineData("", "MIN_CHARS_REQUIRED", "Property 'id' should have at least '1' character.")]
    [InlineData("SUCCESS", "SCREEN_ID_IS_RESERVED_KEYWORD", "Screen id cannot be 'success' since it is a reserved keyword.")]
    [InlineData("success", "SCREEN_ID_IS_RESERVED_KEYWORD", "Screen id cannot be 'success' since it is a reserved keyword.")]
    public void AScreenIdMustBeLettersAndUnderscoresAndNotSuccess(string id, string code, string message)
    {
        var json = Single("\"id\": \"" + id + "\"");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe(code);
        error.Message.ShouldBe(message);
        var (line, column) = FlowSamples.Find(json, "\"" + id + "\"");
        (error.LineStart, error.ColumnStart, error.ColumnEnd).ShouldBe((line, column, column + id.Length + 1));
    }

    [Fact]
    public void ScreenIdsAreUnique()
    {
        var json = FlowSamples.TableBooking.Edit("\"id\": \"CONFIRM\"", "\"id\": \"WELCOME\"").Edit("\"name\": \"CONFIRM\"", "\"name\": \"WELCOME\"");

        var errors = FlowJsonValidator.Validate(json);

        var duplicate = errors.Single(e => e.Error == "DUPLICATE_SCREEN_IDS");
        duplicate.Message.ShouldBe("Duplicate screen id found: WELCOME.");
        duplicate.LineStart.ShouldBe(FlowSamples.Find(json, "\"id\": \"WELCOME\",\n      \"title\": \"Confirm\"").Line);
    }

    [Fact]
    public void ALayoutOtherThanSingleColumnIsAnEnumError()
    {
        var json = Single("\"id\": \"ONLY\"").Edit("SingleColumnLayout", "TwoColumnLayout");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("INVALID_ENUM_VALUE");
        error.Message.ShouldBe("Value should be one of: [SingleColumnLayout].");
        error.LineStart.ShouldBe(FlowSamples.Find(json, "TwoColumnLayout").Line);
    }

    [Fact]
    public void AnUnknownComponentTypeIsAnInvalidValue()
    {
        var json = FlowSamples.TableBooking.Edit("\"type\": \"TextHeading\"", "\"type\": \"Marquee\"");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("INVALID_PROPERTY_VALUE");
        error.Message.ShouldBe("Invalid value found for property 'type' at \"$root/screens/0/layout/children/0\".");
    }

    [Fact]
    public void AComponentWithoutItsRequiredPropertyIsReportedAtTheComponent()
    {
        var json = FlowSamples.TableBooking.Edit("\"name\": \"guest_name\", \"label\": \"Your name\", ", "\"name\": \"guest_name\", ");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("MISSING_REQUIRED_PROPERTY");
        error.Message.ShouldBe("Required property 'label' is missing.");
        var (line, column) = FlowSamples.Find(json, "{ \"type\": \"TextInput\"");
        (error.LineStart, error.LineEnd, error.ColumnStart).ShouldBe((line, line, column));
    }

    [Fact]
    public void AComponentWithoutATypeIsMissingRequiredType()
    {
        var json = FlowSamples.TableBooking.Edit("{ \"type\": \"TextHeading\", \"text\": \"Book a table\" }", "{ \"text\": \"Book a table\" }");

        FlowJsonValidator.Validate(json).ShouldHaveSingleItem().Error.ShouldBe("MISSING_REQUIRED_TYPE_PROPERTY");
    }

    [Fact]
    public void AMistypedScreenPropertyIsAPropertyTypeError()
    {
        var json = FlowSamples.TableBooking.Edit("\"terminal\": true", "\"terminal\": \"yes\"");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Error == "INVALID_PROPERTY_TYPE" && e.Message == "Expected property $root/screens/1/terminal to be of type boolean, but found string.");
    }

    /// <summary>A one-screen terminal flow whose screen starts with <paramref name="idMember"/>.</summary>
    private static string Single(string idMember) => $$"""
        {
          "version": "7.0",
          "screens": [
            {
              {{idMember}},
              "terminal": true,
              "layout": {
                "type": "SingleColumnLayout",
                "children": [
                  { "type": "Footer", "label": "Done", "on-click-action": { "name": "complete", "payload": {} } }
                ]
              }
            }
          ]
        }
        """;
}
