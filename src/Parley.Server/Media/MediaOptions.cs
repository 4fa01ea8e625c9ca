namespace Parley.Server.Media;

/// <summary>Media settings (<c>Parley:Media</c>).</summary>
public sealed record MediaOptions
{
    /// <summary>
    /// Where media bytes are kept. Default: <c>media</c> under the data directory. With several nodes this must be a
    /// folder every node shares (NFS, SMB, a mounted volume): any node may serve a download or send an upload.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>
    /// Key for signing media download URLs. Default: derived from the admin key. Nodes that serve each other's URLs
    /// need the same key (or the same admin key).
    /// </summary>
    public string? UrlSigningKey { get; init; }

    /// <summary>How long a link fetch may take, headers and body, before the message fails with 131053.</summary>
    public int LinkFetchTimeoutMs { get; init; } = 30_000;

    /// <summary>How often expired media (30-day uploads, 7-day inbound) are removed with their bytes.</summary>
    public int CleanupIntervalSeconds { get; init; } = 3600;
}
