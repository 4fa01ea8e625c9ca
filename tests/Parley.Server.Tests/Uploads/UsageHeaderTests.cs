using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Uploads;

/// <summary>Management calls carry Graph's rate-limit usage headers (digest §6); sends do not.</summary>
public sealed class UsageHeaderTests : ParleyTest
{
    [Theory]
    [InlineData(TemplateApi.TemplatesPath, ParleyFactory.WabaId)]
    [InlineData($"/v23.0/{ParleyFactory.WabaId}/phone_numbers", ParleyFactory.WabaId)]
    [InlineData($"/v23.0/{ParleyFactory.PhoneNumberId}", ParleyFactory.PhoneNumberId)]
    [InlineData($"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile", ParleyFactory.PhoneNumberId)]
    public async Task ManagementCallsCarryBusinessUseCaseAndAppUsageHeaders(string path, string objectId)
    {
        using var response = await Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var usage = JsonNode.Parse(response.Headers.GetValues("x-business-use-case-usage").Single())!.AsObject();
        var entry = usage[objectId]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        entry["type"]!.GetValue<string>().ShouldBe("whatsapp");
        entry["call_count"]!.GetValue<int>().ShouldBe(0);
        entry["estimated_time_to_regain_access"]!.GetValue<int>().ShouldBe(0);
        var app = JsonNode.Parse(response.Headers.GetValues("x-app-usage").Single())!.AsObject();
        app["call_count"]!.GetValue<int>().ShouldBe(0);
        app["total_time"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task ErrorsOfManagementCallsCarryThemTooButSendsDoNot()
    {
        using var unknown = await Client.GetAsync("/v23.0/999999999999");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Headers.Contains("x-business-use-case-usage").ShouldBeTrue();

        var session = await UploadCalls.OpenOkAsync(Client, 10, "image/png");
        using var sessionResponse = await Client.GetAsync("/v23.0/" + session);
        sessionResponse.Headers.Contains("x-app-usage").ShouldBeTrue();

        using var send = await Client.PostAsync(CloudApi.MessagesPath, new StringContent("""{"messaging_product":"whatsapp"}""", System.Text.Encoding.UTF8, "application/json"));
        send.Headers.Contains("x-business-use-case-usage").ShouldBeFalse();
        send.Headers.Contains("x-app-usage").ShouldBeFalse();
    }
}
