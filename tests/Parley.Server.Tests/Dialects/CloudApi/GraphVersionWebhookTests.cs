using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Upstreams.Meta;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// A webhook subscription has a Graph version (default the newest, v26.0) and the <c>cloudapi</c> format renders its
/// version's shapes: <c>unsupported</c> from v25.0 and <c>unknown</c> before; <c>system.new_wa_id</c> only before v25.0.
/// </summary>
public sealed class GraphVersionWebhookTests : ParleyTest
{
    private const string User = "16505551234";

    private static object Unsupported => new { from = User, type = "unsupported", unsupported = new { type = "poll_creation" } };

    /// <summary>The user writes once (the sandbox changes only users it knows), then changes number; returns the system message.</summary>
    private async Task<JsonObject> ChangeNumberAsync(WebhookReceiver receiver)
    {
        await CloudApi.UserWritesAsync(Client, User, new { from = User, type = "text", text = new { body = "Hi" } });
        using var response = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/users/change-number", new { from = User, new_number = "16505559999" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var messages = await Eventually.Get(() => receiver.Messages().ToList(), m => m.Count >= 2);
        return messages.Single(m => m["type"]!.GetValue<string>() == "system");
    }

    private async Task<JsonObject> SubscribeAsync(WebhookReceiver receiver, string? graphVersion)
    {
        using var response = await Admin.PostAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks",
            new { url = receiver.Url, events = "messages", graph_version = graphVersion });
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    private static async Task<JsonObject> OnlyMessageAsync(WebhookReceiver receiver) =>
        (await Eventually.Get(() => receiver.Messages(), m => m.Count >= 1)).ShouldHaveSingleItem();

    [Fact]
    public async Task SubscriptionWithoutAVersionGetsTheNewestAndListsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var created = await SubscribeAsync(receiver, null);

        created["graph_version"]!.GetValue<string>().ShouldBe("v26.0");
        var listed = await Tenants.ListAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks");
        listed.Single(s => s!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>())!["graph_version"]!.GetValue<string>().ShouldBe("v26.0");
    }

    [Theory]
    [InlineData("v99.0")]
    [InlineData("latest")]
    public async Task SubscriptionWithAVersionParleyDoesNotKnowIsRefused(string version)
    {
        using var response = await Admin.PostAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks",
            new { url = "http://127.0.0.1:9/hook", graph_version = version });
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["graph_version"]![0]!.GetValue<string>().ShouldStartWith("must be one of: v21.0");
        (await Tenants.ListAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("v25.0")]
    [InlineData("v26.0")]
    public async Task UnsupportedInboundMessageFromV25HasTypeUnsupported(string version)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await SubscribeAsync(receiver, version))["graph_version"]!.GetValue<string>().ShouldBe(version);

        var id = await CloudApi.UserWritesAsync(Client, User, Unsupported);

        var message = await OnlyMessageAsync(receiver);
        message["id"]!.GetValue<string>().ShouldBe(id);
        message["type"]!.GetValue<string>().ShouldBe("unsupported");
        message["unsupported"]!["type"]!.GetValue<string>().ShouldBe("poll_creation");
        message["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131051);
    }

    [Theory]
    [InlineData("v23.0")]
    [InlineData("v24.0")]
    public async Task UnsupportedInboundMessageBeforeV25HasTypeUnknown(string version)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver, version);

        var id = await CloudApi.UserWritesAsync(Client, User, Unsupported);

        var message = await OnlyMessageAsync(receiver);
        message["id"]!.GetValue<string>().ShouldBe(id);
        message["type"]!.GetValue<string>().ShouldBe("unknown");
        message.ContainsKey("unsupported").ShouldBeFalse();
        message["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131051);
    }

    [Fact]
    public async Task OneInboundMessageReachesSubscriptionsOfTwoVersionsEachInItsShape()
    {
        await using var older = await WebhookReceiver.StartAsync();
        await using var newer = await WebhookReceiver.StartAsync();
        await SubscribeAsync(older, "v24.0");
        await SubscribeAsync(newer, "v25.0");

        await CloudApi.UserWritesAsync(Client, User, Unsupported);

        (await OnlyMessageAsync(older))["type"]!.GetValue<string>().ShouldBe("unknown");
        (await OnlyMessageAsync(newer))["type"]!.GetValue<string>().ShouldBe("unsupported");
    }

    [Fact]
    public async Task UserChangedNumberBeforeV25CarriesNewWaId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver, "v24.0");

        var system = (await ChangeNumberAsync(receiver))["system"]!.AsObject();
        system["type"]!.GetValue<string>().ShouldBe("user_changed_number");
        system["new_wa_id"]!.GetValue<string>().ShouldBe("16505559999");
        system["wa_id"]!.GetValue<string>().ShouldBe("16505559999");
        system["body"]!.GetValue<string>().ShouldEndWith($"changed from {User} to 16505559999");
    }

    [Fact]
    public async Task UserChangedNumberFromV25HasNoNewWaId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver, "v25.0");

        var system = (await ChangeNumberAsync(receiver))["system"]!.AsObject();
        system["type"]!.GetValue<string>().ShouldBe("user_changed_number");
        system["wa_id"]!.GetValue<string>().ShouldBe("16505559999");
        system.ContainsKey("new_wa_id").ShouldBeFalse();
    }
}

/// <summary>The meta upstream takes Meta's <c>unknown</c> (before v25.0) and <c>unsupported</c> alike, as one canonical type.</summary>
public sealed class MetaUnsupportedMessageTests : MetaTestBase
{
    private const string User = "16505551234";

    private static string UnsupportedWebhook(string upstreamPhoneNumberId, string wamid, string type)
    {
        var message = new JsonObject
        {
            ["from"] = User,
            ["id"] = wamid,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["errors"] = new JsonArray(new JsonObject { ["code"] = 131051, ["title"] = "Message type unknown", ["message"] = "Message type unknown" }),
            ["type"] = type,
        };
        if (type == "unsupported")
        {
            message["unsupported"] = new JsonObject { ["type"] = "poll_creation" };
        }
        return MetaChannels.Envelope(upstreamPhoneNumberId, new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Meta User" }, ["wa_id"] = User }),
            ["messages"] = new JsonArray(message),
        });
    }

    [Theory]
    [InlineData("unknown", "unknown")]
    [InlineData("unsupported", "poll_creation")]
    public async Task MetasUnknownAndUnsupportedMessagesReachTheNewestWebhookAsUnsupported(string metaType, string unsupportedType)
    {
        var channel = await CreateChannelAsync();

        (await DeliverAsync(UnsupportedWebhook(channel.UpstreamPhoneNumberId, $"wamid.{metaType}-1", metaType))).ShouldBe(HttpStatusCode.OK);

        var message = (await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1)).ShouldHaveSingleItem();
        message["type"]!.GetValue<string>().ShouldBe("unsupported");
        message["unsupported"]!["type"]!.GetValue<string>().ShouldBe(unsupportedType);
        message["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131051);
    }
}
