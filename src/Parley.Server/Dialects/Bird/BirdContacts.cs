using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Users;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// A WhatsApp user as a Channels contact (docs.bird.com, "Business-Scoped User IDs"): identified by
/// <c>phonenumber</c> (<c>+31612345678</c>) when the business knows their number, else by <c>whatsappbsuid</c>
/// (the BSUID as is). Inbound messages carry the user's BSUID and username in <c>meta.extraInformation</c>
/// (<c>whatsappbsuid</c>, <c>whatsappusername</c>). Channels has no WhatsApp groups: Parley names a group as a contact
/// of its own, <c>identifierKey: "whatsappgroupid"</c> with the group id, the receiver of a message sent to the group,
/// and names the group of a participant's post in <c>meta.extraInformation.whatsappgroupid</c>.
/// </summary>
internal static class BirdContacts
{
    public const string PhoneNumberKey = "phonenumber";
    public const string BsuidKey = "whatsappbsuid";
    public const string UsernameKey = "whatsappusername";
    public const string GroupKey = "whatsappgroupid";

    public static bool IsBsuid(string? value) => Bsuid.IsValid(value);

    /// <summary>The contact of a stored peer (phone number digits or BSUID) on a channel.</summary>
    public static JsonObject Of(string channelId, string peer) => IsBsuid(peer)
        ? new JsonObject { ["id"] = BirdIds.Contact(channelId, peer), ["identifierKey"] = BsuidKey, ["identifierValue"] = peer }
        : new JsonObject { ["id"] = BirdIds.Contact(channelId, peer), ["identifierKey"] = PhoneNumberKey, ["identifierValue"] = "+" + peer };

    /// <summary>A WhatsApp group as a Channels contact (Parley's own identifier key; Channels has none for groups).</summary>
    public static JsonObject Group(string channelId, string groupId) =>
        new() { ["id"] = BirdIds.Contact(channelId, groupId), ["identifierKey"] = GroupKey, ["identifierValue"] = groupId };

    /// <summary>
    /// <c>meta.extraInformation</c> of an incoming message: its <c>timestamp</c>, the sender's <c>whatsappbsuid</c>
    /// and <c>whatsappusername</c> when known, and <c>whatsappgroupid</c> when it was posted in a group.
    /// </summary>
    public static JsonObject ExtraInformation(DateTimeOffset createdAt, string? bsuid, string? username, string? groupId = null)
    {
        var extra = new JsonObject { ["timestamp"] = createdAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        if (groupId is not null)
        {
            extra[GroupKey] = groupId;
        }
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
