using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// The Graph API misbehaving (a real local server answering 5xx, hanging past the timeout, rate limits, permanent
/// errors, slowly): no message is lost, retries are bounded, permanent errors fail the message with Meta's code. How
/// far 130429 slows the channel is measured on a fake clock (MetaUpstreamPacingTests, DispatchPacingTests).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class MetaFaultTests : MetaTestBase
{
    private const string User = "16505552000";

    [Fact]
    public async Task ServerErrorsAreRetriedUntilTheGraphApiTakesTheMessage()
    {
        var channel = await CreateChannelAsync();
        Graph.Answer = call => call.Index switch
        {
            0 => new GraphAnswer(503, "<html>Service Unavailable</html>"),
            1 => GraphAnswer.Error(500, 131000, "Something went wrong"),
            _ => GraphAnswer.Accepted(call),
        };

        var id = await SendAsync(channel, User);

        var calls = await CallsAsync(3);
        await DispatchDoneAsync(channel);
        Graph.Calls.Count.ShouldBe(3, "sent until taken, then not again");
        calls.ShouldAllBe(c => c.To == User);
        (await DeliverAsync(MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, GraphAnswer.Wamid(calls[2]), "sent", User))).ShouldBe(System.Net.HttpStatusCode.OK);
        (await WaitForStatusAsync(channel, id, "sent")).ShouldBe("sent");
    }

    [Fact]
    public async Task AnswerLaterThanTheTimeoutIsRetriedAndASlowAnswerWithinItIsNot()
    {
        var channel = await CreateChannelAsync();
        Graph.Answer = call => call.Index == 0
            ? GraphAnswer.Accepted(call) with { Delay = TimeSpan.FromSeconds(5) } // past the 1.5 s timeout
            : GraphAnswer.Accepted(call) with { Delay = TimeSpan.FromMilliseconds(150) };

        var id = await SendAsync(channel, User);
        var calls = await CallsAsync(2);
        var slow = await SendAsync(channel, "16505552001");
        await CallsAsync(3);
        await DispatchDoneAsync(channel);

        Graph.Calls.Count.ShouldBe(3, "the hung send once more; the slow one once");
        Graph.Calls.Count(c => c.To == "16505552001").ShouldBe(1);
        (await DeliverAsync(MetaChannels.StatusWebhook(channel.UpstreamPhoneNumberId, GraphAnswer.Wamid(calls[1]), "delivered", User))).ShouldBe(System.Net.HttpStatusCode.OK);
        (await WaitForStatusAsync(channel, id, "delivered")).ShouldBe("delivered");
        (await StatusOfAsync(channel, slow)).ShouldBe("accepted", "taken by Meta; its statuses come by webhook");
    }

    [Theory]
    [InlineData(131026, "Message Undeliverable", 400)]
    [InlineData(131047, "Re-engagement message", 400)]
    [InlineData(132001, "Template name does not exist in the translation", 404)]
    public async Task PermanentErrorFailsTheMessageWithMetasCodeAtOnce(int code, string title, int httpStatus)
    {
        var channel = await CreateChannelAsync();
        Graph.Answer = _ => GraphAnswer.Error(httpStatus, code, title, "upstream details");

        var id = await SendAsync(channel, User);

        (await WaitForStatusAsync(channel, id, "failed")).ShouldBe("failed");
        var failed = (await Eventually.Get(() => Receiver.Statuses(), s => s.Count >= 1)).ShouldHaveSingleItem();
        failed["id"]!.GetValue<string>().ShouldBe(id);
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        var error = failed["errors"]![0]!.AsObject();
        error["code"]!.GetValue<int>().ShouldBe(code);
        error["title"]!.GetValue<string>().ShouldBe(title);
        error["error_data"]!["details"]!.GetValue<string>().ShouldBe("upstream details");
        Graph.Calls.Count.ShouldBe(1, "a permanent error is not retried");
    }

    [Fact]
    public async Task TransientErrorsAreRetriedABoundedNumberOfTimesThenTheMessageFails()
    {
        var channel = await CreateChannelAsync();
        Graph.Answer = _ => GraphAnswer.Error(500, 131057, "Account in maintenance mode");

        var id = await SendAsync(channel, User);

        (await WaitForStatusAsync(channel, id, "failed")).ShouldBe("failed");
        await DispatchDoneAsync(channel);
        Graph.Calls.Count.ShouldBe(4, "Parley:Dispatch:MaxAttempts");
        var failed = (await Eventually.Get(() => Receiver.Statuses(), s => s.Count >= 1)).ShouldHaveSingleItem();
        failed["errors"]![0]!["code"]!.GetValue<int>().ShouldBe(131057);
    }

    [Fact]
    public async Task RateLimitHitLosesNoMessageAndSendsNoneTwice()
    {
        const int Count = 120;
        var channel = await CreateChannelAsync(messagesPerSecond: 40);
        Graph.Answer = call => call.Index is 30 or 31 ? GraphAnswer.Error(400, 130429, "Rate limit hit") : GraphAnswer.Accepted(call);
        var recipients = Enumerable.Range(0, Count).Select(i => $"1650555{3000 + i}").ToList();

        var ids = new List<string>();
        foreach (var to in recipients)
        {
            ids.Add(await SendAsync(channel, to));
        }

        var calls = await CallsAsync(Count + 2, TimeSpan.FromSeconds(60));
        calls.Where(c => c.Index is not (30 or 31)).Select(c => c.To).ShouldBe(recipients, ignoreOrder: true, "every message is taken exactly once");
        ids.Distinct().Count().ShouldBe(Count);
    }
}
