using Parley.Core.Versions;
using Parley.Server.Delivery.Webhooks;

namespace Parley.Server.Dialects.CloudApi;

public static class CloudApiServiceCollectionExtensions
{
    /// <summary>The Cloud API dialect: its settings (<see cref="GraphOptions"/>), its edge, the kinds of Graph object by id, the <c>cloudapi</c> webhook format.</summary>
    public static IServiceCollection AddCloudApi(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateOnStart()
            .Validate(o => GraphVersions.Find(o.DefaultVersion) is not null, $"Parley:Graph:DefaultVersion must be one of {string.Join(", ", GraphVersions.Known)}.");
        services.AddSingleton<GraphEdge>();
        services.AddSingleton<GraphObjectKinds>();
        services.AddSingleton<IWebhookFormat, CloudApiWebhookFormat>();
        return services;
    }

    /// <summary>Sends and read receipts (<c>/{version}/{phone-number-id}/messages</c>) and Graph objects by id (<c>/{version}/{id}</c>).</summary>
    public static IEndpointRouteBuilder MapCloudApi(this IEndpointRouteBuilder app)
    {
        app.MapCloudApiMessages();
        app.MapGraphObjects();
        return app;
    }
}
