namespace Parley.Storage;

/// <summary>
/// The id an upstream gave a message beside Parley's own: Meta answers a send with its wamid, and every later status
/// names that wamid, so statuses are found by it.
/// </summary>
public interface IUpstreamMessageIds
{
    /// <summary>Remembers that the channel's message <paramref name="messageId"/> is <paramref name="upstreamId"/> upstream. Repeating it is harmless.</summary>
    Task RememberAsync(string channelId, string messageId, string upstreamId, CancellationToken cancellationToken);

    /// <summary>Parley's ids of the channel's messages known upstream by <paramref name="upstreamIds"/> (unknown ones are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> FindAsync(string channelId, IReadOnlyCollection<string> upstreamIds, CancellationToken cancellationToken);

    /// <summary>The upstream ids of the channel's messages <paramref name="messageIds"/> (Parley's ids; unknown ones are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> FindUpstreamAsync(string channelId, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}

/// <summary>Puts a claimed job back for later without counting an attempt: it waits for pacing, it did not fail.</summary>
public interface IDispatchDeferral
{
    /// <summary>Makes the job due at <paramref name="dueAt"/> — while the claim is still <paramref name="job"/>'s.</summary>
    Task DeferAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken);
}
