using Parley.Server.Admin;
using Parley.Storage;

namespace Parley.Server.Dialects.Channels;

/// <summary>Adds the Channels dialect's UUIDs to the admin API's views (creating them on first show).</summary>
internal static class ChannelsAdminViews
{
    public static async Task<AccountView> WithChannelsIdsAsync(this AccountView view, IChannelsDialectStore ids, CancellationToken cancellationToken) =>
        view with { WorkspaceId = await ids.WorkspaceIdAsync(view.Id, cancellationToken) };

    public static async Task<ChannelView> WithChannelsIdsAsync(this ChannelView view, IChannelsDialectStore ids, CancellationToken cancellationToken) =>
        view with
        {
            WorkspaceId = await ids.WorkspaceIdAsync(view.AccountId, cancellationToken),
            ChannelsChannelId = await ids.ChannelIdAsync(view.PhoneNumberId, cancellationToken),
        };
}
