using Parley.Server.Delivery.Webhooks;
using Parley.Server.Network;

namespace Parley.Server.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Dispatch (channel ownership, the job runner, pacing, outcomes) and the webhook sender.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<ChannelPacer>();
        services.AddSingleton<PairPacer>();
        services.AddSingleton<ChannelOwnership>();
        services.AddSingleton<DispatchPacing>();
        services.AddSingleton<DispatchOutcomes>();
        services.AddSingleton<DispatchRunner>();
        services.AddHostedService<Dispatcher>();

        services.AddHostedService<WebhookSender>();
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookOverrides>();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SsrfGuard>().CreateHandler());
        return services;
    }
}
