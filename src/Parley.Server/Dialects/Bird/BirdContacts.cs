using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Users;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// A WhatsApp user as a Channels contact (docs.bird.com, "Business-Scoped User IDs"): identified by
/// <c>phonenumber</c> (<c>+31612345678</c>) when the business knows their number, else by <c>whatsappbsuid</c>
/// (the BSUID as is). Inbound messages carry the user's BSUID and username in <c>meta.extraInformation</c>
/// (<c>whatsappbsuid</c>, <c>whatsappusername</c>).
/// </summary>
internal static class BirdContacts
{
    public const string PhoneNumberKey = "phonenumber";
    public const string BsuidKey = "whatsappbsuid";
    public const string UsernameKey = "whatsappusername";

    public static bool IsBsuid(string? value) => Bsuid.IsValid(value);

    /// <summary>The contact of a stored peer (phone number digits or BSUID) on a channel.</summary>
    public static JsonObject Of(string channelId, string peer) => IsBsuid(peer)
        ? new JsonObject { ["id"] = BirdIds.Contact(channelId, peer), ["identifierKey"] = BsuidKey, ["identifierValue"] = peer }
        : new JsonObject { ["id"] = BirdIds.Contact(channelId, peer), ["identifierKey"] = PhoneNumberKey, ["identifierValue"] = "+" + peer };

    /// <summary>
    /// <c>meta.extraInformation</c> of an incoming message: its <c>timestamp</c>, and the sender's <c>whatsappbsuid</c>
    /// and <c>whatsappusername</c> when known.
    /// </summary>
    public static JsonObject ExtraInformation(DateTimeOffset createdAt, string? bsuid, string? username)
    {
        var extra = new JsonObject { ["timestamp"] = createdAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        if (bsuid is not null)
        {
            extra[BsuidKey] = bsuid;
        }
        if (username is not null)
        {
            extra[UsernameKey] = username;
        }
        return extra;
    }
}
