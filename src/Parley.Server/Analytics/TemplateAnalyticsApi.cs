using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Analytics;

/// <summary>
/// The Cloud API's template analytics of a business account: <c>GET /{version}/{waba-id}/template_analytics</c>
/// (Meta, "Template analytics"; analytics are turned on with <c>POST /{waba-id}</c> <c>is_enabled_for_insights=true</c>).
/// </summary>
internal static class TemplateAnalyticsApi
{
    public static IEndpointRouteBuilder MapTemplateAnalytics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{wabaId}").WithTags("Analytics")
            .WithEdge<GraphEdge>(CallerScope.Account("wabaId")).CountsAsManagement("wabaId");
        group.MapGet("/template_analytics", GetAsync).WithName("TemplateAnalytics")
            .WithSummary("Daily sent, delivered, read, URL button clicks and cost of up to 10 templates");
        return app;
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> GetAsync(
        CallerAccount caller, HttpRequest request, TemplateAnalytics analytics, CancellationToken cancellationToken)
    {
        var answer = await analytics.ComputeAsync(caller.Value.Id, TemplateAnalyticsView.RawOf(request.Query), cancellationToken);
        return answer.Succeeded ? TypedResults.Ok(TemplateAnalyticsView.ToJson(answer.Value)) : new Refusal(answer.Error);
    }
}

/// <summary>Registers and maps template analytics and the account's analytics fields (pricing, conversation, template).</summary>
public static class AnalyticsServiceCollectionExtensions
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddSingleton<TemplateAnalytics>();
        services.AddSingleton<AccountPricedMessages>();
        services.AddSingleton<IWabaNodeField, PricingAnalyticsField>();
        services.AddSingleton<IWabaNodeField, ConversationAnalyticsField>();
        services.AddSingleton<IWabaNodeField, TemplateAnalyticsField>();
        return services;
    }

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app) => app.MapTemplateAnalytics();
}
