using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Core;
using Parley.Core.Blocking;
using Parley.Core.Errors;
using Parley.Storage;

namespace Parley.Server.Blocking;

/// <summary>
/// A page of a blocklist, asked with <c>limit</c> and the <c>after</c> / <c>before</c> cursor of an earlier page. As
/// Meta's, a cursor is an offset into the list and the list's version (<c>{"offset":0,"versionId":"…"}</c>, base64):
/// a cursor of a list that changed since is refused with 139102.
/// </summary>
internal static class BlocklistCursor
{
    /// <summary>Where the page starts and how long it is, or why the request is refused.</summary>
    internal readonly record struct Request(int Offset, int Limit, long? Version);

    public static Outcome<Request> Parse(string? limit, string? after, string? before)
    {
        var size = BlockRules.DefaultPageSize;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > BlockRules.MaxPageSize))
        {
            return ErrorCatalog.InvalidParameter.With($"Param limit must be an integer between 1 and {BlockRules.MaxPageSize}.");
        }
        if (!string.IsNullOrEmpty(after) && !string.IsNullOrEmpty(before))
        {
            return ErrorCatalog.InvalidParameter.With("Use either after or before, not both.");
        }
        var cursor = !string.IsNullOrEmpty(after) ? after : before;
        if (string.IsNullOrEmpty(cursor))
        {
            return new Request(0, size, null);
        }
        if (Decode(cursor) is not { } decoded)
        {
            return ErrorCatalog.InvalidParameter.With("Invalid cursor: use the after or before cursor of an earlier page.");
        }
        var offset = !string.IsNullOrEmpty(after) ? decoded.Offset : Math.Max(0, decoded.Offset - size);
        if (string.IsNullOrEmpty(after))
        {
            size = Math.Min(size, decoded.Offset - offset);
        }
        return new Request(offset, size, decoded.Version);
    }

    /// <summary>139102 when the list changed since the cursor was given.</summary>
    public static WhatsAppError? CheckVersion(Request request, BlocklistPage page) =>
        request.Version is { } version && version != page.Version ? BlockRules.ConcurrentUpdate() : null;

    public static string Encode(int offset, long version) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{{\"offset\":{offset.ToString(CultureInfo.InvariantCulture)},\"versionId\":\"{version.ToString(CultureInfo.InvariantCulture)}\"}}"));

    private static (int Offset, long Version)? Decode(string cursor)
    {
        if (cursor.Length > 256 || !Base64Url.IsValid(cursor))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("offset", out var offset) && offset.TryGetInt32(out var at) && at >= 0
                && root.TryGetProperty("versionId", out var version) && version.ValueKind == JsonValueKind.String
                && long.TryParse(version.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? (at, v)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
