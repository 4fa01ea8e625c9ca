namespace Parley.Server.Upstreams.Meta;

/// <summary>The <c>meta</c> upstream's settings, bound from <c>Parley:Meta</c>. Per-channel settings live on the channel.</summary>
public sealed record MetaUpstreamOptions
{
    public const string Section = "Parley:Meta";

    /// <summary>How long one send to the Graph API may take before it counts as a transient failure and is retried.</summary>
    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>
    /// Messages to one user that may go at once before the pair pace (1 per 6 s) applies. Meta tolerates bursts of up
    /// to 45 but makes the number pay them back; 10 keeps a conversation lively without provoking 131056.
    /// </summary>
    public int PairBurst { get; init; } = 10;

    /// <summary>Largest webhook POST accepted: Meta's payloads are at most 3 MB (cloud-api-digest §3.3).</summary>
    public int MaxWebhookBytes { get; init; } = 3 * 1024 * 1024;
}
