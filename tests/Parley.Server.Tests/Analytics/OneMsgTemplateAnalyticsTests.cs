using System.Net;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Analytics;

/// <summary>
/// 1msg's template analytics methods: the one account setting both dialects see, a template's click tracking opt-out
/// (a tap on an opted-out template is no click), the analytics themselves and their errors in 1msg's body.
/// </summary>
public sealed class OneMsgTemplateAnalyticsTests : ParleyTest
{
    private const string User = "16505550123";

    [Fact]
    public async Task TheSettingIsTheAccountsOneAndAnOptedOutTemplateCountsNoClicks()
    {
        var update = await TemplateApi.CreateApprovedAsync(Client, AnalyticsKit.WithUrlButton("order_update", "UTILITY"));

        var (_, initial) = await OneMsgClient.GetAsync(Client, "settings/templateAnalytics");
        initial["enable"]!.GetValue<bool>().ShouldBeFalse();
        var (off, disabled) = await OneMsgClient.GetAsync(Client, "templateAnalytics", "&" + AnalyticsKit.Today(update));
        off.ShouldBe(HttpStatusCode.BadRequest);
        disabled["error"]!.GetValue<string>().ShouldEndWith("Template analytics is disabled for this channel.");

        var (on, enabled) = await OneMsgClient.PostJsonAsync(Client, "settings/templateAnalytics", """{"enable":true}""");
        on.ShouldBe(HttpStatusCode.OK);
        enabled["enable"]!.GetValue<bool>().ShouldBeTrue();
        (await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}?fields=is_enabled_for_insights")).Body["is_enabled_for_insights"]!.GetValue<bool>().ShouldBeTrue();
        (await OneMsgClient.GetAsync(Client, "settings")).Body["template_analytics_enabled"]!.GetValue<bool>().ShouldBeTrue();

        var (noId, missing) = await OneMsgClient.PostJsonAsync(Client, "settings/templateAnalytics", """{"cta_url_link_tracking_opted_out":true}""");
        noId.ShouldBe(HttpStatusCode.BadRequest);
        missing["error"]!.GetValue<string>().ShouldContain("external_id");
        var (optOut, optedOut) = await OneMsgClient.PostJsonAsync(Client, $"settings/templateAnalyticsOptOut/{update}", """{"cta_url_link_tracking_opted_out":true}""");
        optOut.ShouldBe(HttpStatusCode.OK);
        optedOut["cta_url_link_tracking_opted_out"]!.GetValue<bool>().ShouldBeTrue();
        optedOut["external_id"]!.GetValue<string>().ShouldBe(update);
        (await OneMsgClient.GetAsync(Client, $"settings/templateAnalyticsOptOut/{update}")).Body["cta_url_link_tracking_opted_out"]!.GetValue<bool>().ShouldBeTrue();
        (await OneMsgClient.GetAsync(Client, "settings/templateAnalyticsOptOut/999999")).Status.ShouldBe(HttpStatusCode.BadRequest);

        var sent = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "order_update"));
        await CloudApi.WaitForStatusAsync(Client, sent, "read");
        await PricingRecords.RecordedAsync(Parley, sent);
        var (_, tap) = await AnalyticsKit.TapAsync(Client, sent, 0);
        tap["tracked"]!.GetValue<bool>().ShouldBeFalse();

        var (status, body) = await OneMsgClient.GetAsync(Client, "templateAnalytics", "&" + AnalyticsKit.Today(update));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var point = AnalyticsKit.Point(body);
        point["sent"]!.GetValue<long>().ShouldBe(1);
        point["read"]!.GetValue<long>().ShouldBe(1);
        point["clicked"]![0]!["count"]!.GetValue<long>().ShouldBe(0);
        point["cost"]![0]!["value"]!.GetValue<decimal>().ShouldBe(0.0034m); // a utility template to North America

        var eleven = string.Join("&", Enumerable.Range(1, 11).Select(i => "template_ids=" + (1000 + i)));
        var (tooMany, error) = await OneMsgClient.GetAsync(Client, "templateAnalytics", "&" + AnalyticsKit.Today("1").Replace("template_ids=[1]", eleven, StringComparison.Ordinal));
        tooMany.ShouldBe(HttpStatusCode.BadRequest);
        error["error"]!.GetValue<string>().ShouldContain("at most 10");
    }
}
