using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Parley.Core.Analytics;

namespace Parley.Server.Analytics;

/// <summary>
/// Template analytics in Meta's shape (Meta, "Template analytics"), which 1msg passes through: one entry of <c>data</c>
/// with <c>granularity</c>, <c>product_type</c> and a <c>data_points</c> item per template and day (<c>start</c>,
/// <c>end</c> in Unix seconds, the metrics asked for: <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>clicked</c> per URL
/// button, <c>cost</c> as <c>amount_spent</c>, <c>cost_per_delivered</c>, <c>cost_per_url_button_click</c>).
/// </summary>
internal static class TemplateAnalyticsView
{
    public static JsonObject ToJson(TemplateAnalyticsAnswer answer)
    {
        var metrics = answer.Query.MetricTypes;
        var points = new JsonArray();
        foreach (var point in answer.Points)
        {
            var json = new JsonObject
            {
                ["template_id"] = point.TemplateId,
                ["start"] = point.Start.ToUnixTimeSeconds(),
                ["end"] = point.End.ToUnixTimeSeconds(),
            };
            if (metrics.Contains("SENT")) json["sent"] = point.Sent;
            if (metrics.Contains("DELIVERED")) json["delivered"] = point.Delivered;
            if (metrics.Contains("READ")) json["read"] = point.Read;
            if (metrics.Contains("CLICKED") && point.Clicked is { } clicked)
            {
                json["clicked"] = new JsonArray([.. clicked.Select(c => (JsonNode)new JsonObject
                {
                    ["type"] = c.Type, ["button_content"] = c.ButtonContent, ["count"] = c.Count,
                })]);
            }
            if (metrics.Contains("COST"))
            {
                var cost = new JsonArray { Cost("amount_spent", point.AmountSpent) };
                if (point.CostPerDelivered is { } perDelivered) cost.Add(Cost("cost_per_delivered", perDelivered));
                if (point.CostPerUrlButtonClick is { } perClick) cost.Add(Cost("cost_per_url_button_click", perClick));
                json["cost"] = cost;
            }
            points.Add(json);
        }
        return new JsonObject
        {
            ["data"] = new JsonArray
            {
                new JsonObject
                {
                    ["granularity"] = TemplateAnalyticsRules.Daily,
                    ["product_type"] = answer.Query.ProductType.ToLowerInvariant(),
                    ["data_points"] = points,
                },
            },
            ["paging"] = new JsonObject { ["cursors"] = new JsonObject { ["before"] = "MAZDZD", ["after"] = "MjQZD" } },
        };
    }

    /// <summary>
    /// A list parameter as callers write it: repeated (<c>template_ids=1&amp;template_ids=2</c>), a JSON array
    /// (<c>template_ids=[1,2]</c>, Meta's form) or a comma list.
    /// </summary>
    public static IReadOnlyList<string> List(StringValues values) => [.. values.SelectMany(FieldArguments.ListOf)];

    /// <summary>The raw query of a request's parameters.</summary>
    public static TemplateAnalyticsQuery.Raw RawOf(IQueryCollection query) => new(
        query["start"].ToString(), query["end"].ToString(), query["granularity"].ToString(), List(query["template_ids"]), List(query["metric_types"]),
        query["product_type"].ToString(), query["use_waba_timezone"].ToString());

    private static JsonObject Cost(string type, decimal value) => new() { ["type"] = type, ["value"] = value };
}
