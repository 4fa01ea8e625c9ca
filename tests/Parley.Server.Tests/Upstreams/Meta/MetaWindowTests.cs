using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// The customer service window is Parley's rule, applied to a meta channel as to a sandbox one: a free-form message to a
/// user outside the window is accepted and then fails with 131047, as WhatsApp does, without Meta being asked.
/// </summary>
public sealed class MetaWindowTests : MetaTestBase
{
    private const string User = "16505557000";

    [Theory]
    [InlineData(null)]
    [InlineData(25)]
    public async Task FreeFormToAUserOutsideTheWindowFailsWith131047WithoutAnyCallToMeta(int? wroteHoursAgo)
    {
        var channel = await CreateChannelAsync();
        if (wroteHoursAgo is { } hours)
        {
            (await DeliverAsync(InboundAt(channel, DateTimeOffset.UtcNow.AddHours(-hours)))).ShouldBe(HttpStatusCode.OK);
        }
        using var client = Parley.CreateChannelClient(channel.Token);

        var id = await CloudApi.SendOkAsync(client, CloudApi.Text(User, "Free-form"), path: channel.MessagesPath);

        (await WaitForStatusAsync(channel, id, "failed")).ShouldBe("failed");
        var failed = (await Eventually.Get(() => Receiver.Statuses(), s => s.Count >= 1)).ShouldHaveSingleItem();
        failed["id"]!.GetValue<string>().ShouldBe(id);
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131047);
        failed["errors"]![0]!["title"]!.GetValue<string>().ShouldBe("Re-engagement message");
        Graph.Calls.ShouldBeEmpty("the window is decided before any upstream is called");

        // A template needs no window: it reaches Meta, and is the only call that does.
        var template = new { messaging_product = "whatsapp", to = User, type = "template", template = new { name = "hello_world", language = new { code = "en_US" } } };
        await CloudApi.SendOkAsync(client, template, path: channel.MessagesPath);
        var call = (await CallsAsync(1)).ShouldHaveSingleItem();
        call.Body["type"]!.GetValue<string>().ShouldBe("template");
    }

    [Fact]
    public async Task FreeFormToAUserWhoWroteWithinTheWindowReachesMeta()
    {
        var channel = await CreateChannelAsync();
        (await DeliverAsync(InboundAt(channel, DateTimeOffset.UtcNow.AddHours(-23)))).ShouldBe(HttpStatusCode.OK);
        using var client = Parley.CreateChannelClient(channel.Token);

        var id = await CloudApi.SendOkAsync(client, CloudApi.Text(User, "Free-form"), path: channel.MessagesPath);

        var call = (await CallsAsync(1)).ShouldHaveSingleItem();
        call.Body["text"]!["body"]!.GetValue<string>().ShouldBe("Free-form");
        (await StatusOfAsync(channel, id)).ShouldBe("accepted", "taken by Meta; its statuses come by webhook");
    }

    private static string InboundAt(MetaChannel channel, DateTimeOffset at)
    {
        var body = JsonNode.Parse(MetaChannels.InboundWebhook(channel.UpstreamPhoneNumberId, $"wamid.window-{Guid.NewGuid():N}", User, "Hi"))!;
        body["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!["timestamp"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return body.ToJsonString();
    }
}
