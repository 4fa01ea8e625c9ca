using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Errors;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// The destination of a 1msg send (seed 000, "chatId" / "phone"; digest A.2): exactly one of <c>chatId</c>
/// (<c>12020721369@c.us</c>, or a group <c>…@g.us</c>) or <c>phone</c> (digits with the country code, as a number or
/// a string). Mapped onto the Cloud API envelope: <c>to</c> = <c>+digits</c> (a full international number, so the
/// channel's calling code is never prepended), or <c>recipient_type: group</c> with the group id.
/// </summary>
internal static partial class OneMsgRecipient
{
    [GeneratedRegex("^([0-9]+)@c\\.us$")]
    private static partial Regex IndividualChatId();

    [GeneratedRegex("^([A-Za-z0-9_=.\\-]+)@g\\.us$")]
    private static partial Regex GroupChatId();

    [GeneratedRegex("^\\+?[0-9]+$")]
    private static partial Regex Phone();

    /// <summary>Writes <c>to</c> (and <c>recipient_type</c> for groups) into <paramref name="message"/>.</summary>
    public static WhatsAppError? Apply(JsonObject body, JsonObject message)
    {
        var hasChat = OneMsgFields.Has(body, "chatId");
        var hasPhone = OneMsgFields.Has(body, "phone");
        if (hasChat && hasPhone)
        {
            return ErrorCatalog.InvalidParameter.With("Only one of chatId or phone may be given.");
        }
        if (!hasChat && !hasPhone)
        {
            return ErrorCatalog.RequiredParameterMissing.With("The parameter chatId or phone is required.");
        }
        if (hasPhone)
        {
            var phone = OneMsgFields.Text(body, "phone")?.Trim();
            if (phone is null || !Phone().IsMatch(phone))
            {
                return ErrorCatalog.ParameterValueNotValid.With("The parameter phone must be a phone number with its country code, digits only (12020721369).");
            }
            message["to"] = "+" + phone.TrimStart('+');
            return null;
        }
        var chatId = OneMsgFields.Text(body, "chatId")?.Trim() ?? "";
        if (IndividualChatId().Match(chatId) is { Success: true } individual)
        {
            message["to"] = "+" + individual.Groups[1].Value;
            return null;
        }
        if (GroupChatId().Match(chatId) is { Success: true } group)
        {
            message["recipient_type"] = "group";
            message["to"] = group.Groups[1].Value;
            return null;
        }
        return ErrorCatalog.ParameterValueNotValid.With("The parameter chatId must look like 12020721369@c.us, or a group id ending in @g.us.");
    }

    /// <summary>The 1msg chat id of a stored peer: <c>digits@c.us</c>, or <c>id@g.us</c> for groups.</summary>
    public static string ChatId(string peer, bool isGroup = false) => peer + (isGroup ? "@g.us" : "@c.us");
}
