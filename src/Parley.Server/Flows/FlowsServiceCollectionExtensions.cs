namespace Parley.Server.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>Flow management: Parley's own (the sandbox's), the choice of an account's manager, and the endpoint health check before publishing.</summary>
    public static IServiceCollection AddFlows(this IServiceCollection services)
    {
        services.AddSingleton<LocalFlowManager>();
        services.AddSingleton<FlowManagers>();
        services.AddSingleton<FlowEndpointTargets>();
        services.AddSingleton<IFlowEndpointProbe, FlowEndpointProbe>();
        return services;
    }
}
