using System.Data.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Versions;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Storage;

namespace Parley.Server.Hosting;

/// <summary>
/// On an empty database, creates the demo business account and sandbox channel (with a token and, when
/// configured, a webhook) so a newcomer can send a message at once; then prints how.
/// </summary>
internal sealed class DemoSeeder(
    IAccountStore store, IBirdDialectStore channelsIds, Tokens tokens, AdminKey adminKey, IServer server, IHostApplicationLifetime lifetime, IOptions<ParleyOptions> options, TimeProvider time)
    : IHostedService
{
    private readonly DemoOptions _demo = options.Value.Demo;

    /// <summary>Runs before the server takes traffic (hosted services start first); prints once it listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = await SeedAsync(cancellationToken);
        if (demo is not null)
        {
            lifetime.ApplicationStarted.Register(() => Print(demo));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What to print once the server listens.</summary>
    public sealed record Demo(Channel Channel, string? AccessToken, bool Fresh)
    {
        /// <summary>The Channels API dialect's ids of the demo account and channel.</summary>
        public (string WorkspaceId, string ChannelId) BirdIds { get; init; }
    }

    public async Task<Demo?> SeedAsync(CancellationToken cancellationToken)
    {
        if (!_demo.Enabled)
        {
            return null;
        }
        try
        {
            return await SeedOnceAsync(cancellationToken);
        }
        catch (DbException)
        {
            // Another node sharing the database seeded the same demo ids first.
            return await SeedOnceAsync(cancellationToken);
        }
    }

    private async Task<Demo?> SeedOnceAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAccountsAsync(cancellationToken);
        if (accounts.Count > 0)
        {
            var existing = _demo.PhoneNumberId is null ? null : await store.GetChannelAsync(_demo.PhoneNumberId, cancellationToken);
            if (existing is null)
            {
                var channels = await store.ListChannelsAsync(null, cancellationToken);
                existing = channels.Count > 0 ? channels[0] : null;
            }
            return existing is null ? null : await WithBirdIdsAsync(new Demo(existing, _demo.AccessToken, Fresh: false), cancellationToken);
        }

        var now = time.GetUtcNow();
        var account = new BusinessAccount(_demo.WabaId ?? MessageIds.NewNumericId(), "Parley Demo Business", now);
        await store.CreateAccountAsync(account, cancellationToken);
        var channel = new Channel(
            _demo.PhoneNumberId ?? MessageIds.NewNumericId(),
            account.Id,
            _demo.DisplayPhoneNumber,
            _demo.CountryCallingCode,
            "Parley Demo",
            Channel.SandboxUpstream,
            "{}",
            _demo.AppSecret ?? MessageIds.RandomToken(24),
            Channel.DefaultMessagesPerSecond,
            now);
        await store.CreateChannelAsync(channel, cancellationToken);
        var (_, token) = await tokens.IssueAsync(null, channel.PhoneNumberId, "demo", _demo.AccessToken, cancellationToken);
        if (!string.IsNullOrEmpty(_demo.WebhookUrl))
        {
            await store.CreateSubscriptionAsync(
                new WebhookSubscription("wh_" + MessageIds.RandomToken(9), channel.PhoneNumberId, _demo.WebhookUrl, "cloudapi", null, WebhookSubscription.AllEvents,
                    options.Value.Webhooks.DefaultBatchSize, now),
                cancellationToken);
        }
        return await WithBirdIdsAsync(new Demo(channel, token, Fresh: true), cancellationToken);
    }

    /// <summary>The demo's Channels API ids: the configured ones on a fresh demo, otherwise those it has.</summary>
    private async Task<Demo> WithBirdIdsAsync(Demo demo, CancellationToken cancellationToken)
    {
        if (_demo.WorkspaceId is not null || _demo.ChannelId is not null)
        {
            var workspace = _demo.WorkspaceId?.ToLowerInvariant() ?? await channelsIds.WorkspaceIdAsync(demo.Channel.AccountId, cancellationToken);
            await channelsIds.AssignAsync(demo.Channel.AccountId, workspace, demo.Channel.PhoneNumberId, _demo.ChannelId?.ToLowerInvariant(), cancellationToken);
        }
        return demo with
        {
            BirdIds = (await channelsIds.WorkspaceIdAsync(demo.Channel.AccountId, cancellationToken), await channelsIds.ChannelIdAsync(demo.Channel.PhoneNumberId, cancellationToken)),
        };
    }

    /// <summary>Prints the demo channel and a ready-to-paste curl command to standard output (not the log).</summary>
    private void Print(Demo demo)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        var token = demo.AccessToken ?? "<the token printed at first start>";
        var channel = demo.Channel;
        Console.WriteLine($$$"""

            Parley is running at {{{address}}}
              WABA id:          {{{channel.AccountId}}}
              Phone number id:  {{{channel.PhoneNumberId}}} (display number +{{{channel.DisplayPhoneNumber}}}, sandbox)
              Access token:     {{{token}}}
              App secret:       {{{(demo.Fresh ? channel.AppSecret : "(shown at first start)")}}}
              Admin key:        {{{(adminKey.Generated ? adminKey.Value : "(from configuration)")}}}
              Channels API:     workspace {{{demo.BirdIds.WorkspaceId}}}, channel {{{demo.BirdIds.ChannelId}}} (Authorization: AccessKey <the access token>)
              API docs:         {{{address}}}/swagger

            Send your first message (a simulated user first writes to you, opening the 24-hour window):
              curl -s -X POST '{{{address}}}/sandbox/channels/{{{channel.PhoneNumberId}}}/inbound' \
                -H 'Authorization: Bearer {{{token}}}' -H 'Content-Type: application/json' \
                -d '{"from":"16505551234","type":"text","text":{"body":"Hi!"}}'
              curl -s -X POST '{{{address}}}/{{{GraphVersions.NewestName}}}/{{{channel.PhoneNumberId}}}/messages' \
                -H 'Authorization: Bearer {{{token}}}' -H 'Content-Type: application/json' \
                -d '{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"Hello from Parley"}}'

            """);
    }
}
