using System.Text.Json;
using Parley.Core.Profiles;

namespace Parley.Core.Tests.Profiles;

public class BusinessProfileRulesTests
{
    private static Outcome<BusinessProfileUpdate> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return BusinessProfileRules.ParseUpdate(document.RootElement);
    }

    private static void ShouldFail(string json, int code = 100, int status = 400, string? detailsContain = null)
    {
        var outcome = Parse(json);
        outcome.Succeeded.ShouldBeFalse(json);
        outcome.Error!.Code.ShouldBe(code);
        outcome.Error.HttpStatus.ShouldBe(status);
        if (detailsContain is not null)
        {
            outcome.Error.Details.ShouldContain(detailsContain);
        }
    }

    [Fact]
    public void APartialUpdateGivesOnlyTheFieldsSent()
    {
        var update = Parse("""{"messaging_product":"whatsapp","about":"Fresh fruit 🍎","websites":["https://a.example","http://b.example/x"]}""");

        update.Succeeded.ShouldBeTrue();
        update.Value!.About.ShouldBe("Fresh fruit 🍎");
        update.Value.Websites.ShouldBe(["https://a.example", "http://b.example/x"]);
        update.Value.Address.ShouldBeNull();
        update.Value.Email.ShouldBeNull();
        BusinessProfile.Empty.With(update.Value).Vertical.ShouldBe("UNDEFINED");
    }

    [Theory]
    [InlineData("""{"about":"x"}""", "messaging_product is required")]
    [InlineData("""{"messaging_product":"sms","about":"x"}""", "must be \"whatsapp\"")]
    [InlineData("""{"messaging_product":"whatsapp","colour":"red"}""", "colour")]
    [InlineData("""{"messaging_product":"whatsapp","about":""}""", "about")]
    [InlineData("""{"messaging_product":"whatsapp","about":"   "}""", "about")]
    [InlineData("""{"messaging_product":"whatsapp","about":7}""", "must be a string")]
    [InlineData("""{"messaging_product":"whatsapp","email":"not-an-email"}""", "email")]
    [InlineData("""{"messaging_product":"whatsapp","email":"a@b"}""", "email")]
    [InlineData("""{"messaging_product":"whatsapp","vertical":"SPACE"}""", "vertical")]
    [InlineData("""{"messaging_product":"whatsapp","websites":"https://a.example"}""", "websites")]
    [InlineData("""{"messaging_product":"whatsapp","websites":["https://a.example","https://b.example","https://c.example"]}""", "at most 2")]
    [InlineData("""{"messaging_product":"whatsapp","websites":["www.example.com"]}""", "websites[0]")]
    [InlineData("""{"messaging_product":"whatsapp","websites":["ftp://example.com"]}""", "websites[0]")]
    public void InvalidFieldsAreCode100(string json, string detail) => ShouldFail(json, detailsContain: detail);

    [Theory]
    [InlineData("about", BusinessProfileLimits.AboutMaxLength)]
    [InlineData("address", BusinessProfileLimits.AddressMaxLength)]
    [InlineData("description", BusinessProfileLimits.DescriptionMaxLength)]
    public void TextFieldsAreLimitedInCharactersNotBytes(string field, int max)
    {
        Parse($$"""{"messaging_product":"whatsapp","{{field}}":"{{new string('a', max)}}"}""").Succeeded.ShouldBeTrue();
        Parse($$"""{"messaging_product":"whatsapp","{{field}}":"{{string.Concat(Enumerable.Repeat("😀", max))}}"}""").Succeeded.ShouldBeTrue();
        ShouldFail($$"""{"messaging_product":"whatsapp","{{field}}":"{{new string('a', max + 1)}}"}""", detailsContain: field);
    }

    [Fact]
    public void EmailAndWebsitesHaveTheirLengthLimits()
    {
        var local = new string('a', BusinessProfileLimits.EmailMaxLength - "@example.com".Length);
        Parse($$"""{"messaging_product":"whatsapp","email":"{{local}}@example.com"}""").Succeeded.ShouldBeTrue();
        ShouldFail($$"""{"messaging_product":"whatsapp","email":"{{local}}a@example.com"}""", detailsContain: "email");

        var path = new string('p', BusinessProfileLimits.WebsiteMaxLength - "https://example.com/".Length);
        Parse($$"""{"messaging_product":"whatsapp","websites":["https://example.com/{{path}}"]}""").Succeeded.ShouldBeTrue();
        ShouldFail($$"""{"messaging_product":"whatsapp","websites":["https://example.com/{{path}}p"]}""", detailsContain: "websites[0]");
    }

    [Fact]
    public void AnEmptyVerticalClearsItAndEveryListedVerticalIsAccepted()
    {
        Parse("""{"messaging_product":"whatsapp","vertical":""}""").Value!.Vertical.ShouldBe("UNDEFINED");
        foreach (var vertical in BusinessProfileLimits.Verticals)
        {
            Parse($$"""{"messaging_product":"whatsapp","vertical":"{{vertical}}"}""").Value!.Vertical.ShouldBe(vertical);
        }
    }

    [Fact]
    public void AProfilePictureHandleMustLookLikeAnUploadHandleElse422()
    {
        Parse("""{"messaging_product":"whatsapp","profile_picture_handle":"4::aW1hZ2UvanBlZw==:ARbXyz-_1"}""").Succeeded.ShouldBeTrue();
        ShouldFail("""{"messaging_product":"whatsapp","profile_picture_handle":"not a handle"}""", status: 422, detailsContain: "invalid or expired");
    }
}
