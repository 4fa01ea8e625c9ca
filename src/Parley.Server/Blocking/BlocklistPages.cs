using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Blocking;

/// <summary>
/// A page of a channel's blocklist for every dialect, Meta's page shape (<c>{data: [{messaging_product, wa_id}], paging}</c>):
/// Parley's own list with its cursors (<see cref="BlocklistCursor"/>), or, for a channel whose upstream keeps the list,
/// the upstream's page with the upstream's cursors, the paging links pointing back at Parley.
/// </summary>
internal sealed class BlocklistPages(IBlockStore blocks, UserBlocking blocking)
{
    /// <summary><c>limit</c> (1–100, default 100) and the <c>after</c> or <c>before</c> cursor of an earlier page.</summary>
    public async Task<Outcome<JsonObject>> PageAsync(
        Channel channel, HttpRequest http, string? limit, string? after, string? before, string tokenParameter, CancellationToken cancellationToken)
    {
        if (blocking.RemoteFor(channel) is { } remote)
        {
            var size = BlocklistCursor.Parse(limit, null, null);
            if (!size.Succeeded)
            {
                return size.Error;
            }
            var remotePage = await remote.ListAsync(size.Value.Limit, Blank(after), Blank(before), cancellationToken);
            return remotePage.Succeeded ? BlockUsersViews.Page(http, remotePage.Value, tokenParameter) : remotePage.Error;
        }
        var asked = BlocklistCursor.Parse(limit, after, before);
        if (!asked.Succeeded)
        {
            return asked.Error;
        }
        var page = await blocks.ListAsync(channel.PhoneNumberId, asked.Value.Offset, asked.Value.Limit, cancellationToken);
        return BlocklistCursor.CheckVersion(asked.Value, page) is { } stale ? stale : BlockUsersViews.Page(http, page, tokenParameter);
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
