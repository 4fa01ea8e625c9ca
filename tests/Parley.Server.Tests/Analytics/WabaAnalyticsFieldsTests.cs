using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Pricing;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Analytics;

/// <summary>
/// The account's analytics fields (<c>GET /{waba-id}?fields=…</c> with Graph's field expansion): <c>pricing_analytics</c>
/// and <c>conversation_analytics</c> count the messages the account really sent, priced from the table, and the
/// <c>template_analytics</c> field answers what the edge answers.
/// </summary>
public sealed class WabaAnalyticsFieldsTests : ParleyTest
{
    private const string User = "16505550123";
    private const string AdUser = "16505550177";
    private const string IndianUser = "+919812345678";

    /// <summary>Sends what the tests count: 2 marketing and 1 utility to North America, an authentication code to India, a free entry point reply.</summary>
    private async Task<string[]> SendAsync()
    {
        await PricingKit.CreateTemplatesAsync(Client);
        await PricingKit.UserWritesFromAnAdAsync(Client, AdUser);
        string[] ids =
        [
            await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "spring_sale")),     // marketing, NA: 0.025
            await CloudApi.SendOkAsync(Client, PricingKit.Template(AdUser, "spring_sale")),   // inside the free entry point window: free
            await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "shipping_update")), // utility outside a window, NA: 0.0034
            await CloudApi.SendOkAsync(Client, PricingKit.Code(IndianUser)),                  // authentication_international, IN: 0.028
            await CloudApi.SendOkAsync(Client, CloudApi.Text(AdUser)),                        // free entry point
        ];
        foreach (var id in ids)
        {
            await PricingRecords.RecordedAsync(Parley, id);
        }
        return ids;
    }

    /// <summary>A field of the account over the two days around now (Unix seconds).</summary>
    private static string Field(string field, string expansion = "")
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var end = now.AddDays(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString($"{field}.start({start}).end({end}){expansion}");
    }

    private static List<JsonObject> Points(JsonObject body, string field) =>
        [.. body[field]!["data"]!.AsArray().ShouldHaveSingleItem()!["data_points"]!.AsArray().Select(p => p!.AsObject())];

    /// <summary>The points' count and cost added up by the values of <paramref name="keys"/> (the points of both days).</summary>
    private static Dictionary<string, (long Count, decimal Cost)> Totals(IEnumerable<JsonObject> points, string count, params string[] keys) =>
        points.GroupBy(p => string.Join('/', keys.Select(k => p[k]!.GetValue<string>())))
            .ToDictionary(g => g.Key, g => (g.Sum(p => p[count]!.GetValue<long>()), g.Sum(p => p["cost"]!.GetValue<decimal>())));

    [Fact]
    public async Task PricingAnalyticsCountTheSentMessagesByCategoryTypeCountryAndPhonePricedFromTheTable()
    {
        var ids = await SendAsync();
        var recorded = new List<JsonObject>();
        foreach (var id in ids)
        {
            recorded.Add(await PricingRecords.RecordedAsync(Parley, id));
        }

        var (status, body) = await TemplateApi.GetAsync(Client, Field("pricing_analytics", """.granularity(DAILY).dimensions(["PRICING_CATEGORY","PRICING_TYPE","COUNTRY","PHONE"])"""));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["id"]!.GetValue<string>().ShouldBe(ParleyFactory.WabaId);
        var points = Points(body, "pricing_analytics");
        points.ShouldAllBe(p => p["phone_number"]!.GetValue<string>() == ParleyFactory.DisplayPhoneNumber);
        points.ShouldAllBe(p => p["end"]!.GetValue<long>() - p["start"]!.GetValue<long>() <= 86_400);
        var totals = Totals(points, "volume", "pricing_category", "pricing_type", "country");
        totals["MARKETING/REGULAR/NA"].ShouldBe((1L, 0.025m));
        totals["UTILITY/REGULAR/NA"].ShouldBe((1L, 0.0034m));
        totals["AUTHENTICATION_INTERNATIONAL/REGULAR/IN"].ShouldBe((1L, 0.028m));
        totals.Values.Sum(t => t.Count).ShouldBe(ids.Length);
        totals.Where(t => t.Key.Contains("FREE_ENTRY_POINT", StringComparison.Ordinal)).Sum(t => t.Value.Count).ShouldBe(2);
        totals.Values.Sum(t => t.Cost).ShouldBe(recorded.Sum(r => r["price"]!.GetValue<decimal>()));
        totals.Values.Sum(t => t.Cost).ShouldBe(0.0564m);

        // No dimensions: one point a day; metric_types narrows; a country filter takes a country of a market (US in NA).
        var (_, whole) = await TemplateApi.GetAsync(Client, Field("pricing_analytics", ".granularity(MONTHLY).metric_types([\"VOLUME\"])"));
        var monthly = Points(whole, "pricing_analytics");
        monthly.Sum(p => p["volume"]!.GetValue<long>()).ShouldBe(ids.Length);
        monthly.ShouldAllBe(p => p.Select(f => f.Key).SequenceEqual(new[] { "start", "end", "volume" }));
        var (_, us) = await TemplateApi.GetAsync(Client, Field("pricing_analytics", ".granularity(HALF_HOUR).country_codes([\"US\"]).pricing_types([\"REGULAR\"])"));
        var regularUs = Points(us, "pricing_analytics");
        regularUs.Sum(p => p["volume"]!.GetValue<long>()).ShouldBe(2);
        regularUs.Sum(p => p["cost"]!.GetValue<decimal>()).ShouldBe(0.0284m);
        regularUs.ShouldAllBe(p => p["end"]!.GetValue<long>() - p["start"]!.GetValue<long>() <= 1_800);
        var (_, tier) = await TemplateApi.GetAsync(Client, Field("pricing_analytics", ".granularity(DAILY).dimensions(TIER).phone_numbers([\"+1 555-078-3881\"])"));
        Points(tier, "pricing_analytics").Sum(p => p["volume"]!.GetValue<long>()).ShouldBe(ids.Length);
        var (_, otherPhone) = await TemplateApi.GetAsync(Client, Field("pricing_analytics", ".granularity(DAILY).phone_numbers([\"15550000000\"])"));
        Points(otherPhone, "pricing_analytics").ShouldBeEmpty();
    }

    [Fact]
    public async Task ConversationAnalyticsCountEachPricedMessageAsAConversationByTypeAndDirection()
    {
        var ids = await SendAsync();

        var (status, body) = await TemplateApi.GetAsync(Client, Field("conversation_analytics",
            """.granularity(DAILY).dimensions(["CONVERSATION_CATEGORY","CONVERSATION_TYPE","CONVERSATION_DIRECTION","COUNTRY","PHONE"])"""));
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var points = Points(body, "conversation_analytics");
        points.Sum(p => p["conversation"]!.GetValue<long>()).ShouldBe(ids.Length);
        var totals = Totals(points, "conversation", "conversation_type", "conversation_direction");
        totals["REGULAR/BUSINESS_INITIATED"].ShouldBe((3L, 0.0564m));
        totals["FREE_ENTRY/USER_INITIATED"].ShouldBe((2L, 0m));
        var (_, free) = await TemplateApi.GetAsync(Client, Field("conversation_analytics", ".granularity(MONTHLY).conversation_types([\"FREE_ENTRY\"]).metric_types([\"CONVERSATION\"])"));
        Points(free, "conversation_analytics").Sum(p => p["conversation"]!.GetValue<long>()).ShouldBe(2);
    }

    [Fact]
    public async Task TheTemplateAnalyticsFieldAnswersWhatTheEdgeAnswers()
    {
        var sale = await TemplateApi.CreateApprovedAsync(Client, AnalyticsKit.WithUrlButton("spring_sale", "MARKETING"));
        using (var enable = await Client.PostAsync($"{AnalyticsKit.Waba}?is_enabled_for_insights=true", null))
        {
            enable.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var sent = await CloudApi.SendOkAsync(Client, PricingKit.Template(User, "spring_sale"));
        await CloudApi.WaitForStatusAsync(Client, sent, "read");
        await PricingRecords.RecordedAsync(Parley, sent);
        (await AnalyticsKit.TapAsync(Client, sent, 0)).Body["tracked"]!.GetValue<bool>().ShouldBeTrue();

        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var (start, end) = (today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var (_, edge) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}/template_analytics?{AnalyticsKit.Today(sale)}");
        var (status, field) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}?fields=name," + Uri.EscapeDataString(
            $"template_analytics.start({start}).end({end}).granularity(DAILY).template_ids([{sale}])"));
        status.ShouldBe(HttpStatusCode.OK, field.ToJsonString());
        field["name"].ShouldNotBeNull();
        JsonNode.DeepEquals(field["template_analytics"], edge).ShouldBeTrue(field.ToJsonString() + " vs " + edge.ToJsonString());
        var point = AnalyticsKit.Point(field["template_analytics"]!.AsObject());
        point["sent"]!.GetValue<long>().ShouldBe(1);
        point["read"]!.GetValue<long>().ShouldBe(1);
        point["clicked"]![0]!["count"]!.GetValue<long>().ShouldBe(1);

        var (missing, refused) = await TemplateApi.GetAsync(Client, $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString($"template_analytics.start({start}).end({end})"));
        missing.ShouldBe(HttpStatusCode.BadRequest);
        refused.Code().ShouldBe(100);
    }

    [Fact]
    public async Task BadExpansionsAreRefusedWithCode100()
    {
        string[] refused =
        [
            Field("pricing_analytics"),                                                      // no granularity
            Field("pricing_analytics", ".granularity(WEEKLY)"),
            Field("pricing_analytics", ".granularity(DAILY).dimensions([\"COLOR\"])"),
            Field("pricing_analytics", ".granularity(DAILY).metric_types([\"CONVERSATION\"])"),
            Field("pricing_analytics", ".granularity(DAILY).pricing_types([\"CHEAP\"])"),
            Field("conversation_analytics", ".granularity(DAILY).conversation_directions([\"SIDEWAYS\"])"),
            $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString("pricing_analytics.start(yesterday).end(1).granularity(DAILY)"),
            $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString("pricing_analytics.start(1000).end(2000).granularity(DAILY)"), // older than a year
            $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString("pricing_analytics.start(1"),
            $"{AnalyticsKit.Waba}?fields=" + Uri.EscapeDataString("pricing_analytics_v2.start(1)"),
        ];
        foreach (var path in refused)
        {
            var (status, body) = await TemplateApi.GetAsync(Client, path);
            status.ShouldBe(HttpStatusCode.BadRequest, path);
            body.Code().ShouldBe(100, path);
        }
        var (ok, empty) = await TemplateApi.GetAsync(Client, Field("pricing_analytics", ".granularity(DAILY)"));
        ok.ShouldBe(HttpStatusCode.OK);
        Points(empty, "pricing_analytics").ShouldBeEmpty();
    }
}
