namespace Parley.Core.Templates;

/// <summary>
/// Every new WhatsApp Business Account comes with Meta's approved sample template <c>hello_world</c> (en_US), the one
/// Meta's getting-started guide sends; Parley's accounts have it too.
/// </summary>
public static class SampleTemplates
{
    public const string HelloWorldName = "hello_world";
    public const string HelloWorldLanguage = "en_US";

    private const string HelloWorldComponents =
        """
        [{"type":"HEADER","format":"TEXT","text":"Hello World"},{"type":"BODY","text":"Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us."},{"type":"FOOTER","text":"WhatsApp Business Platform sample message"}]
        """;

    public static bool IsHelloWorld(string name, string language) => name == HelloWorldName && language == HelloWorldLanguage;

    public static MessageTemplate HelloWorld(string id, string accountId, DateTimeOffset now) => new(
        id, accountId, HelloWorldName, HelloWorldLanguage, TemplateCategories.Utility, null, TemplateParameterFormats.Positional,
        TemplateStatuses.Approved, TemplateRejectionReasons.None, HelloWorldComponents.Trim(), now, now);
}
