using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary><c>GET /{version}/{phone-number-id}</c> and <c>GET /{version}/{waba-id}/phone_numbers</c> (digest §5.2).</summary>
public sealed class PhoneNumberNodeTests : ParleyTest
{
    private const string NodePath = $"/v23.0/{ParleyFactory.PhoneNumberId}";
    private const string ListPath = $"/v23.0/{ParleyFactory.WabaId}/phone_numbers";

    private async Task<string> DemoVerifiedNameAsync() =>
        (await Tenants.GetAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}")).Body["verified_name"]!.GetValue<string>();

    [Fact]
    public async Task ANumberAnswersItsDefaultFieldsWithTheDisplayNumberFormatted()
    {
        var (status, body) = await Tenants.GetAsync(Client, NodePath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body.ToJsonString().ShouldBe(new JsonObject
        {
            ["id"] = ParleyFactory.PhoneNumberId,
            ["display_phone_number"] = "+1 555-078-3881",
            ["verified_name"] = await DemoVerifiedNameAsync(),
            ["quality_rating"] = "GREEN",
        }.ToJsonString());
        // Written as Graph writes it, not as "\u002B1 …".
        (await Client.GetStringAsync(NodePath)).ShouldContain("\"display_phone_number\":\"+1 555-078-3881\"");
    }

    [Fact]
    public async Task FieldsAddsStateToTheDefaults()
    {
        var (status, body) = await Tenants.GetAsync(Client,
            $"{NodePath}?fields=name_status,code_verification_status,throughput,whatsapp_business_manager_messaging_limit,messaging_limit_tier,platform_type,status,account_mode,is_pin_enabled");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["quality_rating"]!.GetValue<string>().ShouldBe("GREEN");
        body["display_phone_number"]!.GetValue<string>().ShouldBe("+1 555-078-3881");
        body["name_status"]!.GetValue<string>().ShouldBe("APPROVED");
        body["code_verification_status"]!.GetValue<string>().ShouldBe("VERIFIED");
        body["throughput"]!.ToJsonString().ShouldBe("""{"level":"STANDARD"}""");
        body["whatsapp_business_manager_messaging_limit"]!.GetValue<string>().ShouldBe("TIER_1K");
        body["messaging_limit_tier"]!.GetValue<string>().ShouldBe("TIER_1K");
        body["platform_type"]!.GetValue<string>().ShouldBe("CLOUD_API");
        body["status"]!.GetValue<string>().ShouldBe("CONNECTED");
        body["account_mode"]!.GetValue<string>().ShouldBe("LIVE");
        body["is_pin_enabled"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnknownFieldIsCode100()
    {
        var (status, body) = await Tenants.GetAsync(Client, $"{NodePath}?fields=name_status,favourite_colour");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("nonexisting field (favourite_colour)");
    }

    [Fact]
    public async Task AChannelPacedAbove80MpsReportsHighThroughput()
    {
        (await Tenants.PatchAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}", new { messages_per_second = 1000 })).Status.ShouldBe(HttpStatusCode.OK);

        var (_, body) = await Tenants.GetAsync(Client, $"{NodePath}?fields=throughput");

        body["throughput"]!["level"]!.GetValue<string>().ShouldBe("HIGH");
    }

    [Fact]
    public async Task TokenOfAnotherTenantGetsCode100Subcode33ForTheNumberAndTheWaba()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var stranger = Parley.CreateChannelClient(tenant.Token);

        var node = await Tenants.GetAsync(stranger, NodePath);
        node.Status.ShouldBe(HttpStatusCode.BadRequest);
        node.Body.ShouldBeGraphError(100, UnknownGet(ParleyFactory.PhoneNumberId), "GraphMethodException", subcode: 33);

        var list = await Tenants.GetAsync(stranger, ListPath);
        list.Status.ShouldBe(HttpStatusCode.BadRequest);
        list.Body.ShouldBeGraphError(100, UnknownGet(ParleyFactory.WabaId), "GraphMethodException", subcode: 33);

        // The tenant sees its own number and WABA.
        (await Tenants.GetAsync(stranger, $"/v23.0/{tenant.PhoneNumberId}")).Body["id"]!.GetValue<string>().ShouldBe(tenant.PhoneNumberId);
        (await Tenants.GetAsync(stranger, $"/v23.0/{tenant.AccountId}/phone_numbers")).Body["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task TheWabaListShowsEveryNumberOfTheAccountWithDefaultFields()
    {
        var second = await CreateDemoChannelAsync("15550001234");

        var (status, body) = await Tenants.GetAsync(Client, ListPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var data = body["data"]!.AsArray();
        data.Select(n => n!["id"]!.GetValue<string>()).ShouldBe([ParleyFactory.PhoneNumberId, second]);
        var item = data[1]!.AsObject();
        item["display_phone_number"]!.GetValue<string>().ShouldBe("+1 555-000-1234");
        item["verified_name"]!.GetValue<string>().ShouldBe("Second Store");
        item["status"]!.GetValue<string>().ShouldBe("CONNECTED");
        item["quality_rating"]!.GetValue<string>().ShouldBe("GREEN");
        item["code_verification_status"]!.GetValue<string>().ShouldBe("VERIFIED");
        item["account_mode"]!.GetValue<string>().ShouldBe("LIVE");
        item["host_platform"]!.GetValue<string>().ShouldBe("CLOUD_API");
        item["messaging_limit_tier"]!.GetValue<string>().ShouldBe("TIER_1K");
        item["is_official_business_account"]!.GetValue<bool>().ShouldBeFalse();
        body["paging"]!["cursors"]!["after"].ShouldNotBeNull();
        body["paging"]!.AsObject().ContainsKey("next").ShouldBeFalse();
    }

    [Fact]
    public async Task TheWabaListSelectsFieldsAndPagesWithCursors()
    {
        var second = await CreateDemoChannelAsync("15550001234", "900000000000001");
        var third = await CreateDemoChannelAsync("15550005678", "900000000000002");

        var (_, first) = await Tenants.GetAsync(Client, $"{ListPath}?fields=display_phone_number,throughput&limit=2");
        first["data"]!.ToJsonString().ShouldBe(new JsonArray(
            new JsonObject { ["id"] = ParleyFactory.PhoneNumberId, ["display_phone_number"] = "+1 555-078-3881", ["throughput"] = new JsonObject { ["level"] = "STANDARD" } },
            new JsonObject { ["id"] = second, ["display_phone_number"] = "+1 555-000-1234", ["throughput"] = new JsonObject { ["level"] = "STANDARD" } }).ToJsonString());
        var next = first["paging"]!["next"]!.GetValue<string>();
        next.ShouldContain("fields=display_phone_number");
        first["paging"]!.AsObject().ContainsKey("previous").ShouldBeFalse();

        var (status, page2) = await Tenants.GetAsync(Client, new Uri(next).PathAndQuery);
        status.ShouldBe(HttpStatusCode.OK, page2.ToJsonString());
        page2["data"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([third]);
        page2["paging"]!.AsObject().ContainsKey("next").ShouldBeFalse();
        var previous = page2["paging"]!["previous"]!.GetValue<string>();

        var (_, back) = await Tenants.GetAsync(Client, new Uri(previous).PathAndQuery);
        back["data"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([ParleyFactory.PhoneNumberId, second]);

        var (badStatus, bad) = await Tenants.GetAsync(Client, $"{ListPath}?after=bm90LWEtbnVtYmVy");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.ShouldBeGraphError(100, "(#100) Invalid parameter");
        (await Tenants.GetAsync(Client, $"{ListPath}?limit=101")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>A second channel of the demo WABA, created through the admin API (ids ascending, so the list order is fixed).</summary>
    private async Task<string> CreateDemoChannelAsync(string display, string id = "900000000000001")
    {
        var body = await Tenants.PostCreatedAsync(Admin, "/admin/channels",
            new { phone_number_id = id, account_id = ParleyFactory.WabaId, display_phone_number = display, country_calling_code = "1", verified_name = "Second Store" });
        return body["channel"]!["phone_number_id"]!.GetValue<string>();
    }

    private static string UnknownGet(string id) =>
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";
}
