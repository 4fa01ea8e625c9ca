using Parley.Core.Flows;

namespace Parley.Server.Flows.Endpoint;

/// <summary>Where and how to reach a flow's endpoint.</summary>
/// <param name="Uri">The flow's <c>endpoint_uri</c>.</param>
/// <param name="PublicKey">The business public key of the phone number that sent the flow.</param>
/// <param name="AppSecret">
/// The secret that signs each request in <c>X-Hub-Signature-256</c>. Meta signs with the secret of the Meta app
/// connected to the flow; Parley uses the channel's app secret (the one Meta's webhooks are signed with), and sends
/// no signature when the channel has none.
/// </param>
internal sealed record FlowEndpointTarget(string Uri, BusinessPublicKey PublicKey, string? AppSecret);

/// <summary>The actions of a data exchange request.</summary>
internal static class FlowActions
{
    public const string Ping = "ping";
    public const string Init = "INIT";
    public const string DataExchange = "data_exchange";
    public const string Back = "BACK";

    /// <summary>The data API version Parley speaks to endpoints.</summary>
    public const string Version = "3.0";
}
