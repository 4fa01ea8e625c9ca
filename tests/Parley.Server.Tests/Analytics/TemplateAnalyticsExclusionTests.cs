using System.Net;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Analytics;

/// <summary>
/// An account whose business number has the calling code of the UK gets no template analytics: every way of turning
/// them on is refused (Cloud API <c>is_enabled_for_insights</c>, 1msg <c>/settings/templateAnalytics</c> and
/// <c>POST /settings</c>) and nothing changes, and the analytics themselves are refused in both dialects.
/// </summary>
public sealed class TemplateAnalyticsExclusionTests() : ParleyTest(new Dictionary<string, string?>
{
    ["Parley:Demo:CountryCallingCode"] = "44",
    ["Parley:Demo:DisplayPhoneNumber"] = "447700900100",
})
{
    private const string NotSupported = "not supported";

    [Fact]
    public async Task EveryWayOfTurningAnalyticsOnIsRefusedForANumberOfTheUk()
    {
        using (var cloud = await Client.PostAsync($"{AnalyticsKit.Waba}?is_enabled_for_insights=true", null))
        {
            cloud.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var body = await CloudApi.ReadAsync(cloud);
            body.Code().ShouldBe(200);
            body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("+44");
        }

        var (setting, refused) = await OneMsgClient.PostJsonAsync(Client, "settings/templateAnalytics", """{"enable":true}""");
        setting.ShouldNotBe(HttpStatusCode.OK);
        refused["error"]!.GetValue<string>().ShouldContain(NotSupported);

        var (_, before) = await OneMsgClient.GetAsync(Client, "settings");
        var (settings, refusedToo) = await OneMsgClient.PostJsonAsync(Client, "settings", """{"template_analytics_enabled":true,"ackNotificationsOn":true}""");
        settings.ShouldNotBe(HttpStatusCode.OK);
        refusedToo["error"]!.GetValue<string>().ShouldContain(NotSupported);
        var (_, after) = await OneMsgClient.GetAsync(Client, "settings");
        after["template_analytics_enabled"]!.GetValue<bool>().ShouldBeFalse();
        after["ackNotificationsOn"]!.ToJsonString().ShouldBe(before["ackNotificationsOn"]!.ToJsonString());

        (await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}?fields=is_enabled_for_insights")).Body["is_enabled_for_insights"]!.GetValue<bool>().ShouldBeFalse();
        var (turnOff, off) = await OneMsgClient.PostJsonAsync(Client, "settings/templateAnalytics", """{"enable":false}""");
        turnOff.ShouldBe(HttpStatusCode.OK, off.ToJsonString());
    }

    [Fact]
    public async Task TheAnalyticsOfANumberOfTheUkAreRefusedInBothDialects()
    {
        var (cloud, cloudBody) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today("1")}");
        cloud.ShouldBe(HttpStatusCode.Forbidden);
        cloudBody.Code().ShouldBe(200);
        var (field, fieldBody) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString("template_analytics.start(2026-01-01).end(2026-01-02).granularity(DAILY).template_ids([1])"));
        field.ShouldBe(HttpStatusCode.Forbidden);
        fieldBody.Code().ShouldBe(200);
        var (oneMsg, oneMsgBody) = await OneMsgClient.GetAsync(Client, "templateAnalytics", "&" + AnalyticsKit.Today("1"));
        oneMsg.ShouldNotBe(HttpStatusCode.OK);
        oneMsgBody["error"]!.GetValue<string>().ShouldContain(NotSupported);
    }
}
