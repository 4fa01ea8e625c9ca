using System.Buffers;
using System.Globalization;
using System.Text;
using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators;

/// <summary><c>type: reaction</c> — S ReactionMessage; seed003/004 reaction messages.</summary>
internal static class ReactionValidator
{
    /// <summary>Validates the reaction and returns the id of the message reacted to.</summary>
    public static string? Validate(ObjectReader message)
    {
        var reaction = message.RequiredObject("reaction").AllowOnly("message_id", "emoji");
        var messageId = reaction.RequiredString("message_id", Limits.MessageIdMaxLength);
        // An empty emoji removes a previous reaction.
        var emoji = reaction.RequiredString("emoji", allowEmpty: true);
        if (emoji is { Length: > 0 } && !IsSingleEmoji(emoji))
        {
            reaction.Invalid($"Param {reaction.ChildPath("emoji")} must be a single emoji, or empty to remove a reaction.");
        }
        return messageId;
    }

    /// <summary>One grapheme cluster that starts with a symbol (😀, ❤️, 👍🏽, 🇺🇸, 👨‍👩‍👧) or is a keycap (1️⃣).</summary>
    internal static bool IsSingleEmoji(string text)
    {
        if (new StringInfo(text).LengthInTextElements != 1)
        {
            return false;
        }
        const char CombiningEnclosingKeycap = '\u20E3';
        return Rune.DecodeFromUtf16(text, out var first, out _) == OperationStatus.Done
            && (Rune.GetUnicodeCategory(first) == UnicodeCategory.OtherSymbol || text.Contains(CombiningEnclosingKeycap, StringComparison.Ordinal));
    }
}
