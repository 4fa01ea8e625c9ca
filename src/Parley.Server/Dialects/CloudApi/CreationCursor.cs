using System.Globalization;
using System.Text;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// The opaque Graph paging cursor of a list ordered by creation: the creation time (milliseconds) and id of an item,
/// base64 of <c>{ms}:{id}</c>.
/// </summary>
internal static class CreationCursor
{
    public static string Encode(DateTimeOffset createdAt, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + id));

    /// <summary>The position a cursor names; null when it is not one of <see cref="Encode"/>'s.</summary>
    public static (DateTimeOffset CreatedAt, string Id)? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && colon < text.Length - 1
                ? (DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(colon + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A page from what a store found when asked for one item more than <paramref name="limit"/> (after a cursor, before
    /// one, or from the start): the items to show, and whether pages lie before and after them.
    /// </summary>
    public static (List<T> Items, bool HasBefore, bool HasAfter) Slice<T>(IReadOnlyList<T> found, int limit, bool afterGiven, bool beforeGiven)
    {
        var more = found.Count > limit;
        var items = beforeGiven ? found.Skip(more ? 1 : 0).ToList() : found.Take(limit).ToList();
        return beforeGiven ? (items, more, true) : (items, afterGiven, more);
    }
}
