using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Lookup;

/// <summary>Parley's read API over a channel's messages: one message with its history, and the filtered, paged list.</summary>
public sealed class MessageLookupTests : ParleyTest
{
    private const string ListPath = $"/api/channels/{ParleyFactory.PhoneNumberId}/messages";

    [Fact]
    public async Task ReadMessageShowsItsFullStatusHistoryWithTimestamps()
    {
        await CloudApi.UserWritesAsync(Client, "16505555001");
        var id = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", to = "16505555001", type = "text", text = new { body = "Your order shipped" }, biz_opaque_callback_data = "order-7" });

        await CloudApi.WaitForStatusAsync(Client, id, "read");
        var message = await CloudApi.GetMessageAsync(Client, id);

        message["id"]!.GetValue<string>().ShouldBe(id);
        message["direction"]!.GetValue<string>().ShouldBe("outbound");
        message["peer"]!.GetValue<string>().ShouldBe("16505555001");
        message["type"]!.GetValue<string>().ShouldBe("text");
        message["status"]!.GetValue<string>().ShouldBe("read");
        message["message"]!["text"]!["body"]!.GetValue<string>().ShouldBe("Your order shipped");
        message["biz_opaque_callback_data"]!.GetValue<string>().ShouldBe("order-7");
        message["error"].ShouldBeNull();
        var createdAt = Time(message["created_at"]);
        var history = message["statuses"]!.AsArray().Select(s => s!.AsObject()).ToList();
        history.Select(s => s["status"]!.GetValue<string>()).ShouldBe(["accepted", "sent", "delivered", "read"]);
        var times = history.Select(s => Time(s["at"])).ToList();
        times[0].ShouldBe(createdAt);
        times.ShouldBe(times.Order().ToList());
        Time(message["updated_at"]).ShouldBe(times[^1]);
        history.ShouldAllBe(s => s["error"] == null);
    }

    [Fact]
    public async Task FailedMessageShowsTheErrorInItsHistory()
    {
        var id = await CloudApi.SendOkAsync(Client, CloudApi.Text("16505555002"));

        await CloudApi.WaitForStatusAsync(Client, id, "failed");
        var message = await CloudApi.GetMessageAsync(Client, id);

        message["status"]!.GetValue<string>().ShouldBe("failed");
        message["error"]!["code"]!.GetValue<int>().ShouldBe(131047);
        var history = message["statuses"]!.AsArray();
        history.Select(s => s!["status"]!.GetValue<string>()).ShouldBe(["accepted", "failed"]);
        history[1]!["error"]!["code"]!.GetValue<int>().ShouldBe(131047);
    }

    [Fact]
    public async Task PagingWithLimitReturnsEveryMessageExactlyOnceNewestFirst()
    {
        const string peer = "16505555003";
        var inbound = await CloudApi.UserWritesAsync(Client, peer);
        var sent = new List<string> { inbound };
        for (var i = 0; i < 7; i++)
        {
            sent.Add(await CloudApi.SendOkAsync(Client, CloudApi.Text(peer, $"message {i}")));
        }

        var pages = new List<JsonArray>();
        string? cursor = null;
        do
        {
            var path = $"{ListPath}?peer={peer}&limit=3" + (cursor is null ? "" : $"&before={Uri.EscapeDataString(cursor)}");
            var (status, page) = await Tenants.GetAsync(Client, path);
            status.ShouldBe(HttpStatusCode.OK, page.ToJsonString());
            pages.Add(page["data"]!.AsArray());
            cursor = page["next_cursor"]?.GetValue<string>();
            pages.Count.ShouldBeLessThan(10);
        }
        while (cursor is not null);

        pages.Select(p => p.Count).ShouldBe([3, 3, 2]);
        var listed = pages.SelectMany(p => p).Select(m => m!.AsObject()).ToList();
        listed.Select(m => m["id"]!.GetValue<string>()).ShouldBe(sent, ignoreOrder: true);
        listed.Select(m => m["id"]!.GetValue<string>()).Distinct().Count().ShouldBe(sent.Count);
        var created = listed.Select(m => Time(m["created_at"])).ToList();
        created.ShouldBe(created.OrderDescending().ToList());
        listed.ShouldAllBe(m => m["statuses"] == null);
    }

    [Fact]
    public async Task PageWithoutLimitHoldsEverythingWhenFewerThanFifty()
    {
        const string peer = "16505555004";
        var id = await CloudApi.SendOkAsync(Client, Template(peer));

        var (status, page) = await Tenants.GetAsync(Client, $"{ListPath}?peer={peer}");

        status.ShouldBe(HttpStatusCode.OK);
        page["data"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(id);
        page["next_cursor"].ShouldBeNull();
    }

    [Fact]
    public async Task DirectionFilterSeparatesInboundFromOutbound()
    {
        const string peer = "16505555005";
        var inbound = await CloudApi.UserWritesAsync(Client, peer);
        var first = await CloudApi.SendOkAsync(Client, CloudApi.Text(peer, "one"));
        var second = await CloudApi.SendOkAsync(Client, CloudApi.Text(peer, "two"));

        var inboundOnly = await IdsAsync($"{ListPath}?peer={peer}&direction=inbound");
        var outboundOnly = await IdsAsync($"{ListPath}?peer={peer}&direction=OUTBOUND");
        var both = await IdsAsync($"{ListPath}?peer={peer}");

        inboundOnly.ShouldBe([inbound]);
        outboundOnly.ShouldBe([first, second], ignoreOrder: true);
        both.ShouldBe([inbound, first, second], ignoreOrder: true);
        var (_, page) = await Tenants.GetAsync(Client, $"{ListPath}?peer={peer}&direction=inbound");
        page["data"]![0]!["direction"]!.GetValue<string>().ShouldBe("inbound");
        page["data"]![0]!["message"]!["text"]!["body"]!.GetValue<string>().ShouldBe("Hi!");
    }

    [Fact]
    public async Task PeerFilterShowsOnlyThatUsersConversation()
    {
        var mine = await CloudApi.SendOkAsync(Client, Template("16505555006"));
        var theirs = await CloudApi.SendOkAsync(Client, Template("16505555007"));

        var ids = await IdsAsync($"{ListPath}?peer=16505555006");

        ids.ShouldBe([mine]);
        (await IdsAsync($"{ListPath}?peer=16505555007")).ShouldBe([theirs]);
        (await IdsAsync($"{ListPath}?peer=16505555999")).ShouldBeEmpty();
    }

    [Fact]
    public async Task StatusFilterMatchesTheCurrentStatus()
    {
        var read = await CloudApi.SendOkAsync(Client, Template("16505555008"));
        var delivered = await CloudApi.SendOkAsync(Client, Template("16505550101"));
        var failed = await CloudApi.SendOkAsync(Client, Template("16505550404"));
        await CloudApi.WaitForStatusAsync(Client, read, "read");
        await CloudApi.WaitForStatusAsync(Client, delivered, "delivered");
        await CloudApi.WaitForStatusAsync(Client, failed, "failed");

        var readIds = await IdsAsync($"{ListPath}?status=read&direction=outbound");
        var deliveredIds = await IdsAsync($"{ListPath}?status=delivered&direction=outbound");
        var failedIds = await IdsAsync($"{ListPath}?status=failed");

        readIds.ShouldContain(read);
        readIds.ShouldNotContain(delivered);
        readIds.ShouldNotContain(failed);
        deliveredIds.ShouldContain(delivered);
        deliveredIds.ShouldNotContain(read);
        failedIds.ShouldContain(failed);
        failedIds.ShouldNotContain(read);
        (await IdsAsync($"{ListPath}?status=delivered&peer=16505550101")).ShouldBe([delivered]);
        (await IdsAsync($"{ListPath}?status=read&peer=16505550101")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SinceAndUntilFilterByCreationTime()
    {
        const string peer = "16505555009";
        var (_, clock) = await Tenants.GetAsync(Admin, "/sandbox/clock");
        var start = Time(clock["now"]);
        var ids = new List<string>();
        try
        {
            for (var hour = 1; hour <= 3; hour++)
            {
                (await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = 3600 })).StatusCode.ShouldBe(HttpStatusCode.OK);
                ids.Add(await CloudApi.UserWritesAsync(Client, peer));
            }
        }
        finally
        {
            (await Admin.PostAsync("/sandbox/clock/reset", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var sinceNinetyMinutes = await IdsAsync($"{ListPath}?peer={peer}&since={Query(start.AddMinutes(90))}");
        var untilNinetyMinutes = await IdsAsync($"{ListPath}?peer={peer}&until={Query(start.AddMinutes(90))}");
        var between = await IdsAsync($"{ListPath}?since={Query(start.AddMinutes(30))}&until={Query(start.AddMinutes(150))}");
        var future = await IdsAsync($"{ListPath}?since={Query(start.AddMinutes(30))}");

        sinceNinetyMinutes.ShouldBe([ids[2], ids[1]]);
        untilNinetyMinutes.ShouldBe([ids[0]]);
        between.ShouldBe([ids[1], ids[0]]);
        future.ShouldBe([ids[2], ids[1], ids[0]]);
        (await IdsAsync($"{ListPath}?peer={peer}&since={Query(start.AddMinutes(200))}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnotherChannelsTokenCannotReadTheDemoChannelsMessages()
    {
        var id = await CloudApi.SendOkAsync(Client, Template("16505555010"));
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var stranger = Parley.CreateChannelClient(tenant.Token);

        var (listStatus, listBody) = await Tenants.GetAsync(stranger, ListPath);
        var (getStatus, getBody) = await Tenants.GetAsync(stranger, $"{ListPath}/{id}");

        listStatus.ShouldBe(HttpStatusCode.BadRequest);
        listBody.Code().ShouldBe(100);
        listBody.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        listBody.ContainsKey("data").ShouldBeFalse();
        getStatus.ShouldBe(HttpStatusCode.BadRequest);
        getBody.Code().ShouldBe(100);
        getBody.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        getBody.ToJsonString().ShouldNotContain("16505555010");
        (await CloudApi.GetMessageAsync(Client, id))["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task DemoTokenCannotReadAnotherChannelsMessages()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var owner = Parley.CreateChannelClient(tenant.Token);
        var inbound = await Tenants.UserWritesAsync(owner, tenant.PhoneNumberId, "16505555011");

        var (status, body) = await Tenants.GetAsync(Client, $"/api/channels/{tenant.PhoneNumberId}/messages/{inbound}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        (await Tenants.GetAsync(owner, $"/api/channels/{tenant.PhoneNumberId}/messages/{inbound}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MessageOfAnotherChannelIsUnknownOnTheDemoChannel()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var owner = Parley.CreateChannelClient(tenant.Token);
        var inbound = await Tenants.UserWritesAsync(owner, tenant.PhoneNumberId, "16505555012");

        var (status, body) = await Tenants.GetAsync(Client, $"{ListPath}/{inbound}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
    }

    [Fact]
    public async Task LookupWithoutTokenAnswers401()
    {
        using var anonymous = Parley.CreateClient();

        var (status, body) = await Tenants.GetAsync(anonymous, ListPath);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe(104);
    }

    [Fact]
    public async Task UnknownMessageIdAnswersGraphErrorEnvelope()
    {
        var (status, body) = await Tenants.GetAsync(Client, $"{ListPath}/wamid.does-not-exist");

        status.ShouldBe(HttpStatusCode.BadRequest);
        var error = body.Error();
        error["code"]!.GetValue<int>().ShouldBe(100);
        error["error_subcode"]!.GetValue<int>().ShouldBe(33);
        error["type"]!.GetValue<string>().ShouldBe("GraphMethodException");
        error["message"]!.GetValue<string>().ShouldContain("wamid.does-not-exist");
        error["fbtrace_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        error["error_data"]!["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
    }

    [Theory]
    [InlineData("direction=sideways")]
    [InlineData("status=nope")]
    [InlineData("limit=0")]
    [InlineData("limit=1000")]
    [InlineData("limit=-1")]
    [InlineData("limit=201")]
    [InlineData("limit=abc")]
    [InlineData("since=yesterday")]
    [InlineData("until=not-a-date")]
    public async Task InvalidFilterAnswers400GraphError(string query)
    {
        using var response = await Client.GetAsync($"{ListPath}?{query}");
        var body = await CloudApi.ReadAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(100);
        body.Error()["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body.ContainsKey("data").ShouldBeFalse();
    }

    [Theory]
    [InlineData("limit=1")]
    [InlineData("limit=200")]
    [InlineData("status=accepted")]
    [InlineData("direction=inbound")]
    public async Task BoundaryFiltersAreAccepted(string query)
    {
        await CloudApi.UserWritesAsync(Client, "16505555013");

        var (status, body) = await Tenants.GetAsync(Client, $"{ListPath}?{query}");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["data"].ShouldBeOfType<JsonArray>();
    }

    private async Task<List<string>> IdsAsync(string path)
    {
        var (status, page) = await Tenants.GetAsync(Client, path);
        status.ShouldBe(HttpStatusCode.OK, page.ToJsonString());
        return page["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
    }

    private static object Template(string to) =>
        new { messaging_product = "whatsapp", to, type = "template", template = new { name = "hello_world", language = new { code = "en_US" } } };

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Query(DateTimeOffset at) => Uri.EscapeDataString(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
}
