using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// The seed's example kinds sent through the Channels API: each is accepted (202) and reaches the simulated WhatsApp
/// network (the sandbox send log) as the WhatsApp message the Channels page's type table implies.
/// </summary>
public sealed class BirdSendTests : BirdTest
{
    private const string User = "16505551234";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CloudApi.UserWritesAsync(Client, User); // opens the customer care window
    }

    [Fact]
    public async Task TextWithReplyButtonsIsAcceptedAndReachesWhatsAppAsReplyButtons()
    {
        var accepted = await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierKey = "phonenumber", identifierValue = "+" + User } } },
            body = new
            {
                type = "text",
                text = new
                {
                    text = "Do you like our service?",
                    actions = new object[]
                    {
                        new { type = "reply", reply = new { text = "Yes" } },
                        new { type = "postback", postback = new { text = "No", payload = "answer-no" } },
                    },
                },
            },
            reference = "survey-1",
        });

        Guid.TryParse(accepted["id"]!.GetValue<string>(), out _).ShouldBeTrue();
        accepted["channelId"]!.GetValue<string>().ShouldBe(ChannelId);
        accepted["status"]!.GetValue<string>().ShouldBe("accepted");
        accepted["direction"]!.GetValue<string>().ShouldBe("outgoing");
        accepted["reference"]!.GetValue<string>().ShouldBe("survey-1");
        accepted["receiver"]!["contacts"]![0]!["identifierValue"]!.GetValue<string>().ShouldBe("+" + User);
        accepted["sender"]!["connector"]!["id"]!.GetValue<string>().ShouldBe(ChannelId);
        accepted["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Do you like our service?");
        var wamid = Wamids(accepted).ShouldHaveSingleItem();

        var sent = await AtUpstreamAsync(wamid);
        sent["type"]!.GetValue<string>().ShouldBe("interactive");
        sent["to"]!.GetValue<string>().ShouldBe(User);
        var interactive = sent["interactive"]!;
        interactive["type"]!.GetValue<string>().ShouldBe("button");
        interactive["body"]!["text"]!.GetValue<string>().ShouldBe("Do you like our service?");
        var buttons = interactive["action"]!["buttons"]!.AsArray();
        buttons.Select(b => b!["reply"]!["title"]!.GetValue<string>()).ShouldBe(["Yes", "No"]);
        buttons.Select(b => b!["reply"]!["id"]!.GetValue<string>()).ShouldBe(["Yes", "answer-no"]);
    }

    [Fact]
    public async Task TextWithLocationRequestReachesWhatsAppAsALocationRequest()
    {
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "text",
            text = new { text = "Where should we deliver?", actions = new[] { new { type = "locationRequest" } } },
        }));

        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        sent["interactive"]!["type"]!.GetValue<string>().ShouldBe("location_request_message");
        sent["interactive"]!["action"]!["name"]!.GetValue<string>().ShouldBe("send_location");
        sent["interactive"]!["body"]!["text"]!.GetValue<string>().ShouldBe("Where should we deliver?");
    }

    [Fact]
    public async Task ImageWithLabelAndActionsReachesWhatsAppAsButtonsUnderAnImageHeader()
    {
        var sneakers = await MediaUrlAsync("sneakers.jpg", "image/jpeg");
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "image",
            image = new
            {
                images = new[] { new { altText = "Red sneakers", mediaUrl = sneakers } },
                actions = new object[]
                {
                    new { type = "postback", postback = new { text = "Buy now", payload = "buy-123" } },
                    new { type = "reply", reply = new { text = "More colours" } },
                },
            },
        }));

        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        var interactive = sent["interactive"]!;
        interactive["type"]!.GetValue<string>().ShouldBe("button");
        interactive["header"]!["type"]!.GetValue<string>().ShouldBe("image");
        interactive["header"]!["image"]!["link"]!.GetValue<string>().ShouldBe(sneakers);
        interactive["body"]!["text"]!.GetValue<string>().ShouldBe("Red sneakers");
        interactive["action"]!["buttons"]!.AsArray().Select(b => b!["reply"]!["id"]!.GetValue<string>()).ShouldBe(["buy-123", "More colours"]);
    }

    [Fact]
    public async Task MultipleImagesBecomeOneWhatsAppImageEachInOrderUnderOneChannelsMessage()
    {
        var front = await MediaUrlAsync("front.png", "image/png");
        var back = await MediaUrlAsync("back.png", "image/png");
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "image",
            image = new
            {
                images = new[]
                {
                    new { altText = "Front", mediaUrl = front },
                    new { altText = "Back", mediaUrl = back },
                },
            },
        }));

        var wamids = Wamids(accepted);
        wamids.Length.ShouldBe(2);
        var first = await AtUpstreamAsync(wamids[0]);
        var second = await AtUpstreamAsync(wamids[1]);
        first["image"]!["link"]!.GetValue<string>().ShouldBe(front);
        first["image"]!["caption"]!.GetValue<string>().ShouldBe("Front");
        second["image"]!["link"]!.GetValue<string>().ShouldBe(back);
        var log = SentToNetwork();
        log.IndexOf(wamids[0]).ShouldBeLessThan(log.IndexOf(wamids[1]));

        var (status, message) = await GetAsync(Channels, $"{MessagesPath}/{accepted["id"]}");
        status.ShouldBe(HttpStatusCode.OK);
        message["status"]!.GetValue<string>().ShouldBe("delivered"); // read is an interaction, not a status
        Wamids(message).ShouldBe(wamids);
    }

    [Fact]
    public async Task MultipleFilesWithFilenamesBecomeDocumentsAndVideoWithTheTextFirst()
    {
        var ticket = await MediaUrlAsync("ticket.pdf", "application/pdf");
        var passport = await MediaUrlAsync("passport.pdf", "application/pdf");
        var welcome = await MediaUrlAsync("welcome.mp4", "video/mp4");
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "file",
            file = new
            {
                text = "Your travel documents",
                files = new[]
                {
                    new { contentType = "application/pdf", mediaUrl = ticket, filename = "ticket.pdf" },
                    new { contentType = "application/pdf", mediaUrl = passport, filename = "passport.pdf" },
                    new { contentType = "video/mp4", mediaUrl = welcome, filename = "welcome.mp4" },
                },
            },
        }));

        var wamids = Wamids(accepted);
        wamids.Length.ShouldBe(4);
        var sent = new List<JsonObject>();
        foreach (var wamid in wamids)
        {
            sent.Add(await AtUpstreamAsync(wamid));
        }
        sent.Select(m => m["type"]!.GetValue<string>()).ShouldBe(["text", "document", "document", "video"]);
        sent[0]["text"]!["body"]!.GetValue<string>().ShouldBe("Your travel documents");
        sent[1]["document"]!["filename"]!.GetValue<string>().ShouldBe("ticket.pdf");
        sent[2]["document"]!["filename"]!.GetValue<string>().ShouldBe("passport.pdf");
        sent[2]["document"]!["link"]!.GetValue<string>().ShouldBe(passport);
        sent[3]["video"]!["link"]!.GetValue<string>().ShouldBe(welcome);
    }

    [Fact]
    public async Task ListWithSectionsAndCustomButtonLabelReachesWhatsAppAsAnInteractiveList()
    {
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "list",
            list = new
            {
                title = "Our menu",
                text = "Pick a dish",
                items = new object[]
                {
                    new
                    {
                        title = "Starters",
                        actions = new[] { new { type = "postback", postback = new { text = "Soup", payload = "soup", metadata = new { description = new { label = "Tomato soup" } } } } },
                    },
                    new
                    {
                        title = "Mains",
                        actions = new[]
                        {
                            new { type = "postback", postback = new { text = "Pasta", payload = "pasta", metadata = new { description = new { label = "With basil" } } } },
                            new { type = "postback", postback = new { text = "Fish", payload = "fish", metadata = new { description = new { label = "Catch of the day" } } } },
                        },
                    },
                },
                metadata = new { button = new { label = "See dishes" } },
            },
        }));

        var interactive = (await AtUpstreamAsync(Wamids(accepted).Single()))["interactive"]!;
        interactive["type"]!.GetValue<string>().ShouldBe("list");
        interactive["header"]!["text"]!.GetValue<string>().ShouldBe("Our menu");
        interactive["body"]!["text"]!.GetValue<string>().ShouldBe("Pick a dish");
        interactive["action"]!["button"]!.GetValue<string>().ShouldBe("See dishes");
        var sections = interactive["action"]!["sections"]!.AsArray();
        sections.Select(s => s!["title"]!.GetValue<string>()).ShouldBe(["Starters", "Mains"]);
        var pasta = sections[1]!["rows"]![0]!;
        pasta["id"]!.GetValue<string>().ShouldBe("pasta");
        pasta["title"]!.GetValue<string>().ShouldBe("Pasta");
        pasta["description"]!.GetValue<string>().ShouldBe("With basil");
    }

    [Fact]
    public async Task LocationReachesWhatsAppAsALocationWithItsLabel()
    {
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "location",
            location = new
            {
                coordinates = new { latitude = 52.3435942, longitude = 4.9091077 },
                location = new { label = "MessageBird Amsterdam office", address = "Trompenburgstraat 2C" },
            },
        }));

        var location = (await AtUpstreamAsync(Wamids(accepted).Single()))["location"]!;
        location["latitude"]!.GetValue<double>().ShouldBe(52.3435942);
        location["name"]!.GetValue<string>().ShouldBe("MessageBird Amsterdam office");
        location["address"]!.GetValue<string>().ShouldBe("Trompenburgstraat 2C");
    }

    [Fact]
    public async Task CarouselOfImageCardsReachesWhatsAppAsAnInteractiveCarousel()
    {
        // Card media are fetched when the message is dispatched, as every media link is: serve them locally.
        await using var media = await Media.LinkServer.StartAsync();
        media.Serve("/image1.jpg", new Media.LinkServer.Asset(Media.MediaCalls.Bytes(64), "image/jpeg"));
        media.Serve("/image2.png", new Media.LinkServer.Asset(Media.MediaCalls.Bytes(64), "image/png"));
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "carousel",
            carousel = new
            {
                text = "Our new collection",
                items = new[]
                {
                    new { title = "Card 1", mediaUrl = media.Url("/image1.jpg"), actions = new[] { new { type = "link", link = new { text = "Visit Bird", url = "https://www.bird.com" } } } },
                    new { title = "Card 2", mediaUrl = media.Url("/image2.png"), actions = new[] { new { type = "link", link = new { text = "Shop", url = "https://example.com/shop" } } } },
                },
            },
        }));

        var interactive = (await AtUpstreamAsync(Wamids(accepted).Single()))["interactive"]!;
        interactive["type"]!.GetValue<string>().ShouldBe("carousel");
        interactive["body"]!["text"]!.GetValue<string>().ShouldBe("Our new collection");
        var cards = interactive["action"]!["cards"]!.AsArray();
        cards.Count.ShouldBe(2);
        cards[0]!["card_index"]!.GetValue<int>().ShouldBe(0);
        cards[0]!["header"]!["image"]!["link"]!.GetValue<string>().ShouldBe(media.Url("/image1.jpg"));
        cards[0]!["body"]!["text"]!.GetValue<string>().ShouldBe("Card 1");
        cards[1]!["action"]!["parameters"]!["url"]!.GetValue<string>().ShouldBe("https://example.com/shop");
        cards[1]!["action"]!["parameters"]!["display_text"]!.GetValue<string>().ShouldBe("Shop");
    }

    [Fact]
    public async Task ReplyToAReceivedMessageQuotesItsWhatsAppMessage()
    {
        var inboundWamid = await CloudApi.UserWritesAsync(Client, User, new { from = User, type = "text", text = new { body = "Is my order ready?" } });
        var (listed, page) = await GetAsync(Channels, MessagesPath + "?direction=incoming&limit=1");
        listed.ShouldBe(HttpStatusCode.OK, page.ToJsonString());
        var received = page["results"]!.AsArray().ShouldHaveSingleItem()!;
        Wamids(received.AsObject()).ShouldBe([inboundWamid]);
        received["direction"]!.GetValue<string>().ShouldBe("incoming");
        received["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Is my order ready?");

        var accepted = await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierValue = "+" + User } } },
            body = new { type = "text", text = new { text = "Yes, it ships today." } },
            replyTo = new { id = received["id"]!.GetValue<string>(), type = "message" },
        });

        accepted["replyTo"]!["id"]!.GetValue<string>().ShouldBe(received["id"]!.GetValue<string>());
        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        sent["context"]!["message_id"]!.GetValue<string>().ShouldBe(inboundWamid);
        sent["text"]!["body"]!.GetValue<string>().ShouldBe("Yes, it ships today.");
    }

    [Fact]
    public async Task TemplateIsAcceptedOutsideTheWindowAndReachesWhatsAppAsATemplateWithNamedParameters()
    {
        const string stranger = "16505559876"; // never wrote: no customer care window
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"named_hello","language":"en_US","category":"UTILITY","parameter_format":"NAMED","components":[
              {"type":"BODY","text":"Hello {{name}}!","example":{"body_text_named_params":[{"param_name":"name","example":"Ana"}]}}]}
            """)!.AsObject());
        var accepted = await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierKey = "phonenumber", identifierValue = "+" + stranger } } },
            template = new
            {
                projectId = "ce6a2fd6-b5b6-4b0a-9c6e-1b2c3d4e5f60",
                version = "latest",
                name = "named_hello",
                locale = "en-US",
                parameters = new[] { new { type = "string", key = "name", value = "Robert" } },
            },
        });

        accepted["template"]!["name"]!.GetValue<string>().ShouldBe("named_hello");
        accepted.ContainsKey("body").ShouldBeFalse();
        var sent = await AtUpstreamAsync(Wamids(accepted).Single());
        sent["type"]!.GetValue<string>().ShouldBe("template");
        sent["template"]!["name"]!.GetValue<string>().ShouldBe("named_hello");
        sent["template"]!["language"]!["code"]!.GetValue<string>().ShouldBe("en_US");
        var parameter = sent["template"]!["components"]![0]!["parameters"]![0]!;
        parameter["parameter_name"]!.GetValue<string>().ShouldBe("name");
        parameter["text"]!.GetValue<string>().ShouldBe("Robert");
    }
}
