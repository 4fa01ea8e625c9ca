using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Errors;
using Parley.Core.Users;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// The destination of a 1msg send (seed 000, "chatId" / "phone"; digest A.2): exactly one of <c>chatId</c>
/// (<c>12020721369@c.us</c>, or a group <c>…@g.us</c>) or <c>phone</c> (digits with the country code, as a number or
/// a string). Mapped onto the Cloud API envelope: <c>to</c> = <c>+digits</c> (a full international number, so the
/// channel's calling code is never prepended), or <c>recipient_type: group</c> with the group id.
/// <para>
/// A user known only by their business-scoped user ID (no shared number) has the chat id <c>&lt;BSUID&gt;@bsuid</c>
/// (<c>US.13491208655302741918@bsuid</c>): Parley's own form, as 1msg has none (docs/identities.md). It is accepted
/// back as a send's <c>chatId</c> and becomes the Cloud API <c>recipient</c>.
/// </para>
/// </summary>
internal static partial class OneMsgRecipient
{
    [GeneratedRegex("^([0-9]+)@c\\.us$")]
    private static partial Regex IndividualChatId();

    [GeneratedRegex("^([A-Za-z0-9_=.\\-]+)@g\\.us$")]
    private static partial Regex GroupChatId();

    [GeneratedRegex("^(.+)@bsuid$")]
    private static partial Regex BsuidChatId();

    /// <summary>The suffix of the chat id of a user known only by BSUID.</summary>
    public const string BsuidSuffix = "@bsuid";

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
        if (BsuidChatId().Match(chatId) is { Success: true } bsuid && Bsuid.IsValid(bsuid.Groups[1].Value))
        {
            message["recipient"] = bsuid.Groups[1].Value;
            return null;
        }
        if (GroupChatId().Match(chatId) is { Success: true } group)
        {
            message["recipient_type"] = "group";
            message["to"] = group.Groups[1].Value;
            return null;
        }
        return ErrorCatalog.ParameterValueNotValid.With("The parameter chatId must look like 12020721369@c.us, a business-scoped user ID ending in @bsuid, or a group id ending in @g.us.");
    }

    /// <summary>The 1msg chat id of a stored peer: <c>digits@c.us</c>, <c>BSUID@bsuid</c>, or <c>id@g.us</c> for groups.</summary>
    public static string ChatId(string peer, bool isGroup = false) => peer + (isGroup ? "@g.us" : Bsuid.IsValid(peer) ? BsuidSuffix : "@c.us");
}
