using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages;

public class ContactsTests
{
    private const string Minimal = """
        {"messaging_product":"whatsapp","to":"+16505551234","type":"contacts","contacts":[{"name":{"formatted_name":"John Smith","first_name":"John"}}]}
        """;

    [Fact]
    public void ContactWithFormattedNameAndOneOtherNamePartIsAccepted() => Minimal.ShouldSend();

    [Fact]
    public void FiveContactsAreAccepted() =>
        Minimal.With("contacts", Array(5, _ => """{"name":{"formatted_name":"A B","last_name":"B"}}""")).ShouldSend();

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"name":{"formatted_name":"A","first_name":"A"}},{"name":{"formatted_name":"A","first_name":"A"}},{"name":{"formatted_name":"A","first_name":"A"}},{"name":{"formatted_name":"A","first_name":"A"}},{"name":{"formatted_name":"A","first_name":"A"}},{"name":{"formatted_name":"A","first_name":"A"}}]""")]
    public void ContactCountOutsideOneToFiveFailsWithCode131009(string contacts) =>
        Minimal.With("contacts", contacts).ShouldFailWith(131009, "Param contacts must contain between 1 and 5 items.");

    [Fact]
    public void ContactWithoutNameFailsWithCode131008() =>
        Minimal.Without("contacts[0].name").ShouldFailWith(131008, "The parameter contacts[0]['name'] is required.");

    [Fact]
    public void ContactNameWithoutFormattedNameFailsWithCode131008() =>
        Minimal.Without("contacts[0].name.formatted_name").ShouldFailWith(131008, "The parameter contacts[0]['name']['formatted_name'] is required.");

    [Fact]
    public void ContactNameWithOnlyFormattedNameFailsWithCode131008() =>
        Minimal.Without("contacts[0].name.first_name").ShouldFailWith(131008,
            "The parameter contacts[0]['name'] requires at least one of first_name, last_name, middle_name, suffix, prefix besides formatted_name.");

    [Theory]
    [InlineData("contacts[0].birthday", "\"2012-13-01\"", 131009)]
    [InlineData("contacts[0].birthday", "\"18-08-2012\"", 131009)]
    [InlineData("contacts[0].birthday", "\"2012-8-18\"", 131009)]
    [InlineData("contacts[0].birthday", "20120818", 100)]
    [InlineData("contacts[0].addresses[0].type", "\"OFFICE\"", 131009)]
    [InlineData("contacts[0].emails[0].type", "\"home\"", 131009)]
    [InlineData("contacts[0].urls[0].type", "\"BLOG\"", 131009)]
    [InlineData("contacts[0].phones[0].type", "\"FAX\"", 131009)]
    [InlineData("contacts[0].emails[0].email", null, 131008)]
    [InlineData("contacts[0].phones[0].phone", null, 131008)]
    [InlineData("contacts[0].urls[0].url", null, 131008)]
    [InlineData("contacts[0].addresses[0].planet", "\"Earth\"", 100)]
    [InlineData("contacts[0].org.ceo", "\"x\"", 100)]
    [InlineData("contacts[0].name.nickname", "\"x\"", 100)]
    [InlineData("contacts[0].nickname", "\"x\"", 100)]
    [InlineData("contacts[0].phones", "{}", 100)]
    [InlineData("contacts[0].phones[0]", "\"+1 650\"", 100)]
    [InlineData("contacts", "{}", 100)]
    public void InvalidContactFails(string path, string? value, int code) =>
        Samples.Contacts.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData("CELL")]
    [InlineData("MAIN")]
    [InlineData("IPHONE")]
    public void PhoneTypesFromMetasContactsReferenceAreAccepted(string type) =>
        Samples.Contacts.With("contacts[0].phones[0].type", $"\"{type}\"").ShouldSend();
}
