using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// Every example of Bird's "Sending WhatsApp messages" page (seed 001 names them; their bodies follow the schema and
/// the example values of dialects digest B.3–B.6) replayed through HTTP: each is accepted (202) and reaches the
/// simulated WhatsApp network (send log, lookup API) as the WhatsApp messages the page's type table implies, in order.
/// Media links point at a real local link server, so every media part is really fetched.
/// </summary>
public sealed class BirdExampleReplayTests : BirdTest
{
    private const string User = "31612345678";

    /// <summary>Seed 001's example title → the body (inside <c>body</c>, or a whole request for ReplyTo/Template) → the WhatsApp messages.</summary>
    private static readonly (string Title, string Body, string[] Expected)[] BodyExamples =
    [
        ("Text Message", """{"type":"text","text":{"text":"Hi"}}""", ["text"]),
        ("Text message with reply buttons",
            """{"type":"text","text":{"text":"Do you like it?","actions":[{"type":"reply","reply":{"text":"Reply action 1"}},{"type":"reply","reply":{"text":"Reply action 2"}}]}}""",
            ["interactive/button"]),
        ("Text message with postback actions",
            """{"type":"text","text":{"text":"Pick one","actions":[{"type":"postback","postback":{"text":"Postback action 1","payload":"p1"}},{"type":"postback","postback":{"text":"Postback action 2","payload":"p2"}}]}}""",
            ["interactive/button"]),
        ("Text message with reply and postback actions",
            """{"type":"text","text":{"text":"Pick one","actions":[{"type":"reply","reply":{"text":"Reply action 1"}},{"type":"postback","postback":{"text":"Postback action 1","payload":"p1"}}]}}""",
            ["interactive/button"]),
        ("Text message with location request",
            """{"type":"text","text":{"text":"Where are you?","actions":[{"type":"locationRequest"}]}}""",
            ["interactive/location_request_message"]),
        ("Single image message", """{"type":"image","image":{"images":[{"mediaUrl":"{img1}"}]}}""", ["image"]),
        ("Single image message with text", """{"type":"image","image":{"text":"Our shop","images":[{"mediaUrl":"{img1}"}]}}""", ["image"]),
        ("Multiple image message", """{"type":"image","image":{"images":[{"mediaUrl":"{img1}"},{"mediaUrl":"{img2}"}]}}""", ["image", "image"]),
        ("Single image message with postback actions",
            """{"type":"image","image":{"text":"Like it?","images":[{"mediaUrl":"{img1}"}],"actions":[{"type":"postback","postback":{"text":"Buy","payload":"buy"}}]}}""",
            ["interactive/button"]),
        ("Single image message with label and reply actions",
            """{"type":"image","image":{"images":[{"mediaUrl":"{img1}","altText":"Red sneakers"}],"actions":[{"type":"reply","reply":{"text":"Yes"}},{"type":"reply","reply":{"text":"No"}}]}}""",
            ["interactive/button"]),
        ("Single image message with label, postback and reply actions",
            """{"type":"image","image":{"images":[{"mediaUrl":"{img1}","altText":"Red sneakers"}],"actions":[{"type":"postback","postback":{"text":"Buy","payload":"buy"}},{"type":"reply","reply":{"text":"Later"}}]}}""",
            ["interactive/button"]),
        ("Multiple images message with labels and postback actions",
            """{"type":"image","image":{"images":[{"mediaUrl":"{img1}","altText":"Front"},{"mediaUrl":"{img2}","altText":"Back"}],"actions":[{"type":"postback","postback":{"text":"Buy","payload":"buy"}}]}}""",
            ["image", "interactive/button"]),
        ("Multiple images message with reply actions",
            """{"type":"image","image":{"text":"Which one?","images":[{"mediaUrl":"{img1}"},{"mediaUrl":"{img2}"}],"actions":[{"type":"reply","reply":{"text":"First"}},{"type":"reply","reply":{"text":"Second"}}]}}""",
            ["image", "interactive/button"]),
        ("Multiple images message with labels, postback and reply actions",
            """{"type":"image","image":{"images":[{"mediaUrl":"{img1}","altText":"Front"},{"mediaUrl":"{img2}","altText":"Back"}],"actions":[{"type":"postback","postback":{"text":"Buy","payload":"buy"}},{"type":"reply","reply":{"text":"Later"}}]}}""",
            ["image", "interactive/button"]),
        ("Single file message",
            """{"type":"file","file":{"text":"Your passport","files":[{"contentType":"application/pdf","mediaUrl":"{pdf1}","filename":"passport.pdf"}]}}""",
            ["document"]),
        ("Single file message with postback and reply actions",
            """{"type":"file","file":{"text":"Your invoice","files":[{"contentType":"application/pdf","mediaUrl":"{pdf1}","filename":"invoice.pdf"}],"actions":[{"type":"postback","postback":{"text":"Pay","payload":"pay"}},{"type":"reply","reply":{"text":"Later"}}]}}""",
            ["interactive/button"]),
        ("Multiple files message",
            """{"type":"file","file":{"files":[{"contentType":"application/pdf","mediaUrl":"{pdf1}"},{"contentType":"video/mp4","mediaUrl":"{mp4}"}]}}""",
            ["document", "video"]),
        ("Multiple files message with filename",
            """{"type":"file","file":{"files":[{"contentType":"application/pdf","mediaUrl":"{pdf1}","filename":"ticket.pdf"},{"contentType":"application/pdf","mediaUrl":"{pdf2}","filename":"passport.pdf"}]}}""",
            ["document", "document"]),
        ("Multiple files message with two postback actions and a reply action",
            """{"type":"file","file":{"text":"Your documents","files":[{"contentType":"application/pdf","mediaUrl":"{pdf1}","filename":"ticket.pdf"},{"contentType":"application/pdf","mediaUrl":"{pdf2}","filename":"passport.pdf"}],"actions":[{"type":"postback","postback":{"text":"Confirm","payload":"confirm"}},{"type":"postback","postback":{"text":"Cancel","payload":"cancel"}},{"type":"reply","reply":{"text":"Call me"}}]}}""",
            ["document", "interactive/button"]),
        ("Location",
            """{"type":"location","location":{"coordinates":{"latitude":52.3435942,"longitude":4.9091077},"location":{"label":"MessageBird Amsterdam office","address":"Trompenburgstraat 2C"}}}""",
            ["location"]),
        ("List message without sections",
            """{"type":"list","list":{"text":"Choose","items":[{"actions":[{"type":"postback","postback":{"text":"One","payload":"1"}},{"type":"postback","postback":{"text":"Two","payload":"2"}}]}]}}""",
            ["interactive/list"]),
        ("List message with sections",
            """{"type":"list","list":{"title":"List title","text":"List text","items":[{"title":"Section 1","actions":[{"type":"postback","postback":{"payload":"p1","text":"Postback action 1","metadata":{"description":{"label":"desc 1"}}}}]},{"title":"Section 2","actions":[{"type":"postback","postback":{"payload":"p2","text":"Postback action 2"}}]}]}}""",
            ["interactive/list"]),
        ("List message with sections and custom button label",
            """{"type":"list","list":{"title":"List title","altText":"A list","text":"List text","items":[{"title":"Section 1","actions":[{"type":"postback","postback":{"payload":"p1","text":"Postback action 1","metadata":{"description":{"label":"desc 1"}}}}]}],"metadata":{"button":{"label":"Show options"}}}}""",
            ["interactive/list"]),
        ("Carousel",
            """{"type":"carousel","carousel":{"text":"Our picks","items":[{"title":"Card 1","mediaUrl":"{img1}","actions":[{"type":"link","link":{"text":"Visit Bird","url":"https://www.bird.com"}}]},{"title":"Card 2","mediaUrl":"{img2}","actions":[{"type":"link","link":{"text":"Visit Bird","url":"https://www.bird.com"}}]}]}}""",
            ["interactive/carousel"]),
    ];

    /// <summary>The ReplyTo examples: a body and <c>replyTo: {id: the received message, type: "message"}</c>.</summary>
    private static readonly (string Title, string Body, string[] Expected)[] ReplyExamples =
    [
        ("ReplyTo with a text message", """{"type":"text","text":{"text":"Thanks!"}}""", ["text"]),
        ("ReplyTo with an image message", """{"type":"image","image":{"images":[{"mediaUrl":"{img1}"}]}}""", ["image"]),
        ("ReplyTo with text message with postback actions",
            """{"type":"text","text":{"text":"Rate us","actions":[{"type":"postback","postback":{"text":"Good","payload":"good"}}]}}""",
            ["interactive/button"]),
    ];

    [Fact]
    public async Task EverySeedExampleIsAcceptedAndReachesWhatsAppAsTheMappedMessages()
    {
        var links = new Dictionary<string, string>
        {
            ["{img1}"] = await MediaUrlAsync("image1.jpg", "image/jpeg"),
            ["{img2}"] = await MediaUrlAsync("image2.png", "image/png"),
            ["{pdf1}"] = await MediaUrlAsync("ticket.pdf", "application/pdf"),
            ["{pdf2}"] = await MediaUrlAsync("passport.pdf", "application/pdf"),
            ["{mp4}"] = await MediaUrlAsync("welcome.mp4", "video/mp4"),
        };
        string Fill(string json) => links.Aggregate(json, (s, l) => s.Replace(l.Key, l.Value, StringComparison.Ordinal));
        var receiver = $$"""{"contacts":[{"identifierKey":"phonenumber","identifierValue":"+{{User}}"}]}""";
        var inbound = await CloudApi.UserWritesAsync(Client, User, new { from = User, type = "text", text = new { body = "Hello shop" } });
        var (_, page) = await GetAsync(Channels, MessagesPath + "?direction=incoming&limit=1");
        var receivedId = page["results"]![0]!["id"]!.GetValue<string>();
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"welcome_named","language":"en","category":"UTILITY","parameter_format":"NAMED","components":[
              {"type":"BODY","text":"Welcome {{name}}!","example":{"body_text_named_params":[{"param_name":"name","example":"Ana"}]}}]}
            """)!.AsObject());

        var requests = new List<(string Title, string Json, string[] Expected, bool Reply)>();
        requests.AddRange(BodyExamples.Select(e => (e.Title, "{\"receiver\":" + receiver + ",\"body\":" + Fill(e.Body) + "}", e.Expected, false)));
        requests.AddRange(ReplyExamples.Select(e =>
            (e.Title, "{\"receiver\":" + receiver + ",\"body\":" + Fill(e.Body) + ",\"replyTo\":{\"id\":\"" + receivedId + "\",\"type\":\"message\"}}", e.Expected, true)));
        requests.Add(("Template (digest B.6 example, with the template's name)",
            "{\"receiver\":" + receiver + ""","template":{"projectId":"ce6a2fd6-b5b6-4b0a-9c6e-1b2c3d4e5f60","version":"latest","name":"welcome_named","locale":"en","parameters":[{"type":"string","key":"name","value":"Robert"}]}}""",
            ["template"], false));

        var accepted = new List<(string Title, string[] Wamids, string[] Expected, bool Reply)>();
        foreach (var (title, json, expected, reply) in requests)
        {
            var (status, body) = await SendRawAsync(Channels, json);
            status.ShouldBe(HttpStatusCode.Accepted, $"{title}: {body.ToJsonString()}");
            body["status"]!.GetValue<string>().ShouldBe("accepted", title);
            accepted.Add((title, Wamids(body), expected, reply));
        }

        foreach (var (title, wamids, expected, reply) in accepted)
        {
            var sent = new List<JsonObject>();
            foreach (var wamid in wamids)
            {
                sent.Add(await AtUpstreamAsync(wamid));
            }
            sent.Select(Kind).ShouldBe(expected, title);
            sent.ShouldAllBe(m => m["to"]!.GetValue<string>() == User, title);
            if (reply)
            {
                sent[0]["context"]!["message_id"]!.GetValue<string>().ShouldBe(inbound, title);
            }
            // Parts are dispatched in order, but each part's media is fetched as it is sent, so parts with media of
            // different sizes can reach the network in another order (docs/channels.md); every part reaches it once.
            var log = SentToNetwork();
            wamids.ShouldAllBe(w => log.Count(logged => logged == w) == 1, title);
        }
    }

    private static string Kind(JsonObject message)
    {
        var type = message["type"]!.GetValue<string>();
        return type == "interactive" ? $"interactive/{message["interactive"]!["type"]!.GetValue<string>()}" : type;
    }
}
