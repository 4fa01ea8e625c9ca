using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.CloudApiDialect;

/// <summary>
/// Whatever arrives — broken bytes, hostile JSON, wrong content types, odd headers and paths — the send endpoint
/// answers below 500, in the Graph error envelope, and stores nothing.
/// </summary>
public sealed class MalformedRequestTests : ParleyTest
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string ValidText = """{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"hi"}}""";

    /// <summary>One hostile request. <paramref name="Authorization"/> null sends none.</summary>
    private sealed record Case(
        byte[] Body,
        string? ContentType = Json,
        string Path = CloudApi.MessagesPath,
        string? Authorization = "Bearer " + ParleyFactory.AccessToken,
        string? IdempotencyKey = null);

    private static Case Text(string body, string? contentType = Json) => new(Utf8(body), contentType);

    private static Case Valid(string? path = null, string? authorization = "Bearer " + ParleyFactory.AccessToken, string? idempotencyKey = null) =>
        new(Utf8(ValidText), Json, path ?? CloudApi.MessagesPath, authorization, idempotencyKey);

    private static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));

    private static byte[] Bytes(params ReadOnlySpan<byte[]> parts)
    {
        using var buffer = new MemoryStream();
        foreach (var part in parts)
        {
            buffer.Write(part);
        }
        return buffer.ToArray();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Bytes that are not JSON
        ["garbage bytes"] = new(Enumerable.Range(0, 512).Select(i => (byte)((i * 7919 + 13) % 256)).ToArray()),
        ["empty body"] = new([]),
        ["whitespace only"] = Text(" \r\n\t "),
        ["byte order mark only"] = new([0xEF, 0xBB, 0xBF]),
        ["truncated object"] = Text("""{"messaging_product":"whatsapp","to":"1650"""),
        ["trailing garbage"] = Text(ValidText + "}}"),
        ["two objects"] = Text(ValidText + ValidText),
        ["comments"] = Text("""{/* hi */"messaging_product":"whatsapp"}"""),
        ["NaN literal"] = Text("""{"messaging_product":"whatsapp","to":NaN}"""),
        ["raw control character in a string"] = Text("{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"text\":{\"body\":\"a\u0001b\"}}"),
        // Hostile JSON
        ["10,000 nested arrays"] = Text(Nested("[", "]", 10_000)),
        ["10,000 nested objects"] = Text(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
        ["nesting past 64 levels inside a message"] = Text($$$"""{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"hi"},"context":{{{Nested("[", "]", 70)}}}}"""),
        ["huge exponent as recipient"] = Text("""{"messaging_product":"whatsapp","to":1e999999,"text":{"body":"hi"}}"""),
        ["huge exponent as latitude"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","type":"location","location":{"latitude":1e400,"longitude":-1e400}}"""),
        ["100,000-digit latitude"] = Text($$$"""{"messaging_product":"whatsapp","to":"16505551234","type":"location","location":{"latitude":{{{new string('9', 100_000)}}},"longitude":1}}"""),
        ["huge integer as template button index"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"button","sub_type":"url","index":123456789012345678901234567890,"parameters":[{"type":"text","text":"x"}]}]}}"""),
        ["nulls everywhere"] = Text("""{"messaging_product":null,"recipient_type":null,"to":null,"type":null,"text":null,"context":null,"biz_opaque_callback_data":null}"""),
        ["nulls inside interactive"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"button","header":null,"body":{"text":null},"action":{"buttons":[null,null]}}}"""),
        ["null contacts"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","type":"contacts","contacts":[null]}"""),
        ["invalid UTF-8 in a value"] = new(Bytes(Utf8("{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"text\":{\"body\":\""), [0xC3, 0x28, 0xFF], Utf8("\"}}"))),
        ["invalid UTF-8 in a key"] = new(Bytes(Utf8("{\"messaging_product\":\"whatsapp\",\""), [0xFE, 0xFF], Utf8("\":1}"))),
        ["overlong UTF-8 encoding"] = new(Bytes(Utf8("{\"messaging_product\":\"whatsapp\",\"to\":\""), [0xC0, 0xAF], Utf8("\"}"))),
        ["lone surrogate escape in a value"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"\uD800"}}"""),
        ["lone surrogate escape in a key"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","\uDC00":1,"text":{"body":"hi"}}"""),
        ["duplicate keys"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","to":"16505551235","text":{"body":"hi"}}"""),
        ["50,000 unknown keys"] = Text("{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\":0")) + "}"),
        ["text of 900,000 characters"] = Text($$$"""{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"{{{new string('x', 900_000)}}}"}}"""),
        ["type as a number"] = Text("""{"messaging_product":"whatsapp","to":"16505551234","type":123,"text":{"body":"hi"}}"""),
        ["recipient as an array"] = Text("""{"messaging_product":"whatsapp","to":["16505551234"],"text":{"body":"hi"}}"""),
        ["recipient of 10,000 digits"] = Text($$$"""{"messaging_product":"whatsapp","to":"{{{new string('1', 10_000)}}}","text":{"body":"hi"}}"""),
        ["recipient with 00 prefix"] = Text("""{"messaging_product":"whatsapp","to":"0016505551234","text":{"body":"hi"}}"""),
        ["recipient made of letters"] = Text("""{"messaging_product":"whatsapp","to":"CALL-ME-MAYBE","text":{"body":"hi"}}"""),
        ["mark read with a null id"] = Text("""{"messaging_product":"whatsapp","status":"read","message_id":null}"""),
        ["mark read with an object status"] = Text("""{"messaging_product":"whatsapp","status":{"read":true},"message_id":"wamid.x"}"""),
        // Content types
        ["text/plain words"] = Text("send hi to 16505551234", "text/plain"),
        ["application/xml"] = Text("<message><to>16505551234</to><text>hi</text></message>", "application/xml"),
        ["no content type"] = Text("<<<not json>>>", null),
        ["malformed content type"] = Text("hello", "////"),
        ["JSON with an unknown charset"] = Text("hello", "application/json; charset=klingon"),
        ["form-encoded garbage"] = Text("%%%&&&===&a=%ZZ&=&&", Form),
        ["form-encoded empty"] = Text("", Form),
        ["form-encoded broken JSON value"] = Text("messaging_product=whatsapp&to=16505551234&type=text&text={broken", Form),
        ["form-encoded 10,000 nested arrays"] = Text("messaging_product=whatsapp&to=16505551234&type=text&text=" + Nested("[", "]", 10_000), Form),
        ["form-encoded without messaging_product"] = Text("to=16505551234&type=text&text=%7B%22body%22%3A%22hi%22%7D", Form),
        ["multipart without boundary"] = Text("--x\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n1\r\n--x--", "multipart/form-data"),
        ["multipart with a garbage body"] = Text("garbage", "multipart/form-data; boundary=xyz"),
        ["multipart truncated"] = Text("--xyz\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n1650", "multipart/form-data; boundary=xyz"),
        // Headers
        ["no authorization"] = Valid(authorization: null) with { Body = Utf8("nonsense") },
        ["empty bearer token"] = Valid(authorization: "Bearer "),
        ["basic authorization"] = Valid(authorization: "Basic dXNlcjpwYXNz"),
        ["token of 100,000 characters"] = Valid(authorization: "Bearer " + new string('t', 100_000)),
        ["non-ASCII token"] = Valid(authorization: "Bearer ñandú-€"),
        ["idempotency key of 10,000 characters"] = Valid(idempotencyKey: new string('k', 10_000)),
        // Paths
        ["version segment of 10,000 characters"] = Valid($"/{new string('v', 10_000)}/{ParleyFactory.PhoneNumberId}/messages"),
        ["phone number id of 10,000 digits"] = Valid($"/v23.0/{new string('1', 10_000)}/messages"),
        ["phone number id in Arabic-Indic digits"] = Valid("/v23.0/١٠٦٥٤٠٣٥٢٢٤٢٩٢٢/messages"),
        ["emoji version segment"] = Valid($"/v😀.0/{ParleyFactory.PhoneNumberId}/messages"),
        ["encoded slash in phone number id"] = Valid("/v23.0/106540%2F352242922/messages"),
        ["unknown path below messages"] = Valid($"/v23.0/{ParleyFactory.PhoneNumberId}/messages/extra"),
        ["path of 2,000 segments"] = Valid(string.Concat(Enumerable.Repeat("/seg", 2_000))),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task MalformedRequestNeverGetsA5xxAndIsAnsweredInTheGraphEnvelope(string name)
    {
        var @case = Cases[name];
        using var client = Parley.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, @case.Path) { Content = new ByteArrayContent(@case.Body) };
        if (@case.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", @case.ContentType).ShouldBeTrue();
        }
        if (@case.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", @case.Authorization).ShouldBeTrue();
        }
        if (@case.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", @case.IdempotencyKey).ShouldBeTrue();
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBeInRange(400, 499, text);
        var body = JsonNode.Parse(text).ShouldBeOfType<JsonObject>();
        body.ShouldBeGraphEnvelope();
        await GraphAssertions.ShouldHaveStoredNothingAsync(Client);
    }
}
