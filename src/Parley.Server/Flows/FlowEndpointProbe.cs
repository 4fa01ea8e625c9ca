using Parley.Core.Errors;
using Parley.Core.Flows;

namespace Parley.Server.Flows;

/// <summary>PLACEHOLDER of the foundation, replaced by the sandbox's encrypted ping: refuses every endpoint flow.</summary>
internal sealed class FlowEndpointProbe : IFlowEndpointProbe
{
    public Task<WhatsAppError?> CheckAsync(Flow flow, CancellationToken cancellationToken) =>
        Task.FromResult<WhatsAppError?>(FlowRules.EndpointNotAvailable("the health check is not wired yet."));
}
