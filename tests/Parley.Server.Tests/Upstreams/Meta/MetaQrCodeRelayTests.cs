using System.Net;
using Parley.Core.QrCodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// A meta channel's message QR codes are made at Meta (a fake Graph API here): Meta makes the code, its deep link and its
/// image URL, every <c>message_qrdls</c> call is made at Meta's path, Meta's answer or refusal comes back as Meta gave it,
/// and Parley keeps Meta's codes (code and pre-filled message).
/// </summary>
public sealed class MetaQrCodeRelayTests : MetaRelayTestBase
{
    private const string Code = "4O4YGZEG3RIVE1";

    private const string MetaCode = $$$$"""
        {"code":"{{{{Code}}}}","prefilled_message":"Cyber Monday","deep_link_url":"https://wa.me/message/{{{{Code}}}}",
         "qr_image_url":"https://scontent-iad3-2.xx.fbcdn.net/m1/v/t6/qr.svg?ccb=10-5"}
        """;

    private IQrCodeStore Store => Service<IQrCodeStore>();

    [Fact]
    public async Task CreatingACodeIsMadeAtMetaAndMetasCodeIsAnsweredAndKept()
    {
        MetaAnswers("POST", MetaPath("message_qrdls"), MetaCode);

        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("message_qrdls"), """{"prefilled_message":"Cyber Monday","generate_qr_image":"SVG"}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, MetaCode);
        ShouldBeJson(MetaReceivedOne("POST", MetaPath("message_qrdls")).Json, """{"prefilled_message":"Cyber Monday","generate_qr_image":"SVG"}""");
        var kept = (await Store.FindAsync(Code, CancellationToken.None)).ShouldNotBeNull();
        (kept.ChannelId, kept.PrefilledMessage).ShouldBe((Channel.PhoneNumberId, "Cyber Monday"));
    }

    [Fact]
    public async Task ChangingACodesMessageIsMadeAtMetaAndTheKeptCodeFollows()
    {
        await KeepAsync("Cyber Monday");
        var changed = MetaCode.Replace("Cyber Monday", "Tell me more", StringComparison.Ordinal);
        MetaAnswers("POST", MetaPath("message_qrdls"), changed);

        var (status, body) = await CloudAsync(HttpMethod.Post, CloudPath("message_qrdls"), $$$$"""{"code":"{{{{Code}}}}","prefilled_message":"Tell me more"}""");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, changed);
        ShouldBeJson(MetaReceivedOne("POST", MetaPath("message_qrdls")).Json, $$$$"""{"prefilled_message":"Tell me more","code":"{{{{Code}}}}"}""");
        (await Store.FindAsync(Code, CancellationToken.None))!.PrefilledMessage.ShouldBe("Tell me more");
    }

    [Fact]
    public async Task ListingReadsMetasCodesWithMetasCursorsInParleysPagingLinks()
    {
        var query = "?fields=creation_time%2Cqr_image_url.format%28PNG%29&limit=1&after=QVFIUmFm";
        MetaAnswers("GET", MetaPath("message_qrdls") + query, $$$$"""
            {"data":[{"code":"{{{{Code}}}}","prefilled_message":"Cyber Monday","deep_link_url":"https://wa.me/message/{{{{Code}}}}","creation_time":1733000000}],
             "paging":{"cursors":{"before":"QkVG","after":"QUZU"},"next":"https://graph.facebook.com/v23.0/x/message_qrdls?after=QUZU"}}
            """);

        var (status, body) = await CloudAsync(HttpMethod.Get, CloudPath("message_qrdls") + "?fields=creation_time,qr_image_url.format(PNG)&limit=1&after=QVFIUmFm");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        MetaReceivedOne("GET", MetaPath("message_qrdls") + query);
        ShouldBeJson(body["data"]!, $$$$"""[{"code":"{{{{Code}}}}","prefilled_message":"Cyber Monday","deep_link_url":"https://wa.me/message/{{{{Code}}}}","creation_time":1733000000}]""");
        ShouldBeJson(body["paging"]!["cursors"]!, """{"before":"QkVG","after":"QUZU"}""");
        body["paging"]!["next"]!.GetValue<string>().ShouldContain($"/v23.0/{Channel.PhoneNumberId}/message_qrdls?");
    }

    [Fact]
    public async Task GettingOneCodeIsMetasAnswer()
    {
        var answer = $$$$"""{"data":[{"code":"{{{{Code}}}}","prefilled_message":"Cyber Monday","deep_link_url":"https://wa.me/message/{{{{Code}}}}"}]}""";
        MetaAnswers("GET", MetaPath($"message_qrdls/{Code}"), answer);

        var (status, body) = await CloudAsync(HttpMethod.Get, CloudPath($"message_qrdls/{Code}"));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, answer);
        MetaReceivedOne("GET", MetaPath($"message_qrdls/{Code}"));
    }

    [Fact]
    public async Task DeletingACodeIsMadeAtMetaAndTheKeptCodeGoes()
    {
        await KeepAsync("Cyber Monday");
        MetaAnswers("DELETE", MetaPath($"message_qrdls/{Code}"), """{"success":true}""");

        var (status, body) = await CloudAsync(HttpMethod.Delete, CloudPath($"message_qrdls/{Code}"));

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ShouldBeJson(body, """{"success":true}""");
        MetaReceivedOne("DELETE", MetaPath($"message_qrdls/{Code}"));
        (await Store.FindAsync(Code, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task MetasRefusalIsAnsweredAsMetaGaveItAndABadBodyNeverReachesMeta()
    {
        await KeepAsync("Cyber Monday");
        Graph.Respond = _ => GraphAnswer.Error(404, 100, "Invalid parameter", "QR code not found.");

        var (status, body) = await CloudAsync(HttpMethod.Delete, CloudPath($"message_qrdls/{Code}"));
        var (badStatus, bad) = await CloudAsync(HttpMethod.Post, CloudPath("message_qrdls"), """{"prefilled_message":"Hi","generate_qr_image":"GIF"}""");

        status.ShouldBe(HttpStatusCode.NotFound, body.ToJsonString());
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("QR code not found.");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe(100);
        Graph.Requests.Count.ShouldBe(1);
        (await Store.FindAsync(Code, CancellationToken.None)).ShouldNotBeNull();
    }

    private async Task KeepAsync(string message)
    {
        var now = DateTimeOffset.UtcNow;
        (await Store.CreateAsync(new QrCode(Code, Channel.PhoneNumberId, message, now, now), int.MaxValue, CancellationToken.None)).ShouldBeTrue();
    }
}
