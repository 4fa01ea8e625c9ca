using System.Net;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Dialects.OneMsg;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>A message sent through the Channels dialect is one of the channel's outgoing messages: 1msg's webhook echoes it like any other.</summary>
public sealed class BirdEchoTests : BirdTest
{
    private const string User = "16505553300";

    [Fact]
    public async Task EveryWhatsAppMessageAChannelsSendBecomesIsEchoedOnceToAOneMsgWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        (await OneMsgClient.PostJsonAsync(Client, "webhook", $$$"""{"webhookUrl":"{{{receiver.Url}}}"}""")).Status.ShouldBe(HttpStatusCode.OK);
        await CloudApi.UserWritesAsync(Client, User);

        // Two images with a text: three WhatsApp messages, each an outgoing message of the channel.
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "image",
            image = new
            {
                text = "Two views",
                images = new[]
                {
                    new { mediaUrl = await MediaUrlAsync("e1.jpg", "image/jpeg") },
                    new { mediaUrl = await MediaUrlAsync("e2.jpg", "image/jpeg") },
                },
            },
        }));
        var wamids = Wamids(accepted);
        wamids.Length.ShouldBe(3);

        var echoes = await Eventually.Get(
            () => receiver.Received.Select(r => r.Json).Where(b => b["messages"] is not null)
                .SelectMany(b => b["messages"]!.AsArray()).Select(m => m!.AsObject()).Where(m => m["fromMe"]!.GetValue<bool>()).ToList(),
            all => all.Count >= wamids.Length);
        echoes.Select(e => e["id"]!.GetValue<string>()).ShouldBe(wamids, ignoreOrder: true);
        echoes.ShouldAllBe(e => e["chatId"]!.GetValue<string>() == $"{User}@c.us" && e["self"]!.GetValue<int>() == 1);
        echoes.Select(e => e["type"]!.GetValue<string>()).ShouldBe(["image", "image", "chat"], ignoreOrder: true);
        echoes.Single(e => e["type"]!.GetValue<string>() == "chat")["body"]!.GetValue<string>().ShouldBe("Two views");
        receiver.Received.ShouldAllBe(r => r.SignedWith(ParleyFactory.AppSecret));
    }
}
