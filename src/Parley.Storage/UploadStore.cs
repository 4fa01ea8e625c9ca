namespace Parley.Storage;

/// <summary>
/// A Resumable Upload API session (<c>POST /{app-id}/uploads</c>): owned by a business account, filled in chunks,
/// each chunk a blob of its own until the last one arrives; then the chunks become one blob and the session a handle.
/// </summary>
/// <param name="Id">The session id, without the <c>upload:</c> prefix the API shows.</param>
/// <param name="AccountId">The business account (WABA) of the token that opened the session: only it may use the handle.</param>
/// <param name="AppId">The app id of the path, kept as given (Parley has no apps).</param>
/// <param name="FileOffset">Bytes received so far.</param>
/// <param name="Chunks">The start offsets of the chunks received, in order.</param>
/// <param name="Handle">The file handle, once every byte arrived; null before.</param>
/// <param name="Sha256">SHA-256 of the whole file (lowercase hex), once complete.</param>
public sealed record UploadSession(
    string Id,
    string AccountId,
    string AppId,
    string FileName,
    string FileType,
    long FileLength,
    long FileOffset,
    IReadOnlyList<long> Chunks,
    string? Handle,
    string? Sha256,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public bool IsComplete => Handle is not null;
}

/// <summary>Upload sessions and their handles.</summary>
public interface IUploadStore
{
    Task CreateAsync(UploadSession session, CancellationToken cancellationToken);

    Task<UploadSession?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The completed session whose handle this is, or null.</summary>
    Task<UploadSession?> GetByHandleAsync(string handle, CancellationToken cancellationToken);

    /// <summary>
    /// Records a chunk that starts at <paramref name="from"/> and ends at <paramref name="to"/>. False (nothing changed)
    /// when the session's offset is no longer <paramref name="from"/> or the session is complete: another request won.
    /// </summary>
    Task<bool> AdvanceAsync(string id, long from, long to, CancellationToken cancellationToken);

    /// <summary>Marks the fully received session complete with its handle. False when it was complete already.</summary>
    Task<bool> CompleteAsync(string id, string handle, string sha256, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>How the chunk offsets are kept in one text column: comma-separated decimals.</summary>
internal static class UploadChunks
{
    public static string Format(IReadOnlyList<long> chunks) =>
        string.Join(',', chunks.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static IReadOnlyList<long> Parse(string text) =>
        text.Length == 0 ? [] : [.. text.Split(',').Select(c => long.Parse(c, System.Globalization.CultureInfo.InvariantCulture))];
}
