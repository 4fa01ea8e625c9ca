using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators;

/// <summary><c>type: text</c> — S TextMessage; M:messages/text-messages.</summary>
internal static class TextValidator
{
    public static void Validate(ObjectReader message)
    {
        var text = message.RequiredObject("text").AllowOnly("body", "preview_url");
        text.RequiredString("body", Limits.TextBodyMaxLength);
        text.OptionalBool("preview_url");
    }
}
