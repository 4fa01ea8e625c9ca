namespace Parley.Server.Flows.Endpoint;

/// <summary>Calls to flow endpoints (<c>Parley:FlowEndpoints</c>).</summary>
public sealed record FlowEndpointOptions
{
    public const string Section = "Parley:FlowEndpoints";

    /// <summary>How long an endpoint has to answer; Meta's WhatsApp clients wait 10 seconds.</summary>
    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>The largest answer read, in bytes.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;
}
