using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.BusinessPhones;

/// <summary>
/// <c>/register</c>, <c>/deregister</c>, two-step verification and <c>request_code</c>/<c>verify_code</c> (digest §5.2):
/// a deregistered number is refused at the accept path with Meta's 133010 until it is registered again.
/// </summary>
public sealed class RegistrationTests : ParleyTest
{
    private const string Base = $"/v23.0/{ParleyFactory.PhoneNumberId}";

    private Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object body) => Tenants.PostAsync(Client, Base + path, body);

    private static void ShouldSucceed((HttpStatusCode Status, JsonObject Body) response)
    {
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body.ToJsonString());
        response.Body["success"]!.GetValue<bool>().ShouldBeTrue();
    }

    private async Task<JsonObject> NodeAsync(string fields) => (await Tenants.GetAsync(Client, $"{Base}?fields={fields}")).Body;

    [Fact]
    public async Task DeregisteredNumberCannotSendUntilRegisteredAgain()
    {
        ShouldSucceed(await PostAsync("/register", new { messaging_product = "whatsapp", pin = "123456" }));
        await CloudApi.SendOkAsync(Client, CloudApi.Text("16505551234"));
        var sentBefore = (await GraphAssertions.OutboundMessagesAsync(Client)).Count;

        ShouldSucceed(await PostAsync("/deregister", new { }));
        var (status, refused) = await CloudApi.SendAsync(Client, CloudApi.Text("16505551234"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ShouldBeGraphError(133010, "(#133010) Phone number Not Registered");
        (await GraphAssertions.OutboundMessagesAsync(Client)).Count.ShouldBe(sentBefore);
        var node = await NodeAsync("status,platform_type");
        node["status"]!.GetValue<string>().ShouldBe("DISCONNECTED");
        node["platform_type"]!.GetValue<string>().ShouldBe("NOT_APPLICABLE");

        var (againStatus, again) = await PostAsync("/deregister", new { });
        againStatus.ShouldBe(HttpStatusCode.BadRequest);
        again.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: 2207051);

        ShouldSucceed(await PostAsync("/register", new { messaging_product = "whatsapp", pin = "123456" }));
        await CloudApi.SendOkAsync(Client, CloudApi.Text("16505551234"));
        (await GraphAssertions.OutboundMessagesAsync(Client)).Count.ShouldBe(sentBefore + 1);
        (await NodeAsync("status"))["status"]!.GetValue<string>().ShouldBe("CONNECTED");
    }

    [Fact]
    public async Task RegisteringWithAnotherPinThanTheFirstIs133005()
    {
        ShouldSucceed(await PostAsync("/register", new { messaging_product = "whatsapp", pin = "123456" }));

        var (status, body) = await PostAsync("/register", new { messaging_product = "whatsapp", pin = "999999" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(133005, "(#133005) Two step verification PIN Mismatch");
        (await NodeAsync("is_pin_enabled"))["is_pin_enabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public async Task APinThatIsNotSixDigitsIsCode100(string pin)
    {
        var (status, body) = await PostAsync("/register", new { messaging_product = "whatsapp", pin });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldBe("Invalid PIN format. PIN must be exactly 6 digits");
        (await NodeAsync("is_pin_enabled"))["is_pin_enabled"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task RegisterNeedsMessagingProductAndAPin()
    {
        var (status, body) = await PostAsync("/register", new { pin = "123456" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("messaging_product");

        (status, body) = await PostAsync("/register", new { messaging_product = "whatsapp" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("pin");
    }

    [Fact]
    public async Task RegisterWithoutABodyAsksForMessagingProductAndDeregisterNeedsNone()
    {
        using var empty = await Client.PostAsync($"{Base}/register", null);
        var body = await CloudApi.ReadAsync(empty);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain("messaging_product");

        using var deregister = await Client.PostAsync($"{Base}/deregister", null);
        deregister.StatusCode.ShouldBe(HttpStatusCode.OK, await deregister.Content.ReadAsStringAsync());
        (await NodeAsync("status"))["status"]!.GetValue<string>().ShouldBe("DISCONNECTED");
    }

    [Fact]
    public async Task TheTwoStepPinSetOnTheNumberIsTheOneRegistrationChecks()
    {
        ShouldSucceed(await PostAsync("", new { pin = "246810" }));

        (await PostAsync("/register", new { messaging_product = "whatsapp", pin = "123456" })).Body.Code().ShouldBe(133005);
        ShouldSucceed(await PostAsync("/register", new { messaging_product = "whatsapp", pin = "246810" }));

        ShouldSucceed(await PostAsync("", new { whatsapp_business_api_data = new { pin = "135790" } }));
        ShouldSucceed(await PostAsync("/register", new { messaging_product = "whatsapp", pin = "135790" }));
        (await PostAsync("", new { pin = "12" })).Body.ShouldBeGraphError(100, "(#100) Invalid parameter");
    }

    [Fact]
    public async Task AnUnverifiedNumberMustVerifyItsCodeBeforeRegistering()
    {
        (await Tenants.PatchAsync(Admin, $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/phone", new { code_verification_status = "UNVERIFIED" })).Status.ShouldBe(HttpStatusCode.OK);

        var (status, body) = await PostAsync("/register", new { messaging_product = "whatsapp", pin = "123456" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(133006, "(#133006) Phone number re-verification needed");

        ShouldSucceed(await PostAsync("/request_code", new { code_method = "SMS", language = "en_US" }));
        var (verifyStatus, verified) = await PostAsync("/verify_code", new { code = "123456" });
        verifyStatus.ShouldBe(HttpStatusCode.OK, verified.ToJsonString());
        verified.ToJsonString().ShouldBe($$"""{"success":true,"id":"{{ParleyFactory.PhoneNumberId}}"}""");
        (await NodeAsync("code_verification_status"))["code_verification_status"]!.GetValue<string>().ShouldBe("VERIFIED");
        ShouldSucceed(await PostAsync("/register", new { messaging_product = "whatsapp", pin = "123456" }));
    }

    [Theory]
    [InlineData("/request_code", """{"code_method":"EMAIL","language":"en_US"}""", "code_method")]
    [InlineData("/request_code", """{"code_method":"VOICE","language":"english"}""", "language")]
    [InlineData("/verify_code", """{"code":"12-34"}""", "code")]
    [InlineData("/verify_code", """{}""", "code")]
    public async Task VerificationCallsCheckTheirParameters(string path, string json, string detail)
    {
        var (status, body) = await CloudApi.SendRawAsync(Client, json, Base + path);

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBeGraphError(100, "(#100) Invalid parameter").ShouldContain(detail);
    }

    [Fact]
    public async Task AnotherTenantCannotDeregisterTheNumber()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var stranger = Parley.CreateChannelClient(tenant.Token);

        (await Tenants.PostAsync(stranger, $"{Base}/deregister", new { })).ShouldBeUnknownObject(ParleyFactory.PhoneNumberId);

        await CloudApi.SendOkAsync(Client, CloudApi.Text("16505551234"));
    }
}
