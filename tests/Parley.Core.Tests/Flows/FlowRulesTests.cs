using Parley.Core.Flows;

namespace Parley.Core.Tests.Flows;

/// <summary>Meta's flow-level rules: terminal screens, where actions may appear, navigate targets and the routing model.</summary>
public sealed class FlowRulesTests
{
    [Fact]
    public void AFlowWithoutATerminalScreenIsMissingTerminalScreen()
    {
        var json = FlowSamples.TableBooking.Edit("\"terminal\": true,", "").Edit("\"success\": true,", "")
            .Edit("\"name\": \"complete\"", "\"name\": \"navigate\", \"next\": { \"type\": \"screen\", \"name\": \"WELCOME\" }");

        var errors = FlowJsonValidator.Validate(json);

        var missing = errors.Single(e => e.Error == "MISSING_TERMINAL_SCREEN");
        missing.Message.ShouldBe("Terminal screen is required but not provided.");
        missing.LineStart.ShouldBe(FlowSamples.Find(json, "\"screens\"").Line);
    }

    [Fact]
    public void ATerminalScreenWithoutAFooterIsReported()
    {
        var json = FlowSamples.TableBooking;
        var footer = json.LastIndexOf("\"Footer\"", json.IndexOf("\"label\": \"Book\"", StringComparison.Ordinal), StringComparison.Ordinal);
        json = (json[..footer] + "\"EmbeddedLink\"" + json[(footer + "\"Footer\"".Length)..]).Edit("\"label\": \"Book\"", "\"text\": \"Book\"");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Error == "MISSING_FOOTER_ON_TERMINAL_SCREEN" && e.Message == "Footer component is missing on terminal screens: CONFIRM.");
    }

    [Fact]
    public void CompleteOnANonTerminalScreenIsAnInvalidCompleteAction()
    {
        var json = FlowSamples.TableBooking.Edit("\"name\": \"navigate\",\n", "\"name\": \"complete\",\n");

        var error = FlowJsonValidator.Validate(json).Single(e => e.Error == "INVALID_COMPLETE_ACTION");

        error.Message.ShouldBe("On-click-action 'complete' can only be configured on a terminal screen.");
        error.LineStart.ShouldBe(FlowSamples.Find(json, "\"name\": \"complete\"").Line);
    }

    [Fact]
    public void CompleteIsNotAnActionOfAnEmbeddedLink()
    {
        var json = FlowSamples.TableBooking.Edit(
            "{ \"type\": \"TextBody\", \"text\": \"${data.guest_name}, we hold a table for you.\" }",
            "{ \"type\": \"EmbeddedLink\", \"text\": \"Done\", \"on-click-action\": { \"name\": \"complete\", \"payload\": {} } }");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("INVALID_ENUM_VALUE");
        error.Message.ShouldBe("Value should be one of: [data_exchange, navigate, open_url].");
    }

    [Fact]
    public void SuccessOnANonTerminalScreenIsRejected()
    {
        var json = FlowSamples.TableBooking.Edit("\"title\": \"Welcome\",", "\"title\": \"Welcome\", \"success\": true,");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("NOT_KEYWORD_SCHEMA_VALIDATION_FAILED");
        error.Message.ShouldBe("Property 'success' can only be specified on a terminal screen.");
    }

    [Fact]
    public void TwoFootersOnAScreenAreTooMany()
    {
        var json = FlowSamples.TableBooking.Edit(
            "{ \"type\": \"TextHeading\", \"text\": \"Book a table\" }",
            "{ \"type\": \"Footer\", \"label\": \"Skip\", \"on-click-action\": { \"name\": \"navigate\", \"next\": { \"type\": \"screen\", \"name\": \"CONFIRM\" } } }");

        FlowJsonValidator.Validate(json).ShouldHaveSingleItem().Error.ShouldBe("MORE_THAN_ONE_FOOTER");
    }

    [Fact]
    public void NavigatingToAnUnknownScreenNamesIt()
    {
        var json = FlowSamples.TableBooking.Edit("\"name\": \"CONFIRM\"", "\"name\": \"CHECKOUT\"");

        var errors = FlowJsonValidator.Validate(json);

        var error = errors.First(e => e.Error == "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME");
        error.Message.ShouldBe("Unknown screen ids found: [CHECKOUT].");
        var (line, column) = FlowSamples.Find(json, "\"CHECKOUT\"");
        (error.LineStart, error.ColumnStart, error.ColumnEnd).ShouldBe((line, column, column + 9));
    }

    [Fact]
    public void NavigatingToTheSameScreenIsALoop()
    {
        var json = FlowSamples.TableBooking.Edit("\"name\": \"CONFIRM\"", "\"name\": \"WELCOME\"");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Error == "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME" && e.Message == "Same screen navigation is not allowed. Loop detected at [WELCOME].");
    }

    [Fact]
    public void AScreenNoNavigateReachesIsNotConnected()
    {
        var json = FlowSamples.TableBooking.Edit("\"next\": { \"type\": \"screen\", \"name\": \"CONFIRM\" }", "\"next\": { \"type\": \"screen\", \"name\": \"WELCOME\" }");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Error == "INVALID_ROUTING_MODEL" && e.Message ==
            "Following screens are not connected to any of the screens: WELCOME, CONFIRM. A connection is formed by the navigate screen action.");
    }

    [Fact]
    public void DataExchangeNeedsADataApiVersion()
    {
        var json = FlowSamples.Appointment.Edit("\"data_api_version\": \"3.0\",", "").Edit("\"refresh_on_back\": true,", "");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Error == "MISSING_REQUIRED_PROPERTY" && e.Message == "The property 'data_api_version' is required for data_exchange action.");
        errors.ShouldAllBe(e => e.Error == "MISSING_REQUIRED_PROPERTY");
    }

    [Fact]
    public void ADataApiVersionNeedsARoutingModel()
    {
        var json = FlowSamples.Appointment.Edit("""
              "routing_model": {
                "APPOINTMENT": ["DETAILS"],
                "DETAILS": ["SUMMARY"],
                "SUMMARY": []
              },
            """, "");

        var errors = FlowJsonValidator.Validate(json);

        var error = errors.Single(e => e.Message == "The property 'routing_model' is required for property 'data_api_version'.");
        error.Error.ShouldBe("MISSING_REQUIRED_PROPERTY");
        error.LineStart.ShouldBe(FlowSamples.Find(json, "\"data_api_version\"").Line);
    }

    [Fact]
    public void AnUnsupportedDataApiVersionIsReported()
    {
        var json = FlowSamples.Appointment.Edit("\"data_api_version\": \"3.0\"", "\"data_api_version\": \"2.0\"");

        FlowJsonValidator.Validate(json).ShouldContain(e => e.Error == "NO_SUPPORTED_DATA_API_VERSION");
    }

    [Fact]
    public void RefreshOnBackNeedsAnEndpoint()
    {
        var json = FlowSamples.TableBooking.Edit("\"title\": \"Welcome\",", "\"title\": \"Welcome\", \"refresh_on_back\": true,");

        FlowJsonValidator.Validate(json).ShouldHaveSingleItem().Message.ShouldBe("Property 'refresh_on_back' can be true only when property 'data_api_version' is set.");
    }

    [Fact]
    public void ANavigateTheRoutingModelDoesNotDeclareIsAMissingRoute()
    {
        var json = FlowSamples.Appointment.Edit("\"DETAILS\": [\"SUMMARY\"]", "\"DETAILS\": []").Edit("\"APPOINTMENT\": [\"DETAILS\"]", "\"APPOINTMENT\": [\"DETAILS\", \"SUMMARY\"]");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("INVALID_ROUTING_MODEL");
        error.Message.ShouldBe("Missing direct route from screen 'DETAILS' to screen 'SUMMARY' in the routing model, while it exists in the navigate screen action of screen 'DETAILS'.");
        error.LineStart.ShouldBe(FlowSamples.Find(json, "\"name\": \"SUMMARY\"").Line);
    }

    [Fact]
    public void RoutesToAndFromUnknownScreensAreInvalid()
    {
        var json = FlowSamples.Appointment.Edit("\"SUMMARY\": []", "\"SUMMARY\": [], \"PAYMENT\": [\"RECEIPT\"]");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Message.ShouldBe("Invalid screens found in the routing model: PAYMENT, RECEIPT.");
        error.LineStart.ShouldBe(FlowSamples.Find(json, "\"routing_model\"").Line);
    }

    [Fact]
    public void EveryScreenMustAppearInTheRoutingModel()
    {
        var json = FlowSamples.Appointment.Edit(",\n    \"SUMMARY\": []", "");

        FlowJsonValidator.Validate(json).ShouldHaveSingleItem().Message.ShouldBe("Following screens are missing in the routing model: SUMMARY.");
    }

    [Fact]
    public void ABackwardRouteIsNotAllowed()
    {
        var json = FlowSamples.Appointment.Edit("\"DETAILS\": [\"SUMMARY\"]", "\"DETAILS\": [\"SUMMARY\", \"APPOINTMENT\"]");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Message == "Backward route [DETAILS->APPOINTMENT] corresponding to forward route [APPOINTMENT->DETAILS] is not allowed in the routing model. Only forward routes can be specified.");
        errors.ShouldContain(e => e.Message == "No entry screen found in the routing model. Expected a screen with no inbound edges as the entry screen.");
    }

    [Fact]
    public void ALoopThroughThreeScreensIsDetected()
    {
        var json = FlowSamples.Appointment.Edit("\"SUMMARY\": []", "\"SUMMARY\": [\"APPOINTMENT\"]");

        var errors = FlowJsonValidator.Validate(json);

        errors.ShouldContain(e => e.Error == "INVALID_ROUTING_MODEL" && e.Message == "Loop detected in the routing model for screens: APPOINTMENT, DETAILS, SUMMARY.");
    }

    [Fact]
    public void MoreThanTenBranchesFromAScreenAreTooMany()
    {
        var targets = string.Join(", ", Enumerable.Range(0, 11).Select(i => "\"S" + (char)('A' + i) + "\""));
        var json = FlowSamples.Appointment.Edit("\"SUMMARY\": []", "\"SUMMARY\": [" + targets + "]");

        FlowJsonValidator.Validate(json).ShouldContain(e => e.Message == "Number of branches exceeds the max limit of 10 for screen: SUMMARY.");
    }

    [Fact]
    public void AScreenCutOffFromTheRestIsNotConnected()
    {
        var json = FlowSamples.Appointment.Edit("\"APPOINTMENT\": [\"DETAILS\"]", "\"APPOINTMENT\": []").Edit("\"DETAILS\": [\"SUMMARY\"]", "\"DETAILS\": [\"SUMMARY\"]");

        FlowJsonValidator.Validate(json).ShouldContain(e => e.Message == "Following screens are not connected with the rest of the screens : DETAILS, SUMMARY. All screens should be connected.");
    }

    [Fact]
    public void AnInputOutsideTheScreensFormIsNotAllowed()
    {
        var json = FlowSamples.Appointment.Edit(
            "{ \"type\": \"DatePicker\", \"name\": \"date\", \"label\": \"Date\" },", "").Edit(
            "\"children\": [\n          {\n            \"type\": \"Form\",", "\"children\": [\n          { \"type\": \"DatePicker\", \"name\": \"date\", \"label\": \"Date\" },\n          {\n            \"type\": \"Form\",");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("COMPONENTS_OUTSIDE_FORM");
        error.Message.ShouldBe("Component 'DatePicker' is not allowed outside Form when Form component is present.");
    }

    [Fact]
    public void AScreenHoldsAtMostTwoEmbeddedLinks()
    {
        const string link = "{ \"type\": \"EmbeddedLink\", \"text\": \"Terms\", \"on-click-action\": { \"name\": \"open_url\", \"url\": \"https://example.com\" } },";
        var json = FlowSamples.TableBooking.Edit("{ \"type\": \"TextHeading\", \"text\": \"Book a table\" },", link + link + link);

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("MAX_EMBEDDED_LINK_PER_SCREEN");
        error.Message.ShouldBe("Maximum number of EmbeddedLink allowed per screen is 2 but found 3.");
    }

    [Fact]
    public void AMinimumAboveItsMaximumIsReportedAtTheMinimum()
    {
        var json = FlowSamples.TableBooking.Edit("\"label\": \"Your name\", \"required\": true", "\"label\": \"Your name\", \"min-chars\": 10, \"max-chars\": 3");

        var error = FlowJsonValidator.Validate(json).ShouldHaveSingleItem();

        error.Error.ShouldBe("MIN_VALUE_GREATER_THAN_MAX");
        error.Message.ShouldBe("min-chars cannot be greater than max-chars for TextInput guest_name.");
        var (line, column) = FlowSamples.Find(json, "10, \"max-chars\"");
        (error.LineStart, error.ColumnStart, error.ColumnEnd).ShouldBe((line, column, column + 1));
    }
}
