using Parley.Server.Delivery.Webhooks;

namespace Parley.Server.Dialects.CloudApi;

public static class CloudApiServiceCollectionExtensions
{
    /// <summary>The Cloud API dialect: its edge, the kinds of Graph object by id, the <c>cloudapi</c> webhook format.</summary>
    public static IServiceCollection AddCloudApi(this IServiceCollection services)
    {
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
