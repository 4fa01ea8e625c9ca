using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A <c>meta</c> channel: Meta's <c>request_welcome</c> (a user opened the chat for the first time) reaches the business's
/// webhook as Meta sent it, and opens the customer service window for the welcome reply; the channel's conversational
/// automation is set at Meta (docs/automation.md).
/// </summary>
public sealed class MetaWelcomeRequestTests : MetaTestBase
{
    [Fact]
    public async Task MetasWelcomeRequestReachesTheWebhookAndTheBusinessAnswersItWithFreeText()
    {
        const string User = "16505550311";
        var channel = await CreateChannelAsync();
        using var client = Parley.CreateChannelClient(channel.Token);
        // A meta channel's automation is Meta's: Parley passes the change on (MetaAutomationRelayTests) and Meta takes it.
        Graph.Respond = r => r.Method == "POST" && r.PathAndQuery == $"/v23.0/{channel.UpstreamPhoneNumberId}/conversational_automation"
            ? new GraphAnswer(200, """{"success":true}""")
            : GraphAnswer.Error(400, 100, "Invalid parameter", "Unknown path");
        using (var content = new StringContent("""{"enable_welcome_message":true,"prompts":["Book a flight"]}""", System.Text.Encoding.UTF8, "application/json"))
        using (var response = await client.PostAsync($"/v23.0/{channel.PhoneNumberId}/conversational_automation", content))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var welcome = new JsonObject
        {
            ["from"] = User,
            ["id"] = "wamid.welcome-" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "request_welcome",
        };
        var envelope = MetaChannels.Envelope(channel.UpstreamPhoneNumberId, new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Meta User" }, ["wa_id"] = User }),
            ["messages"] = new JsonArray(welcome.DeepClone()),
        });
        (await DeliverAsync(envelope)).ShouldBe(HttpStatusCode.OK);

        var received = (await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1)).Single();
        received["type"]!.GetValue<string>().ShouldBe("request_welcome");
        received["from"]!.GetValue<string>().ShouldBe(User);
        received["id"]!.GetValue<string>().ShouldBe(welcome["id"]!.GetValue<string>());

        // The window is open: the welcome reply goes to Meta as a free-form text.
        await CloudApi.SendOkAsync(client, CloudApi.Text(User, "Welcome!"), path: channel.MessagesPath);
        var call = (await CallsAsync(1)).Single();
        call.To.ShouldBe(User);
        call.Body["text"]!["body"]!.GetValue<string>().ShouldBe("Welcome!");
    }
}
