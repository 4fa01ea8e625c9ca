using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>A meta channel's settings through the admin API: validated, secrets never shown, kept when an update leaves them out.</summary>
public sealed class MetaChannelSettingsTests : MetaTestBase
{
    [Fact]
    public async Task SecretsAreNeverShownOnlyThatTheyAreSet()
    {
        var body = await Tenants.PostCreatedAsync(Admin, "/admin/channels", Create(new JsonObject
        {
            ["base_url"] = Graph.BaseUrl, ["phone_number_id"] = "123456789012345", ["waba_id"] = "102290129349999",
            ["access_token"] = "EAAsecret-token-value", ["app_secret"] = "secret-app-secret-value", ["verify_token"] = "secret-verify-value",
        }));
        var id = body["channel"]!["phone_number_id"]!.GetValue<string>();
        var (_, fetched) = await Tenants.GetAsync(Admin, $"/admin/channels/{id}");
        var listed = await Tenants.ListAsync(Admin, "/admin/channels");

        foreach (var text in new[] { body["channel"]!.ToJsonString(), fetched.ToJsonString(), listed.ToJsonString() })
        {
            text.ShouldNotContain("EAAsecret-token-value");
            text.ShouldNotContain("secret-app-secret-value");
            text.ShouldNotContain("secret-verify-value");
        }
        var settings = fetched["upstream_settings"]!.AsObject();
        settings["access_token_set"]!.GetValue<bool>().ShouldBeTrue();
        settings["app_secret_set"]!.GetValue<bool>().ShouldBeTrue();
        settings["verify_token_set"]!.GetValue<bool>().ShouldBeTrue();
        settings["phone_number_id"]!.GetValue<string>().ShouldBe("123456789012345");
        settings["base_url"]!.GetValue<string>().ShouldBe(Graph.BaseUrl);
        fetched["upstream"]!.GetValue<string>().ShouldBe("meta");
    }

    [Fact]
    public async Task UpstreamKindInAnotherCaseIsValidatedAndHiddenAlike()
    {
        var invalid = Create(new JsonObject { ["base_url"] = "http://127.0.0.1:9" });
        invalid["upstream"] = "Meta";
        var (status, _) = await Tenants.PostAsync(Admin, "/admin/channels", invalid);
        status.ShouldBe(HttpStatusCode.BadRequest);

        var valid = Create(Valid());
        valid["upstream"] = "META";
        var created = await Tenants.PostCreatedAsync(Admin, "/admin/channels", valid);
        created["channel"]!.ToJsonString().ShouldNotContain("EAAvalid-token");
        created["channel"]!["upstream_settings"]!["access_token_set"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task UpdateLeavingSecretsOutKeepsThemAndTheChannelStillSends()
    {
        var channel = await MetaChannels.CreateAsync(Admin, "http://127.0.0.1:9", messagesPerSecond: 80);

        var (status, updated) = await Tenants.PatchAsync(Admin, $"/admin/channels/{channel.PhoneNumberId}", new
        {
            upstream_settings = new { base_url = Graph.BaseUrl, api_version = "v24.0" },
        });

        status.ShouldBe(HttpStatusCode.OK, updated.ToJsonString());
        updated["upstream_settings"]!["access_token_set"]!.GetValue<bool>().ShouldBeTrue();
        updated["upstream_settings"]!["api_version"]!.GetValue<string>().ShouldBe("v24.0");
        await SendAsync(channel, "16505551234");
        var call = (await CallsAsync(1)).ShouldHaveSingleItem();
        call.Version.ShouldBe("v24.0");
        call.Authorization.ShouldBe("Bearer " + MetaChannels.UpstreamAccessToken);
    }

    [Theory]
    [InlineData("access_token", null, "upstream_settings.access_token")]
    [InlineData("app_secret", null, "upstream_settings.app_secret")]
    [InlineData("app_secret", "short", "upstream_settings.app_secret")]
    [InlineData("phone_number_id", null, "upstream_settings.phone_number_id")]
    [InlineData("phone_number_id", "12ab", "upstream_settings.phone_number_id")]
    [InlineData("base_url", "ftp://graph.example", "upstream_settings.base_url")]
    [InlineData("base_url", "https://user:pw@graph.example", "upstream_settings.base_url")]
    [InlineData("api_version", "23", "upstream_settings.api_version")]
    public async Task InvalidMetaSettingsAreRefusedNamingTheField(string name, string? value, string field)
    {
        var settings = Valid();
        settings[name] = value;

        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", Create(settings));

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["errors"]![field].ShouldNotBeNull(body.ToJsonString());
        body.ToJsonString().ShouldNotContain("EAAvalid-token");
    }

    [Fact]
    public async Task PaceIsBoundByTheNumbersThroughputLevel()
    {
        var (tooFast, body) = await Tenants.PostAsync(Admin, "/admin/channels", Create(Valid(), messagesPerSecond: 1001));
        tooFast.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["messages_per_second"].ShouldNotBeNull();

        var coexistence = Valid();
        coexistence["coexistence"] = true;
        var (coexistenceTooFast, _) = await Tenants.PostAsync(Admin, "/admin/channels", Create(coexistence, messagesPerSecond: 80));
        coexistenceTooFast.ShouldBe(HttpStatusCode.BadRequest);

        var created = await Tenants.PostCreatedAsync(Admin, "/admin/channels", Create(coexistence));
        created["channel"]!["messages_per_second"]!.GetValue<int>().ShouldBe(20, "a coexistence number sends at most 20 messages per second");
        var standard = await Tenants.PostCreatedAsync(Admin, "/admin/channels", Create(Valid()));
        standard["channel"]!["messages_per_second"]!.GetValue<int>().ShouldBe(80);
        var high = await Tenants.PostCreatedAsync(Admin, "/admin/channels", Create(Valid(), messagesPerSecond: 1000));
        high["channel"]!["messages_per_second"]!.GetValue<int>().ShouldBe(1000);
    }

    [Fact]
    public async Task AMetaCoexistenceChannelReportsItsNumberIsOnTheBusinessApp()
    {
        var coexistence = Valid();
        coexistence["coexistence"] = true;
        var id = (await Tenants.PostCreatedAsync(Admin, "/admin/channels", Create(coexistence)))["channel"]!["phone_number_id"]!.GetValue<string>();
        var standard = (await Tenants.PostCreatedAsync(Admin, "/admin/channels", Create(Valid())))["channel"]!["phone_number_id"]!.GetValue<string>();

        var (status, state) = await Tenants.GetAsync(Admin, $"/sandbox/channels/{id}/phone");

        status.ShouldBe(HttpStatusCode.OK, state.ToJsonString());
        state["is_on_biz_app"]!.GetValue<bool>().ShouldBeTrue();
        state["throughput_level"]!.GetValue<string>().ShouldBe("STANDARD");
        (await Tenants.GetAsync(Admin, $"/sandbox/channels/{standard}/phone")).Body["is_on_biz_app"]!.GetValue<bool>().ShouldBeFalse();
    }

    private static JsonObject Valid() => new()
    {
        ["base_url"] = "http://127.0.0.1:9", ["phone_number_id"] = "123456789012345", ["access_token"] = "EAAvalid-token", ["app_secret"] = "valid-app-secret-0123",
    };

    private static JsonObject Create(JsonObject settings, int? messagesPerSecond = null) => new JsonObject
    {
        ["account_id"] = ParleyFactory.WabaId,
        ["display_phone_number"] = "15550004444",
        ["upstream"] = "meta",
        ["messages_per_second"] = messagesPerSecond,
        ["upstream_settings"] = settings.DeepClone(),
    };
}
