using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// What the simulated user sees after the business marks a message read with a typing indicator: the business typing,
/// until 25 seconds pass on the sandbox clock or the business's reply arrives.
/// </summary>
public sealed class SandboxTypingTests : ParleyTest
{
    private const string User = "16505550999";

    [Fact]
    public async Task ATypingIndicatorShowsUntil25SecondsPassOnTheSandboxClock()
    {
        var inbound = await CloudApi.UserWritesAsync(Client, User);
        (await TypingAsync())["typing"]!.GetValue<bool>().ShouldBeFalse();

        await ReadWithTypingAsync(inbound);

        var shown = await TypingAsync();
        shown["typing"]!.GetValue<bool>().ShouldBeTrue();
        var since = shown["since"]!.GetValue<DateTimeOffset>();
        (shown["expires_at"]!.GetValue<DateTimeOffset>() - since).ShouldBe(TimeSpan.FromSeconds(25));

        await AdvanceAsync(24);
        (await TypingAsync())["typing"]!.GetValue<bool>().ShouldBeTrue();
        await AdvanceAsync(1);
        var gone = await TypingAsync();
        gone["typing"]!.GetValue<bool>().ShouldBeFalse();
        gone["since"].ShouldBeNull();
    }

    [Fact]
    public async Task TheBusinesssReplyEndsTheTypingIndicator()
    {
        var inbound = await CloudApi.UserWritesAsync(Client, User);
        await ReadWithTypingAsync(inbound);
        (await TypingAsync())["typing"]!.GetValue<bool>().ShouldBeTrue();

        var reply = await CloudApi.SendOkAsync(Client, CloudApi.Text(User, "Here is your answer"));
        await ReachedTheNetworkAsync(reply);

        (await TypingAsync())["typing"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task AReadWithoutTypingIndicatorShowsNoTypingAndAReplyToAnotherUserLeavesItShown()
    {
        var first = await CloudApi.UserWritesAsync(Client, User);
        var (status, _) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", status = "read", message_id = first });
        status.ShouldBe(HttpStatusCode.OK);
        (await TypingAsync())["typing"]!.GetValue<bool>().ShouldBeFalse();

        var second = await CloudApi.UserWritesAsync(Client, User, new { from = User, type = "text", text = new { body = "Hello?" } });
        await ReadWithTypingAsync(second);
        await CloudApi.UserWritesAsync(Client, "16505550888");
        var other = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505550888"));
        await ReachedTheNetworkAsync(other);

        (await TypingAsync())["typing"]!.GetValue<bool>().ShouldBeTrue();
    }

    private async Task ReadWithTypingAsync(string inbound)
    {
        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", status = "read", message_id = inbound, typing_indicator = new { type = "text" } });
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
    }

    /// <summary>Waits until the sandbox took the message (sent, and with no status delay delivered and read at once).</summary>
    private async Task ReachedTheNetworkAsync(string id)
    {
        var message = await Eventually.Get(() => CloudApi.GetMessageAsync(Client, id), m => m["status"]!.GetValue<string>() != "accepted");
        message["status"]!.GetValue<string>().ShouldBeOneOf("sent", "delivered", "read");
    }

    private async Task<JsonObject> TypingAsync()
    {
        using var response = await Client.GetAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/users/{User}/typing");
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["wa_id"]!.GetValue<string>().ShouldBe(User);
        return body;
    }

    private async Task AdvanceAsync(double seconds)
    {
        using var response = await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
