using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Parley in-process with a meta channel whose Graph API is <see cref="FakeGraph"/>, the channel's group mirror read from
/// its store, and its subscription to <see cref="Receiver"/> in <see cref="GroupItemsFormat"/>: the group events of the
/// outbox exactly as stored, Meta's envelope around the canonical <c>groups[]</c> items.
/// </summary>
public abstract class MetaGroupTestBase : IAsyncLifetime
{
    protected GroupsParley Parley { get; } = new(new Dictionary<string, string?> { ["Parley:Meta:TimeoutMs"] = "1500" });

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
            new { url = Receiver.Url, events = "*", format = GroupItemsFormat.FormatName });
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

/// <summary>Parley with <see cref="GroupItemsFormat"/> among its webhook formats.</summary>
public sealed class GroupsParley(IDictionary<string, string?> settings) : ParleyFactory(settings)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IWebhookFormat, GroupItemsFormat>());
    }
}

/// <summary>
/// A webhook format for tests: the outbox's group events as stored (each a <c>groups[]</c> item) in Meta's envelope, one
/// change per event. It shows what the outbox holds, whatever the dialects' formats make of it.
/// </summary>
internal sealed class GroupItemsFormat : IWebhookFormat
{
    public const string FormatName = "test-group-items";

    public string Name => FormatName;

    public IReadOnlySet<string> Kinds => EventKinds.Groups;

    public byte[] Render(Channel channel, IReadOnlyList<OutboxEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "whatsapp_business_account");
            w.WriteStartArray("entry");
            w.WriteStartObject();
            w.WriteString("id", channel.AccountId);
            w.WriteStartArray("changes");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("field", e.Kind);
                w.WriteStartObject("value");
                w.WriteString("messaging_product", "whatsapp");
                w.WriteStartArray("groups");
                w.WriteRawValue(e.Payload);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
