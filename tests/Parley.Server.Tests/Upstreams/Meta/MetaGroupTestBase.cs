using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Parley in-process with a meta channel whose Graph API is <see cref="FakeGraph"/>, the channel's group mirror read from
/// its store, and its subscription to <see cref="Receiver"/> of the four group kinds in the Cloud API format: each change
/// a group field whose value holds the canonical <c>groups[]</c> items.
/// </summary>
public abstract class MetaGroupTestBase : IAsyncLifetime
{
    protected ParleyFactory Parley { get; } = new(new Dictionary<string, string?> { ["Parley:Meta:TimeoutMs"] = "1500" });

    protected FakeGraph Graph { get; private set; } = null!;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    protected MetaChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraph.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        using var admin = Parley.CreateAdminClient();
        Channel = await MetaChannels.CreateAsync(admin, Graph.BaseUrl);
        await Tenants.PostCreatedAsync(admin, $"/admin/channels/{Channel.PhoneNumberId}/webhooks",
            new { url = Receiver.Url, events = string.Join(',', EventKinds.Groups), format = "cloudapi" });
    }

    public async Task DisposeAsync()
    {
        await Parley.DisposeAsync();
        await Receiver.DisposeAsync();
        await Graph.DisposeAsync();
    }

    protected string GroupsPath => $"/v23.0/{Channel.PhoneNumberId}/groups";

    protected IGroupStore Groups => Parley.Services.GetRequiredService<IGroupStore>();

    protected HttpClient ChannelClient() => Parley.CreateChannelClient(Channel.Token);

    /// <summary>A group in the channel's mirror, as Meta's group_create webhook leaves it.</summary>
    protected async Task<Group> MirroredGroupAsync(string id, string subject = "Mirrored", string mode = JoinApprovalModes.AutoApprove)
    {
        var now = DateTimeOffset.UtcNow;
        var group = new Group(id, Channel.PhoneNumberId, subject, "", mode, GroupIds.NewInviteCode(), null, GroupStates.Active, false, now, now);
        (await Groups.CreateAsync(group, int.MaxValue, [], now, CancellationToken.None)).ShouldBeTrue();
        return group;
    }

    /// <summary>Posts Meta's webhook of one group change (signed with the channel's app secret) and expects 200.</summary>
    protected async Task DeliverGroupsAsync(string field, params JsonObject[] items)
    {
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129349999",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = field,
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550004444", ["phone_number_id"] = Channel.UpstreamPhoneNumberId },
                        ["groups"] = new JsonArray([.. items.Select(i => (JsonNode)i)]),
                    },
                }),
            }),
        }.ToJsonString();
        using var client = Parley.CreateClient();
        (await MetaChannels.PostWebhookAsync(client, body, MetaChannels.UpstreamAppSecret)).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The group events the channel's subscription received: (field, groups[] item), in order.</summary>
    protected IReadOnlyList<(string Field, JsonObject Item)> GroupEventsReceived() =>
        [.. Receiver.Received.SelectMany(r => r.Json["entry"]!.AsArray().SelectMany(e => e!["changes"]!.AsArray())
            .Where(c => c!["value"]?["groups"] is JsonArray)
            .SelectMany(c => c!["value"]!["groups"]!.AsArray().Select(g => (c["field"]!.GetValue<string>(), g!.AsObject()))))];

    protected Task<IReadOnlyList<(string Field, JsonObject Item)>> GroupEventsAsync(int count) =>
        Eventually.Get(GroupEventsReceived, e => e.Count >= count, TimeSpan.FromSeconds(15));

    protected static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
