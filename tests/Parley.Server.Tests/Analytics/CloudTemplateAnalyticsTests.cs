using System.Net;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Analytics;

/// <summary>
/// The Cloud API's template analytics: off until <c>is_enabled_for_insights</c>, then the day's sent, delivered, read,
/// URL button clicks (tracked taps of simulated users, within 7 days of the send) and cost from the price table.
/// </summary>
public sealed class CloudTemplateAnalyticsTests : ParleyTest
{
    private const string Reader = "16505550123";
    private const string Clicker = "16505550124";
    private const string NeverReads = "16505550101";

    [Fact]
    public async Task AnalyticsCountWhatWasSentDeliveredReadAndClickedPricedFromTheTable()
    {
        var sale = await TemplateApi.CreateApprovedAsync(Client, AnalyticsKit.WithUrlButton("spring_sale", "MARKETING"));
        var code = await TemplateApi.CreateApprovedAsync(Client, PricingKit.Authentication());

        var (off, refused) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale)}");
        off.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(100);
        refused.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Template analytics is disabled for this channel.");

        using (var enable = await Client.PostAsync($"{AnalyticsKit.Waba}?is_enabled_for_insights=true", null))
        {
            enable.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}?fields=is_enabled_for_insights")).Body["is_enabled_for_insights"]!.GetValue<bool>().ShouldBeTrue();

        var read = await CloudApi.SendOkAsync(Client, PricingKit.Template(Reader, "spring_sale"));
        var clicked = await CloudApi.SendOkAsync(Client, PricingKit.Template(Clicker, "spring_sale"));
        var unread = await CloudApi.SendOkAsync(Client, PricingKit.Template(NeverReads, "spring_sale"));
        var otp = await CloudApi.SendOkAsync(Client, PricingKit.Code(Reader));
        await CloudApi.WaitForStatusAsync(Client, read, "read");
        await CloudApi.WaitForStatusAsync(Client, clicked, "read");
        await CloudApi.WaitForStatusAsync(Client, unread, "delivered");
        await CloudApi.WaitForStatusAsync(Client, otp, "read");
        foreach (var id in new[] { read, clicked, unread, otp })
        {
            await PricingRecords.RecordedAsync(Parley, id);
        }

        var (tap, tapped) = await AnalyticsKit.TapAsync(Client, clicked, 0);
        tap.ShouldBe(HttpStatusCode.OK);
        tapped["tracked"]!.GetValue<bool>().ShouldBeTrue();
        tapped["url"]!.GetValue<string>().ShouldBe("https://shop.example.com/sale");
        (await AnalyticsKit.TapAsync(Client, clicked, 0)).Status.ShouldBe(HttpStatusCode.OK); // the same user again: one click
        var (quickReply, notUrl) = await AnalyticsKit.TapAsync(Client, clicked, 1);
        quickReply.ShouldBe(HttpStatusCode.BadRequest);
        notUrl.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("not a URL button");

        var (status, body) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale, code)}");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var group = body["data"]!.AsArray().ShouldHaveSingleItem()!;
        group["granularity"]!.GetValue<string>().ShouldBe("DAILY");
        group["product_type"]!.GetValue<string>().ShouldBe("cloud_api");
        var points = group["data_points"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["template_id"]!.GetValue<string>());
        var salePoint = points[sale];
        (salePoint["end"]!.GetValue<long>() - salePoint["start"]!.GetValue<long>()).ShouldBe(86_400);
        salePoint["sent"]!.GetValue<long>().ShouldBe(3);
        salePoint["delivered"]!.GetValue<long>().ShouldBe(3);
        salePoint["read"]!.GetValue<long>().ShouldBe(2);
        var button = salePoint["clicked"]!.AsArray().ShouldHaveSingleItem()!;
        button["type"]!.GetValue<string>().ShouldBe("url_button");
        button["button_content"]!.GetValue<string>().ShouldBe("Shop now");
        button["count"]!.GetValue<long>().ShouldBe(1);
        var cost = salePoint["cost"]!.AsArray().ToDictionary(c => c!["type"]!.GetValue<string>(), c => c!["value"]!.GetValue<decimal>());
        cost["amount_spent"].ShouldBe(0.075m); // 3 marketing messages to North America at 0.025
        cost["cost_per_delivered"].ShouldBe(0.025m);
        cost["cost_per_url_button_click"].ShouldBe(0.075m);
        var codePoint = points[code];
        codePoint["sent"]!.GetValue<long>().ShouldBe(1);
        codePoint.ContainsKey("clicked").ShouldBeFalse(); // click analytics: MARKETING and UTILITY only

        var (_, only) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale)}&metric_types=SENT&metric_types=CLICKED");
        AnalyticsKit.Point(only).Select(p => p.Key).ShouldBe(["template_id", "start", "end", "sent", "clicked"]);

        // A tap 8 days after the send follows the link but no longer counts.
        await PricingKit.AdvanceAsync(Admin, TimeSpan.FromDays(8));
        (await AnalyticsKit.TapAsync(Client, read, 0)).Body["tracked"]!.GetValue<bool>().ShouldBeTrue();
        var (_, later) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale)}");
        AnalyticsKit.Point(later)["clicked"]![0]!["count"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task TheSeedsLimitsAreRefusedWithCode100()
    {
        var sale = await TemplateApi.CreateApprovedAsync(Client, AnalyticsKit.WithUrlButton("spring_sale", "MARKETING"));
        using (var enable = await Client.PostAsync($"{AnalyticsKit.Waba}?is_enabled_for_insights=true", null))
        {
            enable.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var eleven = string.Join(',', Enumerable.Range(1, 11).Select(i => (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string[] refused =
        [
            AnalyticsKit.Today(eleven),
            AnalyticsKit.Today(sale).Replace("DAILY", "MONTHLY", StringComparison.Ordinal),
            AnalyticsKit.Today(sale).Replace("granularity=DAILY&", "", StringComparison.Ordinal),
            $"start=yesterday&end=2026-01-02&granularity=DAILY&template_ids=[{sale}]",
            $"start=1767225600&end=1767312000&granularity=DAILY&template_ids=[{sale}]&use_waba_timezone=true",
            $"{AnalyticsKit.Today(sale)}&metric_types=LIKES",
            $"{AnalyticsKit.Today(sale)}&product_type=SMS",
            AnalyticsKit.Today("999999"),
            AnalyticsKit.Today(),
        ];
        foreach (var query in refused)
        {
            var (status, body) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{query}");
            status.ShouldBe(HttpStatusCode.BadRequest, query);
            body.Code().ShouldBe(100, query);
        }
        var (ok, answer) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale).Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)}&use_waba_timezone=true");
        ok.ShouldBe(HttpStatusCode.OK);
        AnalyticsKit.Point(answer)["sent"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task ATemplatesOwnClickTrackingOptOutIsTakenOnCreateAndUpdateAndDecidesWhetherATapCounts()
    {
        var template = AnalyticsKit.WithUrlButton("spring_sale", "MARKETING");
        template["cta_url_link_tracking_opted_out"] = "maybe";
        var (bad, refused) = await TemplateApi.CreateAsync(Client, template);
        bad.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(100);
        template["cta_url_link_tracking_opted_out"] = true;
        var sale = await TemplateApi.CreateApprovedAsync(Client, template);
        var (_, read) = await TemplateApi.GetAsync(Client, $"/v23.0/{sale}?fields=name,cta_url_link_tracking_opted_out");
        read["cta_url_link_tracking_opted_out"]!.GetValue<bool>().ShouldBeTrue();
        (await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/message_templates?fields=cta_url_link_tracking_opted_out")).Body["data"]![0]!["cta_url_link_tracking_opted_out"]!
            .GetValue<bool>().ShouldBeTrue();
        (await TemplateApi.GetAsync(Client, $"/v23.0/{sale}")).Body.ContainsKey("cta_url_link_tracking_opted_out").ShouldBeFalse();

        var sent = await CloudApi.SendOkAsync(Client, PricingKit.Template(Clicker, "spring_sale"));
        await CloudApi.WaitForStatusAsync(Client, sent, "delivered");
        (await AnalyticsKit.TapAsync(Client, sent, 0)).Body["tracked"]!.GetValue<bool>().ShouldBeFalse();

        // An update of only the opt-out changes no content: the template stays approved, and a tap counts again.
        var (updated, ok) = await TemplateApi.PostAsync(Client, $"/v23.0/{sale}", new() { ["cta_url_link_tracking_opted_out"] = false });
        updated.ShouldBe(HttpStatusCode.OK, ok.ToJsonString());
        var (_, after) = await TemplateApi.GetAsync(Client, $"/v23.0/{sale}?fields=status,cta_url_link_tracking_opted_out");
        after["cta_url_link_tracking_opted_out"]!.GetValue<bool>().ShouldBeFalse();
        after["status"]!.GetValue<string>().ShouldBe("APPROVED");
        (await AnalyticsKit.TapAsync(Client, sent, 0)).Body["tracked"]!.GetValue<bool>().ShouldBeTrue();
        (await TemplateApi.PostAsync(Client, $"/v23.0/{sale}", new() { ["cta_url_link_tracking_opted_out"] = 3 })).Status.ShouldBe(HttpStatusCode.BadRequest);

        using (var enable = await Client.PostAsync($"{AnalyticsKit.Waba}?is_enabled_for_insights=true", null))
        {
            enable.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var (_, body) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale)}");
        AnalyticsKit.Point(body)["clicked"]![0]!["count"]!.GetValue<long>().ShouldBe(1);
    }
}
