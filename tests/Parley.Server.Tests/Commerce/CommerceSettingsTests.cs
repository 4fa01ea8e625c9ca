using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Commerce;

/// <summary>
/// A number's commerce settings are one value for both dialects: the Cloud API's <c>whatsapp_commerce_settings</c>
/// (set by query string or body) and 1msg's <c>/commerce</c>; bad input is refused in each dialect's error format.
/// </summary>
public sealed class CommerceSettingsTests : ParleyTest
{
    [Fact]
    public async Task SettingsSetInOneDialectAreWhatTheOtherShowsAndBadInputIsRefused()
    {
        var (status, initial) = await Tenants.GetAsync(Client, CommerceKit.SettingsPath);
        status.ShouldBe(HttpStatusCode.OK);
        initial["data"]![0]!["is_cart_enabled"]!.GetValue<bool>().ShouldBeTrue();
        initial["data"]![0]!["is_catalog_visible"]!.GetValue<bool>().ShouldBeTrue();
        initial["data"]![0]!["id"]!.GetValue<string>().ShouldBe(ParleyFactory.PhoneNumberId);

        // Cloud API: the query string, as Meta's examples set it; only what is given changes.
        using (var response = await Client.PostAsync($"{CommerceKit.SettingsPath}?is_cart_enabled=false", null))
        {
            var body = await CloudApi.ReadAsync(response);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            body["success"]!.GetValue<bool>().ShouldBeTrue();
        }
        using (var response = await Client.GetAsync(OneMsgClient.PathOf("commerce")))
        {
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            text.ShouldBe($$"""[{"id":"{{ParleyFactory.PhoneNumberId}}","is_cart_enabled":false,"is_catalog_visible":true}]""");
        }

        // 1msg: params with both settings; the Cloud API shows them.
        var (oneMsgStatus, oneMsgBody) = await OneMsgClient.PostJsonAsync(Client, "commerce", """{"params":{"is_cart_enabled":true,"is_catalog_visible":false}}""");
        oneMsgStatus.ShouldBe(HttpStatusCode.OK, oneMsgBody.ToJsonString());
        oneMsgBody["success"]!.GetValue<bool>().ShouldBeTrue();
        var (_, after) = await Tenants.GetAsync(Client, CommerceKit.SettingsPath);
        after["data"]![0]!["is_cart_enabled"]!.GetValue<bool>().ShouldBeTrue();
        after["data"]![0]!["is_catalog_visible"]!.GetValue<bool>().ShouldBeFalse();

        // Refusals: nothing to set and a non-boolean in the Graph envelope (100); a missing setting in 1msg's body.
        var (emptyStatus, empty) = await Tenants.PostAsync(Client, CommerceKit.SettingsPath, new { });
        emptyStatus.ShouldBe(HttpStatusCode.BadRequest);
        empty.Code().ShouldBe(100);
        var (badStatus, bad) = await Tenants.PostAsync(Client, CommerceKit.SettingsPath, new { is_catalog_visible = "maybe" });
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe(100);
        bad.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("is_catalog_visible");
        var (missingStatus, missing) = await OneMsgClient.PostJsonAsync(Client, "commerce", """{"params":{"is_cart_enabled":false}}""");
        missingStatus.ShouldBe(HttpStatusCode.BadRequest);
        missing["error"]!.GetValue<string>().ShouldContain("is_catalog_visible");
        var (_, unchanged) = await Tenants.GetAsync(Client, CommerceKit.SettingsPath);
        unchanged["data"]![0]!["is_cart_enabled"]!.GetValue<bool>().ShouldBeTrue();
    }
}
