using Parley.Server.Dialects.CloudApi;
using Parley.Server.Messaging;

namespace Parley.Server.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>
    /// Flow management: Parley's own (the sandbox's), the choice of an account's manager, the endpoint health check
    /// before publishing, flows as Graph objects by id, their public URLs, and the accept path's check of flow sends.
    /// </summary>
    public static IServiceCollection AddFlows(this IServiceCollection services)
    {
        services.AddSingleton<LocalFlowManager>();
        services.AddSingleton<FlowManagers>();
        services.AddSingleton<IFlowEndpointProbe, FlowEndpointProbe>();
        services.AddSingleton<FlowPublicUrls>();
        services.AddSingleton<IGraphObjectKind, FlowObjects>();
        services.AddSingleton<ISendCheck, FlowSendCheck>();
        return services;
    }

    /// <summary>The Flows API of the Cloud API dialect (an account's flows, a flow's edges) and the flow pages served without a token.</summary>
    public static IEndpointRouteBuilder MapFlows(this IEndpointRouteBuilder app)
    {
        app.MapFlowsApi();
        app.MapFlowEdgesApi();
        app.MapFlowPages();
        return app;
    }
}
