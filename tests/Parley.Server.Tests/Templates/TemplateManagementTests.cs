using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Templates;

/// <summary>Creating, listing, reading, editing and deleting templates through the Graph endpoints, with Meta's errors.</summary>
public sealed class TemplateManagementTests() : ParleyTest(new Dictionary<string, string?>
{
    ["Parley:Sandbox:TemplateReviewDelayMs"] = "600000",
    ["Parley:Templates:MaxPerAccount"] = "8",
})
{
    private static JsonObject Simple(string name, string category = "UTILITY", string language = "en_US") =>
        new() { ["name"] = name, ["language"] = language, ["category"] = category, ["components"] = new JsonArray(new JsonObject { ["type"] = "BODY", ["text"] = "Hello from " + name }) };

    [Fact]
    public async Task SameNameAndLanguageTwiceFailsWith100Subcode2388024()
    {
        await TemplateApi.CreateOkAsync(Client, Simple("welcome"));
        await TemplateApi.CreateOkAsync(Client, Simple("welcome", language: "de"));

        var (status, body) = await TemplateApi.CreateAsync(Client, Simple("welcome"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: 2388024);
    }

    [Fact]
    public async Task TheAccountsTemplateLimitFailsWith100Subcode2388019()
    {
        for (var i = 0; i < 8; i++)
        {
            await TemplateApi.CreateOkAsync(Client, Simple($"t{i}"));
        }

        var (status, body) = await TemplateApi.CreateAsync(Client, Simple("one_too_many"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: 2388019);
    }

    [Theory]
    [InlineData("""{"name":"Bad Name","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"x"}]}""", null)]
    [InlineData("""{"name":"ok","language":"xx_XX","category":"UTILITY","components":[{"type":"BODY","text":"x"}]}""", null)]
    [InlineData("""{"name":"ok","language":"en_US","category":"SERVICE","components":[{"type":"BODY","text":"x"}]}""", null)]
    [InlineData("""{"name":"ok","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hi {{1}} and {{3}} ok","example":{"body_text":[["a","b"]]}}]}""", 2388072)]
    [InlineData("""{"name":"ok","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"x"},{"type":"FOOTER","text":"Footer {{1}}"}]}""", 2388073)]
    public async Task InvalidTemplatesFailWith100(string json, int? subcode)
    {
        var (status, body) = await TemplateApi.CreateAsync(Client, JsonNode.Parse(json)!.AsObject());

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: subcode);
    }

    [Theory]
    [InlineData("POST", "", "{not json")]
    [InlineData("POST", "", "[1,2]")]
    [InlineData("POST", "", "{\"name\":7,\"components\":{}}")]
    [InlineData("POST", "", "{\"name\":\"a\",\"language\":\"en\",\"category\":\"UTILITY\",\"components\":[1,\"x\",{\"type\":\"BUTTONS\",\"buttons\":[null,{}]}]}")]
    [InlineData("POST", "", "{\"name\":\"a\",\"language\":\"en\",\"category\":\"MARKETING\",\"components\":[{\"type\":\"BODY\",\"text\":\"x\"},{\"type\":\"CAROUSEL\",\"cards\":[7,[]]}]}")]
    [InlineData("GET", "?limit=0", null)]
    [InlineData("GET", "?limit=abc", null)]
    [InlineData("GET", "?after=x%27--", null)]
    [InlineData("DELETE", "?hsm_ids=[{}]", null)]
    [InlineData("DELETE", "", null)]
    public async Task MalformedRequestsGetAGraphErrorNeverA5xx(string method, string query, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), TemplateApi.TemplatesPath + query);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CloudApi.ReadAsync(response)).Code().ShouldBe(100);
    }

    [Fact]
    public async Task TemplatesAreListedWithFieldsFiltersAndCursors()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await TemplateApi.CreateOkAsync(Client, Simple($"news_{i}", i == 4 ? "MARKETING" : "UTILITY")));
        }
        await TemplateApi.SetStatusAsync(Client, ids[1], "APPROVED");

        var (status, first) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?name=news_&limit=2&fields=name,status");
        status.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        first["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ShouldBe(ids.Take(2));
        first["data"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["name", "status", "id"], ignoreOrder: true);
        var next = new Uri(first["paging"]!["next"]!.GetValue<string>());
        var (_, second) = await TemplateApi.GetAsync(Client, next.PathAndQuery);
        second["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ShouldBe(ids.Skip(2).Take(2));
        var (_, back) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?name=news_&limit=2&before=" + second["paging"]!["cursors"]!["before"]);
        back["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ShouldBe(ids.Take(2));

        var (_, approved) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?status=approved");
        approved["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["hello_world", "news_1"], ignoreOrder: true);
        var (_, marketing) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?category=MARKETING&language=en_US");
        marketing["data"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("news_4");
        var (_, everything) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath);
        var full = everything["data"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["id"]!.GetValue<string>() == ids[0]);
        full.Select(p => p.Key).ShouldBe(["name", "parameter_format", "components", "language", "status", "category", "id"]);
        full["components"]![0]!["text"]!.GetValue<string>().ShouldBe("Hello from news_0");

        var (badField, error) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath + "?fields=name,colour");
        badField.ShouldBe(HttpStatusCode.BadRequest);
        error.Code().ShouldBe(100);
    }

    [Fact]
    public async Task AnotherAccountsTokenSeesNeitherItsTemplatesNorItsTemplateIds()
    {
        var id = await TemplateApi.CreateOkAsync(Client, Simple("private_one"));
        var stranger = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var other = Parley.CreateChannelClient(stranger.Token);

        (await TemplateApi.GetAsync(other, TemplateApi.TemplatesPath)).ShouldBeUnknown(ParleyFactory.WabaId);
        (await TemplateApi.GetAsync(other, $"/v23.0/{id}")).ShouldBeUnknown(id);
        var (status, own) = await TemplateApi.GetAsync(other, $"/v23.0/{stranger.AccountId}/message_templates");
        status.ShouldBe(HttpStatusCode.OK);
        own["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["hello_world"]);
    }

    [Fact]
    public async Task EditingFollowsMetasRules()
    {
        var id = await TemplateApi.CreateOkAsync(Client, Simple("editable"));
        var newBody = new JsonObject { ["components"] = new JsonArray(new JsonObject { ["type"] = "BODY", ["text"] = "New words" }) };

        // Pending: not editable.
        (await TemplateApi.PostAsync(Client, $"/v23.0/{id}", newBody)).Body.Code().ShouldBe(100);

        // Approved: components replaced, back to review; the category stays.
        await TemplateApi.SetStatusAsync(Client, id, "APPROVED");
        (await TemplateApi.PostAsync(Client, $"/v23.0/{id}", new JsonObject { ["category"] = "MARKETING" })).Body.Code().ShouldBe(100);
        var (edited, success) = await TemplateApi.PostAsync(Client, $"/v23.0/{id}", newBody);
        edited.ShouldBe(HttpStatusCode.OK, success.ToJsonString());
        success["success"]!.GetValue<bool>().ShouldBeTrue();
        var (_, stored) = await TemplateApi.GetAsync(Client, $"/v23.0/{id}");
        stored["status"]!.GetValue<string>().ShouldBe("PENDING");
        stored["components"]![0]!["text"]!.GetValue<string>().ShouldBe("New words");

        // Approved again: a second edit within 24 hours is refused.
        await TemplateApi.SetStatusAsync(Client, id, "APPROVED");
        (await TemplateApi.PostAsync(Client, $"/v23.0/{id}", newBody)).Body.Code().ShouldBe(100);

        // Rejected: editable without limit, category included; invalid components are refused.
        await TemplateApi.SetStatusAsync(Client, id, "REJECTED", "INCORRECT_CATEGORY");
        (await TemplateApi.PostAsync(Client, $"/v23.0/{id}", new JsonObject { ["category"] = "MARKETING" })).Status.ShouldBe(HttpStatusCode.OK);
        await TemplateApi.SetStatusAsync(Client, id, "REJECTED");
        var footerOnly = new JsonObject { ["components"] = new JsonArray(new JsonObject { ["type"] = "FOOTER", ["text"] = "x" }) };
        (await TemplateApi.PostAsync(Client, $"/v23.0/{id}", footerOnly)).Body.Code().ShouldBe(100);
        (await TemplateApi.GetAsync(Client, $"/v23.0/{id}?fields=category")).Body["category"]!.GetValue<string>().ShouldBe("MARKETING");
    }

    [Fact]
    public async Task TemplatesAreDeletedByNameByIdAndInBulk()
    {
        var english = await TemplateApi.CreateOkAsync(Client, Simple("seasonal"));
        var german = await TemplateApi.CreateOkAsync(Client, Simple("seasonal", language: "de"));
        var a = await TemplateApi.CreateOkAsync(Client, Simple("alpha"));
        var b = await TemplateApi.CreateOkAsync(Client, Simple("beta"));
        var c = await TemplateApi.CreateOkAsync(Client, Simple("gamma"));

        var (byName, success) = await TemplateApi.DeleteAsync(Client, "name=seasonal");
        byName.ShouldBe(HttpStatusCode.OK, success.ToJsonString());
        success["success"]!.GetValue<bool>().ShouldBeTrue();
        (await TemplateApi.GetAsync(Client, $"/v23.0/{english}")).ShouldBeUnknown(english);
        (await TemplateApi.GetAsync(Client, $"/v23.0/{german}")).ShouldBeUnknown(german);

        (await TemplateApi.DeleteAsync(Client, "name=seasonal")).Body.Code().ShouldBe(100);
        (await TemplateApi.DeleteAsync(Client, $"hsm_id={a}&name=beta")).Body.Code().ShouldBe(100);
        (await TemplateApi.DeleteAsync(Client, $"hsm_id={a}&name=alpha")).Status.ShouldBe(HttpStatusCode.OK);
        (await TemplateApi.DeleteAsync(Client, $"hsm_ids=[\"{b}\",\"123\"]")).Body.Code().ShouldBe(100);
        (await TemplateApi.DeleteAsync(Client, $"hsm_ids=[\"{b}\"]&name=beta")).Body.Code().ShouldBe(100);
        (await TemplateApi.GetAsync(Client, $"/v23.0/{b}")).Status.ShouldBe(HttpStatusCode.OK);
        (await TemplateApi.DeleteAsync(Client, $"hsm_ids=[\"{b}\",\"{c}\"]")).Status.ShouldBe(HttpStatusCode.OK);

        var (_, left) = await TemplateApi.GetAsync(Client, TemplateApi.TemplatesPath);
        left["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["hello_world"]);
    }
}
