using Parley.Core.Messages.Validation;

namespace Parley.Core.Messages.Validators.Interactive;

/// <summary>
/// <c>interactive.type: button</c> — S ActionObject <c>buttons</c>; M:interactive-reply-buttons-messages. The same
/// button shape (<c>{type, &lt;type&gt;: {id, title}}</c>) serves the quick replies of carousel cards.
/// </summary>
internal static class ReplyButtonsValidator
{
    public static void Validate(ObjectReader action)
    {
        action.AllowOnly("buttons");
        var buttons = action.RequiredArray("buttons", Limits.ReplyButtonsMin, Limits.ReplyButtonsMax);
        ValidateButtons(buttons, "reply", Limits.ReplyButtonIdMaxLength, Limits.ReplyButtonTitleMaxLength);
    }

    /// <summary>Ids and titles are required and unique; ids have no leading or trailing spaces.</summary>
    public static void ValidateButtons(ArrayReader buttons, string buttonType, int idMaxLength, int titleMaxLength)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons.Objects())
        {
            button.AllowOnly("type", buttonType);
            button.RequiredEnum("type", buttonType);
            var reply = button.RequiredObject(buttonType).AllowOnly("id", "title");
            var id = reply.RequiredString("id", idMaxLength);
            if (id is not null && (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1])))
            {
                reply.Invalid($"Param {reply.ChildPath("id")} must not have leading or trailing spaces.");
            }
            reply.RequireUnique(ids, id, "Button id");
            reply.RequireUnique(titles, reply.RequiredLabel("title", "Button title", titleMaxLength), "Button title");
        }
    }
}
