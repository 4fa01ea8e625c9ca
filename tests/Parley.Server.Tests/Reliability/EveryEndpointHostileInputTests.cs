using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Groups;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.Bird;
using Parley.Server.Tests.Flows;
using Parley.Server.Tests.Groups;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Reliability;

/// <summary>
/// Every endpoint Parley maps — every dialect, the management and admin APIs, the simulators — is found through the
/// routing table (so a new endpoint is covered without being listed here) and sent hostile input with valid
/// credentials: broken bytes, JSON of the wrong shape, nulls, deep nesting, huge values, wrong content types and
/// hostile query strings. None may answer 5xx.
/// </summary>
public sealed class EveryEndpointHostileInputTests(ITestOutputHelper output) : ParleyTest(new Dictionary<string, string?>
{
    ["Parley:Demo:WorkspaceId"] = BirdTest.WorkspaceId,
    ["Parley:Demo:ChannelId"] = BirdTest.ChannelId,
})
{
    private const string Json = "application/json";

    /// <summary>Values for the route parameters Parley uses, so requests reach the handlers instead of stopping at a 404.</summary>
    private static readonly Dictionary<string, string> KnownValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["version"] = "v23.0",
        ["phoneNumberId"] = ParleyFactory.PhoneNumberId,
        ["instanceId"] = ParleyFactory.PhoneNumberId,
        ["channelId"] = BirdTest.ChannelId,
        ["workspaceId"] = BirdTest.WorkspaceId,
        ["wabaId"] = ParleyFactory.WabaId,
        ["accountId"] = ParleyFactory.WabaId,
        ["id"] = ParleyFactory.PhoneNumberId,
        ["catalogId"] = "777000111",
    };

    private sealed record Body(string Name, Func<HttpContent?> Content);

    private static StringContent Text(string text, string contentType)
    {
        var content = new StringContent(text);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static readonly Body[] Bodies =
    [
        new("no body", () => null),
        new("garbage bytes", () => new ByteArrayContent([.. Enumerable.Range(0, 300).Select(i => (byte)((i * 7919 + 13) % 256))])
        {
            Headers = { ContentType = new MediaTypeHeaderValue(Json) },
        }),
        new("truncated JSON", () => Text("""{"messaging_product":"whatsapp","to":"1650""", Json)),
        new("a JSON array", () => Text("[1,2,3]", Json)),
        new("a JSON string", () => Text("\"hello\"", Json)),
        new("nulls everywhere", () => Text("""{"messaging_product":null,"to":null,"type":null,"text":null,"body":null,"chatId":null,"phone":null,"receiver":null,"template":null,"name":null,"components":null,"file":null,"url":null,"pin":null,"code":null,"webhookUrl":null,"status":null,"message_id":null}""", Json)),
        new("wrong types everywhere", () => Text("""{"messaging_product":1,"to":[],"type":{},"text":7,"body":[],"chatId":{},"phone":[1],"receiver":"x","template":"x","name":[],"components":"x","url":5,"pin":[],"code":{},"webhookUrl":{},"status":1,"limit":"x","fields":1}""", Json)),
        new("deep nesting", () => Text(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), Json)),
        new("huge string", () => Text($$"""{"messaging_product":"whatsapp","to":"{{new string('9', 200_000)}}","name":"{{new string('n', 200_000)}}"}""", Json)),
        new("form garbage", () => Text("%%%&&&===&a=%ZZ&=&&chatId=&phone=abc&body=%00", "application/x-www-form-urlencoded")),
        new("multipart truncated", () => Text("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n1650", "multipart/form-data; boundary=xyz")),
        new("XML", () => Text("<a><b>1</b></a>", "application/xml")),
    ];

    private const string HostileQuery = "fields=%25%25,,,&limit=-5&after=%00%01&before=@@@&date=99.99999&last=maybe&min_time=-1&max_time=1e99&messageId=&lastMessageNumber=x&pageToken=%FF";

    [Fact]
    public async Task NoEndpointAnswersHostileInputWithA5xx()
    {
        using var client = Parley.CreateClient();
        var routes = Parley.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern)))
            .Where(r => r.Method != "OPTIONS" && r.Method != "HEAD")
            .DistinctBy(r => (r.Method, r.Pattern.RawText))
            // Deletions last, so they do not take away what the other requests reach; the admin API's (which delete the
            // demo channel and its token) after every other deletion.
            .OrderBy(r => r.Method == "DELETE")
            .ThenBy(r => r.Method == "DELETE" && r.Pattern.RawText!.StartsWith("/admin", StringComparison.Ordinal))
            .ThenBy(r => r.Pattern.RawText, StringComparer.Ordinal)
            .ToList();
        routes.Count.ShouldBeGreaterThan(80, "the routing table lists every endpoint");
        // A live group with a participant and an open join request, so group routes reach their handlers' work.
        var groupId = await GroupKit.CreateAsync(Client, mode: JoinApprovalModes.ApprovalRequired);
        await GroupKit.AddParticipantAsync(Parley, groupId, "16505550001");
        await GroupKit.CreateJoinRequestAsync(Parley, groupId, "16505550002");
        // A draft flow with Flow JSON, so flow routes (by id, its edges, its pages) reach their handlers' work.
        var flowId = await FlowKit.CreateAsync(Client, "Hostile input");
        await FlowKit.UploadAsync(Client, flowId, FlowKit.SignUpJson);
        // A blocked user, so blocklist routes (block_users, blockedUsers) page real data.
        await CloudApi.UserWritesAsync(Client, "16505550003");
        (await Blocking.BlockKit.ChangeAsync(Client, HttpMethod.Post, "16505550003")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        // A message QR code, so QR code routes (by code, its image, its deep link, the sandbox scan) reach their handlers' work.
        var qrCode = (await Tenants.PostAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}/message_qrdls", new { prefilled_message = "Hostile input" }))
            .Body["code"]!.GetValue<string>();
        var values = new Dictionary<string, string>(KnownValues, StringComparer.OrdinalIgnoreCase)
        {
            ["groupId"] = groupId, ["flowId"] = flowId, ["code"] = qrCode, ["extension"] = "png",
        };

        var failures = new List<string>();
        var statuses = new List<(string Route, int Status)>();
        var requests = 0;
        // The by-id route reaches more kinds than the phone number its {id} is given: the business account and the
        // business profile object too.
        var profileId = (await Tenants.GetAsync(Client, $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile?fields=id")).Body["data"]![0]!["id"]!.GetValue<string>();
        foreach (var (method, id, body, query) in from id in new[] { ParleyFactory.WabaId, profileId }
                 from method in new[] { "GET", "POST" }
                 from body in method == "GET" ? Bodies.Take(1) : Bodies
                 from query in new[] { "", HostileQuery }
                 select (method, id, body, query))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/v23.0/{id}?{query}") { Content = body.Content() };
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {ParleyFactory.AccessToken}");
            using var response = await client.SendAsync(request);
            requests++;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{method} /v23.0/{id} with {body.Name}{(query.Length > 0 ? " and a hostile query" : "")}: {(int)response.StatusCode}");
            }
        }
        foreach (var (method, pattern) in routes)
        {
            var path = PathOf(pattern, values);
            foreach (var body in method is "GET" or "DELETE" ? Bodies.Take(1) : Bodies)
            {
                foreach (var query in new[] { "", HostileQuery })
                {
                    var url = $"{path}?token={ParleyFactory.AccessToken}" + (query.Length > 0 ? "&" + query : "");
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body.Content() };
                    request.Headers.TryAddWithoutValidation("Authorization", pattern.RawText!.StartsWith("/workspaces", StringComparison.Ordinal)
                        ? $"AccessKey {ParleyFactory.AccessToken}"
                        : $"Bearer {ParleyFactory.AccessToken}");
                    request.Headers.Add("X-Admin-Key", ParleyFactory.AdminKey);
                    using var response = await client.SendAsync(request);
                    requests++;
                    statuses.Add(($"{method} {pattern.RawText}", (int)response.StatusCode));
                    if ((int)response.StatusCode >= 500)
                    {
                        var text = await response.Content.ReadAsStringAsync();
                        failures.Add($"{method} {pattern.RawText} with {body.Name}{(query.Length > 0 ? " and a hostile query" : "")}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                    }
                }
            }
        }

        output.WriteLine($"{routes.Count} routes, {requests} requests");
        foreach (var route in statuses.GroupBy(s => s.Route))
        {
            output.WriteLine($"{route.Key}: {string.Join(",", route.Select(s => s.Status).Distinct().Order())}");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>The route with its parameters filled: known names get values that exist, others a plausible id.</summary>
    private static string PathOf(RoutePattern pattern, Dictionary<string, string> values)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "1234567890"),
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}
