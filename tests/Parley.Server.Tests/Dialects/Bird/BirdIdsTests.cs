using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>Workspaces and channels have UUIDs in the Channels dialect: fixed for the demo, shown by the admin API.</summary>
public sealed class BirdIdsTests : BirdTest
{
    [Fact]
    public async Task DemoWorkspaceAndChannelHaveTheConfiguredIdsInTheAdminViews()
    {
        var (accountStatus, account) = await Tenants.GetAsync(Admin, $"/admin/accounts/{ParleyFactory.WabaId}");
        var (channelStatus, channel) = await Tenants.GetAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}");

        accountStatus.ShouldBe(HttpStatusCode.OK);
        account["workspace_id"]!.GetValue<string>().ShouldBe(WorkspaceId);
        channelStatus.ShouldBe(HttpStatusCode.OK);
        channel["workspace_id"]!.GetValue<string>().ShouldBe(WorkspaceId);
        channel["channels_channel_id"]!.GetValue<string>().ShouldBe(ChannelId);
        (await Tenants.ListAsync(Admin, "/admin/channels")).ShouldHaveSingleItem()!["channels_channel_id"]!.GetValue<string>().ShouldBe(ChannelId);
    }

    [Fact]
    public async Task NewAccountAndChannelGetIdsOfTheirOwnThatStayTheSame()
    {
        var created = await Tenants.PostCreatedAsync(Admin, "/admin/accounts", new { name = "Second Business" });
        var accountId = created["id"]!.GetValue<string>();
        var workspace = created["workspace_id"]!.GetValue<string>();
        var channel = (await Tenants.PostCreatedAsync(Admin, "/admin/channels", new { account_id = accountId, display_phone_number = "15550001234" }))["channel"]!;

        Guid.TryParse(workspace, out _).ShouldBeTrue();
        workspace.ShouldNotBe(WorkspaceId);
        channel["workspace_id"]!.GetValue<string>().ShouldBe(workspace);
        var channelId = channel["channels_channel_id"]!.GetValue<string>();
        channelId.ShouldNotBe(ChannelId);
        (await Tenants.GetAsync(Admin, $"/admin/accounts/{accountId}")).Body["workspace_id"]!.GetValue<string>().ShouldBe(workspace);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{channel["phone_number_id"]}")).Body["channels_channel_id"]!.GetValue<string>().ShouldBe(channelId);
    }

    [Fact]
    public async Task AnAccountScopedTokenIsAnAccessKeyForEveryChannelOfItsWorkspace()
    {
        var (_, accountKey) = await Tenants.IssueTokenAsync(Admin, accountId: ParleyFactory.WabaId);
        using var client = CreateAccessKeyClient(accountKey);
        await CloudApi.UserWritesAsync(Client, "16505557777");

        var (status, body) = await SendAsync(client, To("16505557777", new { type = "text", text = new { text = "From the account key" } }));

        status.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
    }
}
