using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Model;
using Parley.Server.Flows.Endpoint;
using Parley.Storage;

namespace Parley.Server.Flows;

/// <summary>
/// WhatsApp's health check of a flow endpoint before publishing (Meta, "Implementing Endpoint for Flows": a
/// <c>ping</c> that must answer <c>{"data":{"status":"active"}}</c>): the ping is sealed for the business public key
/// of a phone number of the flow's account (<see cref="FlowEndpointTargets"/>) and signed with that number's app
/// secret. Any failure is Meta's "Endpoint Not Available" with the reason.
/// </summary>
internal sealed class FlowEndpointProbe(FlowEndpointTargets targets, FlowEndpointClient client) : IFlowEndpointProbe
{
    public async Task<WhatsAppError?> CheckAsync(Flow flow, CancellationToken cancellationToken)
    {
        if (flow.EndpointUri is null)
        {
            return FlowRules.EndpointNotAvailable("the flow has no endpoint_uri.");
        }
        if (await targets.ForAccountAsync(flow.AccountId, flow.EndpointUri, cancellationToken) is not { } target)
        {
            return FlowRules.EndpointNotAvailable("no phone number of this account has a business public key.");
        }
        var result = await client.PingAsync(target, cancellationToken);
        return result.Succeeded ? null : FlowRules.EndpointNotAvailable($"the health check failed: {result.Detail}");
    }
}

/// <summary>Where WhatsApp's requests for a flow go, sealed for which key and signed with which secret.</summary>
internal sealed class FlowEndpointTargets(IAccountStore accounts, IFlowStore flows)
{
    /// <summary>The target through <paramref name="channel"/> (the number that sent the flow): its key and app secret; null without a usable key.</summary>
    public async Task<FlowEndpointTarget?> ForChannelAsync(Channel channel, string endpointUri, CancellationToken cancellationToken) =>
        await flows.GetEncryptionKeyAsync(channel.PhoneNumberId, cancellationToken) is { } stored && BusinessPublicKey.Parse(stored.PublicKeyPem) is { Succeeded: true } key
            ? new FlowEndpointTarget(endpointUri, key.Value!, channel.AppSecret)
            : null;

    /// <summary>The target through the first phone number of the account that has a business public key.</summary>
    public async Task<FlowEndpointTarget?> ForAccountAsync(string accountId, string endpointUri, CancellationToken cancellationToken)
    {
        foreach (var channel in await accounts.ListChannelsAsync(accountId, cancellationToken))
        {
            if (await ForChannelAsync(channel, endpointUri, cancellationToken) is { } target)
            {
                return target;
            }
        }
        return null;
    }
}
