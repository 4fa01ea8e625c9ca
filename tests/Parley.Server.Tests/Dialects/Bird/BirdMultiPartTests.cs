using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>
/// A Channels message of several WhatsApp messages is recorded with its planned parts before any part is accepted:
/// every part belongs to it from its first event, and a send cut short part-way (a crash, a part refused at the write)
/// leaves the accepted parts under the message's id with its echo; parts never accepted are not shown.
/// </summary>
public sealed class BirdMultiPartTests : BirdTest
{
    private const string User = "16505554571";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CloudApi.UserWritesAsync(Client, User);
    }

    [Fact]
    public async Task EveryPartIsTheAcceptedMessagesPartFromItsFirstEvent()
    {
        var accepted = await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierValue = "+" + User } } },
            body = new
            {
                type = "image",
                image = new
                {
                    text = "Three views",
                    images = new[]
                    {
                        new { mediaUrl = await MediaUrlAsync("v1.jpg", "image/jpeg") },
                        new { mediaUrl = await MediaUrlAsync("v2.jpg", "image/jpeg") },
                    },
                },
            },
            reference = "views-1",
        });

        var id = accepted["id"]!.GetValue<string>();
        var dialect = (IBirdDialectStore)Parley.Services.GetService(typeof(IBirdDialectStore))!;
        (await dialect.PartsAsync(ParleyFactory.PhoneNumberId, id, default)).ShouldBe(Wamids(accepted));
        foreach (var wamid in Wamids(accepted))
        {
            await AtUpstreamAsync(wamid);
            var refs = await dialect.IdsOfAsync(ParleyFactory.PhoneNumberId, [wamid], default);
            refs[wamid].Id.ShouldBe(id); // never a provisional id of its own
        }
        var (status, message) = await GetAsync(Channels, $"{MessagesPath}/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        message["reference"]!.GetValue<string>().ShouldBe("views-1");
        Wamids(message).Length.ShouldBe(3);
    }

    [Fact]
    public async Task ASendCutShortPartWayKeepsItsAcceptedPartsUnderItsIdWithTheEcho()
    {
        // What a crash after the first part's accept leaves: the record with both planned parts, only the first accepted.
        var sent = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", to = User, type = "text", text = new { body = "Part one" } });
        var dialect = (IBirdDialectStore)Parley.Services.GetService(typeof(IBirdDialectStore))!;
        var id = Guid.NewGuid().ToString("D");
        var echo = new JsonObject
        {
            ["receiver"] = JsonNode.Parse($$"""{"contacts":[{"identifierValue":"+{{User}}"}]}"""),
            ["body"] = JsonNode.Parse("""{"type":"text","text":{"text":"Part one"}}"""),
            ["reference"] = "cut-1",
        };
        await dialect.CreateMessageAsync(
            new BirdMessageRecord(id, ParleyFactory.PhoneNumberId, echo.ToJsonString(), "cut-1", DateTimeOffset.UtcNow), [sent, "wamid.never-accepted"], default);

        await AtUpstreamAsync(sent);
        var (status, message) = await GetAsync(Channels, $"{MessagesPath}/{id}");

        status.ShouldBe(HttpStatusCode.OK, message.ToJsonString());
        Wamids(message).ShouldBe([sent]);
        message["reference"]!.GetValue<string>().ShouldBe("cut-1");
        message["status"]!.GetValue<string>().ShouldBe("delivered");
        var (listed, page) = await GetAsync(Channels, MessagesPath + "?direction=outgoing&limit=5");
        listed.ShouldBe(HttpStatusCode.OK);
        page["results"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldContain(id);
    }
}
