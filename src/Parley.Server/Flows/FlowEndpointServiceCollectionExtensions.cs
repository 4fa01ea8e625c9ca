using Parley.Server.Flows.Endpoint;
using Parley.Server.Network;

namespace Parley.Server.Flows;

public static class FlowEndpointServiceCollectionExtensions
{
    /// <summary>Flow endpoints: the client that calls a business's flow endpoint as WhatsApp does, through the SSRF guard.</summary>
    public static IServiceCollection AddFlowEndpoints(this IServiceCollection services)
    {
        services.AddOptions<FlowEndpointOptions>().BindConfiguration(FlowEndpointOptions.Section).ValidateOnStart()
            .Validate(o => o.TimeoutMs > 0 && o.MaxResponseBytes > 0, "Parley:FlowEndpoints:TimeoutMs and MaxResponseBytes must be positive.");
        services.AddSingleton<FlowEndpointClient>();
        // The timeout is the client's own (on the injected clock), so the HttpClient's is off.
        services.AddHttpClient(FlowEndpointClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SsrfGuard>().CreateHandler());
        return services;
    }
}
