using Parley.Storage;

namespace Parley.Server.Admin;

/// <summary>Adds the Channels dialect's UUIDs to the admin API's views (creating them on first show).</summary>
internal static class BirdAdminViews
{
    public static async Task<AccountView> WithBirdIdsAsync(this AccountView view, IBirdDialectStore ids, CancellationToken cancellationToken) =>
        view with { WorkspaceId = await ids.WorkspaceIdAsync(view.Id, cancellationToken) };

    public static async Task<ChannelView> WithBirdIdsAsync(this ChannelView view, IBirdDialectStore ids, CancellationToken cancellationToken) =>
        view with
        {
            WorkspaceId = await ids.WorkspaceIdAsync(view.AccountId, cancellationToken),
            BirdChannelId = await ids.ChannelIdAsync(view.PhoneNumberId, cancellationToken),
        };
}
