using System.Security.Cryptography;
using System.Text;

namespace Parley.Core.Groups;

/// <summary>
/// Group ids, invite links and join request ids in WhatsApp's shapes. A group id is base64 of
/// <c>capi_group:{phone number id}:{WhatsApp group id}</c> (Meta's example ids decode so), its padding replaced by
/// Graph's <c>Z</c>/<c>D</c> tail, so it holds only letters and digits. A join request id is base64 of
/// <c>{wa_id}:{WhatsApp group id}</c>.
/// </summary>
public static class GroupIds
{
    public const string InviteLinkPrefix = "https://chat.whatsapp.com/";

    /// <summary>A new group id for the business phone number.</summary>
    public static string New(string phoneNumberId) =>
        Encode($"capi_group:{phoneNumberId}:120363{Ids.MessageIds.NewNumericId(12)}");

    /// <summary>A new invite code: 22 random letters and digits, as WhatsApp's.</summary>
    public static string NewInviteCode() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 22);

    public static string InviteLink(string code) => InviteLinkPrefix + code;

    /// <summary>The invite code of a link (or of a bare code); null when it is not one.</summary>
    public static string? InviteCodeOf(string linkOrCode)
    {
        ArgumentNullException.ThrowIfNull(linkOrCode);
        var code = linkOrCode.StartsWith(InviteLinkPrefix, StringComparison.Ordinal) ? linkOrCode[InviteLinkPrefix.Length..] : linkOrCode;
        return code.Length is > 0 and <= 64 && code.All(char.IsAsciiLetterOrDigit) ? code : null;
    }

    /// <summary>A join request id for <paramref name="waId"/>, unique per request.</summary>
    public static string NewJoinRequest(string waId) => Encode($"{waId}:120363{Ids.MessageIds.NewNumericId(12)}");

    /// <summary>
    /// The business phone number id a group id names (<c>capi_group:{phone number id}:{WhatsApp group id}</c>), or null
    /// when <paramref name="groupId"/> is not a group id. Parley's own group ids and Meta's decode the same way.
    /// </summary>
    public static string? PhoneNumberIdOf(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        if (!groupId.StartsWith(Prefix, StringComparison.Ordinal) || groupId.Length > MaxLength || !groupId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        var base64 = groupId.EndsWith("ZD", StringComparison.Ordinal) && (groupId.Length - 2) % 4 != 0 ? groupId[..^2] : groupId;
        if (base64.Length % 4 == 1)
        {
            return null;
        }
        base64 = base64.Replace('-', '+').Replace('_', '/').PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(buffer, 0, written).Split(':');
        return parts is ["capi_group", { Length: > 0 } phoneNumberId, { Length: > 0 } chat] && phoneNumberId.All(char.IsAsciiDigit) && chat.All(char.IsAsciiDigit)
            ? phoneNumberId
            : null;
    }

    /// <summary>What every group id starts with: base64 of <c>capi_group:</c>.</summary>
    private const string Prefix = "Y2FwaV9ncm91cD";

    /// <summary>Longer ids are not group ids (Parley's are about 56 characters).</summary>
    private const int MaxLength = 128;

    private static string Encode(string text)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var padding = base64.Length - base64.TrimEnd('=').Length;
        return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_') + (padding > 0 ? "ZD" : "");
    }
}
