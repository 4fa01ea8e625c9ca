using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>Replies and reactions naming one of Parley's outbound messages reach Meta with the wamid Meta gave it.</summary>
public sealed class MetaReferenceTests : MetaTestBase
{
    private const string User = "16505552100";

    [Fact]
    public async Task ReplyAndReactionToAnOutboundMessageNameMetasWamid()
    {
        var channel = await CreateChannelAsync();
        var first = await SendAsync(channel, User);
        var sent = (await CallsAsync(1)).Single();
        (await Eventually.Get(() => StatusOfAsync(channel, first), s => s == "accepted" || s == "sent", TimeSpan.FromSeconds(5))).ShouldNotBeNull();
        await DispatchDoneAsync(channel); // the wamid is remembered before the dispatch job completes

        using var client = Parley.CreateChannelClient(channel.Token);
        await CloudApi.SendOkAsync(client, new
        {
            messaging_product = "whatsapp",
            to = User,
            type = "text",
            context = new { message_id = first },
            text = new { body = "A reply" },
        }, path: channel.MessagesPath);
        await CloudApi.SendOkAsync(client, new
        {
            messaging_product = "whatsapp",
            to = User,
            type = "reaction",
            reaction = new { message_id = first, emoji = "\U0001F44D" },
        }, path: channel.MessagesPath);
        await CloudApi.SendOkAsync(client, new
        {
            messaging_product = "whatsapp",
            to = User,
            type = "text",
            context = new { message_id = "wamid.from-the-user" },
            text = new { body = "A reply to an inbound message" },
        }, path: channel.MessagesPath);

        var calls = await CallsAsync(4);
        var wamid = GraphAnswer.Wamid(sent);
        calls.Single(c => c.Body["type"]!.GetValue<string>() == "reaction").Body["reaction"]!["message_id"]!.GetValue<string>().ShouldBe(wamid);
        var replies = calls.Where(c => c.Body["context"] is not null).Select(c => c.Body["context"]!["message_id"]!.GetValue<string>()).ToList();
        replies.ShouldBe([wamid, "wamid.from-the-user"], ignoreOrder: true);
    }
}
