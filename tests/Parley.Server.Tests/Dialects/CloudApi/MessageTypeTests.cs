using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Commerce;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Groups;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Media;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// Every message type is accepted with Meta's exact success shape, stored as its canonical Cloud API payload, and
/// delivered by the sandbox; form and multipart bodies work as JSON does; recipients are normalized.
/// </summary>
public sealed class MessageTypeTests : ParleyTest
{
    public static TheoryData<string> SampleNames => [.. SendSamples.All.Keys];

    /// <summary>Template messages are checked against their stored templates: the samples' templates exist, approved; the flow sample's flow is published.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Templates.SampleTemplateFixtures.CreateAsync(Client);
        await FlowKit.SeedAsync(Parley, "1234567890", "table_booking");
        // Product messages need a connected catalog that holds their products.
        await CommerceKit.ReadyAsync(Client, SampleCatalogId, "SKU-1", "SKU-2", "SKU-3");
    }

    /// <summary>The catalog the product samples name.</summary>
    private const string SampleCatalogId = "367025965434465";

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task ValidMessageIsAcceptedStoredCanonicallyAndDelivered(string name)
    {
        var sample = SendSamples.All[name];
        var to = sample.Group ? await JoinedGroupAsync() : RecipientFor(name);
        var inbound = sample.Group ? "" : await CloudApi.UserWritesAsync(Client, to);
        await using var media = await LinkServer.StartAsync();
        var json = await WithMediaAsync(sample.Json.Replace("{TO}", to, StringComparison.Ordinal).Replace("{INBOUND}", inbound, StringComparison.Ordinal), media);
        var request = JsonNode.Parse(json)!.AsObject();

        var (status, body) = await CloudApi.SendRawAsync(Client, json);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var id = ShouldBeSendSuccess(body, request["to"]!.GetValue<string>(), to, sample.Group);
        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["direction"]!.GetValue<string>().ShouldBe("outbound");
        stored["type"]!.GetValue<string>().ShouldBe(sample.Type);
        stored["peer"]!.GetValue<string>().ShouldBe(to);
        ShouldBeSameJson(stored["message"], Canonical(request, to));
        var final = await CloudApi.WaitForStatusAsync(Client, id, sample.FinalStatus);
        final["status"]!.GetValue<string>().ShouldBe(sample.FinalStatus, final.ToJsonString());
    }

    /// <summary>A group of the demo number that a simulated user joined through its invite link (a group with nobody in it takes no messages).</summary>
    private async Task<string> JoinedGroupAsync()
    {
        var group = await GroupKit.CreateAsync(Client);
        var (_, link) = await Tenants.GetAsync(Client, GroupKit.GroupPath(group, "invite_link"));
        using var joined = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/groups/join",
            new { invite_link = link["invite_link"]!.GetValue<string>(), from = "16505553001" });
        joined.StatusCode.ShouldBe(HttpStatusCode.OK);
        return group;
    }

    [Fact]
    public async Task FormEncodedSendIsAcceptedLikeJson()
    {
        await CloudApi.UserWritesAsync(Client, "16505553001");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["messaging_product"] = "whatsapp",
            ["to"] = "16505553001",
            ["type"] = "text",
            ["text"] = """{"body":"hi","preview_url":false}""",
        });

        var id = await SendContentOkAsync(content, "16505553001");

        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["type"]!.GetValue<string>().ShouldBe("text");
        ShouldBeSameJson(stored["message"], JsonNode.Parse("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505553001","type":"text","text":{"body":"hi","preview_url":false}}
            """));
        (await CloudApi.WaitForStatusAsync(Client, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task MultipartSendIsAcceptedLikeJson()
    {
        await CloudApi.UserWritesAsync(Client, "16505553002");
        using var content = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent("+1 650 555 3002"), "to" },
            { new StringContent("interactive"), "type" },
            { new StringContent("""{"type":"button","body":{"text":"Pick"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}}"""), "interactive" },
        };

        var id = await SendContentOkAsync(content, "+1 650 555 3002", "16505553002");

        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["type"]!.GetValue<string>().ShouldBe("interactive");
        ShouldBeSameJson(stored["message"], JsonNode.Parse("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505553002","type":"interactive",
             "interactive":{"type":"button","body":{"text":"Pick"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}}}
            """));
        (await CloudApi.WaitForStatusAsync(Client, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
    }

    /// <summary>
    /// Formatting is dropped; a number with <c>+</c> is international; without it the channel's calling code (1) is
    /// prepended — unless the digits already start with it and are 11+ long (the parser's rule for echoed wa_ids).
    /// </summary>
    [Theory]
    [InlineData("+1 (650) 555-4001", "16505554001")]
    [InlineData("+1-650-555-4002", "16505554002")]
    [InlineData("(650) 555-4003", "16505554003")]
    [InlineData("650.555.4004", "16505554004")]
    [InlineData("1-650-555-4005", "16505554005")]
    [InlineData("16505554006", "16505554006")]
    [InlineData("+44 7700 900124", "447700900124")]
    [InlineData("447700900125", "1447700900125")]
    public async Task RecipientIsEchoedAsSentAndNormalizedToAWhatsAppId(string input, string waId)
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text(input));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var id = ShouldBeSendSuccess(body, input, waId, group: false);
        var stored = await CloudApi.GetMessageAsync(Client, id);
        stored["peer"]!.GetValue<string>().ShouldBe(waId);
        stored["message"]!["to"]!.GetValue<string>().ShouldBe(waId);
    }

    private static readonly (string Placeholder, string MimeType)[] MediaIds =
        [("{IMAGE_ID}", "image/jpeg"), ("{AUDIO_ID}", "audio/ogg"), ("{VIDEO_ID}", "video/mp4"), ("{DOCUMENT_ID}", "application/pdf"), ("{STICKER_ID}", "image/webp")];

    /// <summary>Real media for the sample: uploads for its <c>{…_ID}</c>s, and a local server for its <c>{MEDIA}</c> links.</summary>
    private async Task<string> WithMediaAsync(string json, LinkServer server)
    {
        foreach (var (placeholder, mimeType) in MediaIds.Where(m => json.Contains(m.Placeholder, StringComparison.Ordinal)))
        {
            json = json.Replace(placeholder, await MediaCalls.UploadOkAsync(Client, MediaCalls.Bytes(64), mimeType), StringComparison.Ordinal);
        }
        foreach (var (file, mimeType) in new[] { ("cat.jpg", "image/jpeg"), ("note.ogg", "audio/ogg"), ("clip.mp4", "video/mp4"), ("invoice.pdf", "application/pdf"),
                     ("sticker.webp", "image/webp"), ("header.png", "image/png"), ("team.png", "image/png") })
        {
            server.Serve("/" + file, new LinkServer.Asset(MediaCalls.Bytes(64), mimeType));
        }
        return json.Replace("{MEDIA}", server.Url(""), StringComparison.Ordinal);
    }

    /// <summary>
    /// A user of their own for each sample, so windows, reactions and statuses never mix between cases; address and
    /// order messages reach only users in India (seed 004; Meta, "Payments API India").
    /// </summary>
    private static string RecipientFor(string name) =>
        name is "interactive address_message" or "interactive order_details" or "interactive order_status"
            ? $"91987650{2000 + SendSamples.All.Keys.ToList().IndexOf(name)}"
            : $"1650555{2000 + SendSamples.All.Keys.ToList().IndexOf(name)}";

    private async Task<string> SendContentOkAsync(HttpContent content, string input, string? waId = null)
    {
        using var response = await Client.PostAsync(CloudApi.MessagesPath, content);
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return ShouldBeSendSuccess(body, input, waId ?? input, group: false);
    }

    /// <summary>
    /// Meta's success body and nothing more: <c>{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],
    /// "messages":[{"id"}]}</c>, with <c>group_id</c> only for group sends and no <c>message_status</c> (digest §1.3).
    /// </summary>
    private static string ShouldBeSendSuccess(JsonObject body, string input, string waId, bool group)
    {
        Keys(body).ShouldBe("contacts, messages, messaging_product", body.ToJsonString());
        body["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        var contact = body["contacts"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        Keys(contact).ShouldBe("input, wa_id");
        contact["input"]!.GetValue<string>().ShouldBe(input);
        contact["wa_id"]!.GetValue<string>().ShouldBe(waId);
        var message = body["messages"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        Keys(message).ShouldBe(group ? "group_id, id" : "id", body.ToJsonString());
        if (group)
        {
            message["group_id"]!.GetValue<string>().ShouldBe(waId);
        }
        var id = message["id"]!.GetValue<string>();
        id.ShouldStartWith("wamid.");
        id.Length.ShouldBeLessThanOrEqualTo(128);
        return id;
    }

    /// <summary>The request as sent, with <c>recipient_type</c> and <c>type</c> filled in and <c>to</c> normalized.</summary>
    private static JsonObject Canonical(JsonObject request, string to)
    {
        var canonical = request.DeepClone().AsObject();
        canonical["recipient_type"] ??= "individual";
        canonical["type"] ??= "text";
        canonical["to"] = to;
        return canonical;
    }

    private static string Keys(JsonObject json) => string.Join(", ", json.Select(p => p.Key).Order(StringComparer.Ordinal));

    private static void ShouldBeSameJson(JsonNode? actual, JsonNode? expected) =>
        JsonNode.DeepEquals(actual, expected).ShouldBeTrue($"expected {expected?.ToJsonString()}\n but was {actual?.ToJsonString()}");
}
