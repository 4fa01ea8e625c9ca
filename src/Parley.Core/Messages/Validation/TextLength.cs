namespace Parley.Core.Messages.Validation;

/// <summary>String lengths as WhatsApp counts them: in characters (code points), so an emoji counts once.</summary>
internal static class TextLength
{
    public static bool Exceeds(string text, int maxLength)
    {
        // A string no longer than the limit in UTF-16 units cannot have more code points than that.
        if (text.Length <= maxLength)
        {
            return false;
        }
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            if (++count > maxLength)
            {
                return true;
            }
        }
        return false;
    }
}
