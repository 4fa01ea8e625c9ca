using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// The 1msg instance API (seed 000): <c>/{instanceId}/{method}?token=…</c>, where the instance id is the channel's phone
/// number id. Every method is a literal path segment, so the Cloud API routes (<c>/{version}/{phone-number-id}/messages</c>,
/// <c>/{version}/{id}</c>) keep every other path; the instance id must be digits.
/// </summary>
public static class OneMsgApi
{
    public static IServiceCollection AddOneMsg(this IServiceCollection services)
    {
        services.AddSingleton<OneMsgEdge>();
        services.AddSingleton<OneMsgWebhooks>();
        services.AddSingleton<OneMsgFiles>();
        services.AddSingleton<OneMsgTemplateSamples>();
        services.AddSingleton<IWebhookFormat, OneMsgWebhookFormat>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, OneMsgUnknownMethodPolicy>());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(OneMsgJsonContext.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapOneMsg(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{instanceId:regex(^[0-9]{{1,32}}$)}").WithTags("1msg").WithEdge<OneMsgEdge>(CallerScope.Channel("instanceId"));
        group.MapOneMsgSends();
        group.MapOneMsgChannel();
        group.MapOneMsgHistory();
        group.MapOneMsgMedia();
        group.MapOneMsgTemplates();
        group.MapOneMsgProfile();
        group.MapOneMsgGroups();
        group.MapOneMsgFlows();
        group.MapOneMsgBlocking();
        group.MapOneMsgAutomation();
        group.MapOneMsgCommerce();
        group.MapOneMsgUnknownMethods();
        group.MapOneMsgTemplateAnalytics();
        return app;
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(OneMsgSentResponse))]
[JsonSerializable(typeof(OneMsgResultResponse))]
[JsonSerializable(typeof(OneMsgStatusResponse))]
[JsonSerializable(typeof(OneMsgWebhookSetResponse))]
[JsonSerializable(typeof(OneMsgWebhookResponse))]
[JsonSerializable(typeof(OneMsgStatisticsResponse))]
[JsonSerializable(typeof(OneMsgExtendedStatistics[]))]
[JsonSerializable(typeof(OneMsgCategoryStatistics))]
[JsonSerializable(typeof(OneMsgMediaIdResponse))]
[JsonSerializable(typeof(OneMsgMediaView))]
internal sealed partial class OneMsgJsonContext : JsonSerializerContext;
