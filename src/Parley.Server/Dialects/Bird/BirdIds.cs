using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Dialects.Bird;

/// <summary>Ids the Channels dialect derives rather than stores.</summary>
internal static class BirdIds
{
    /// <summary>Namespace of contact ids (a fixed random UUID).</summary>
    private static readonly Guid ContactNamespace = new("7f1c2a0e-5b8d-4c3e-9a61-2d4f8e0b9c17");

    /// <summary>
    /// The Channels contact id of a WhatsApp user on a channel: a name-based UUID (RFC 9562 version 5) of the channel
    /// and the wa_id, so the same user always has the same id and no contact table is needed.
    /// </summary>
    public static string Contact(string channelId, string waId)
    {
        var name = Encoding.UTF8.GetBytes(channelId + ":" + waId);
        var space = ContactNamespace.ToByteArray(bigEndian: true);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 UUIDs; this is naming, not security.
        var hash = SHA1.HashData([.. space, .. name]);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    public static bool IsUuid(string value) => Guid.TryParseExact(value, "D", out _);
}
