using System.Globalization;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Core.Media;
using Parley.Server.Media;
using Parley.Storage;

namespace Parley.Server.Uploads;

/// <summary>
/// The Resumable Upload API's sessions: metadata in the <see cref="IUploadStore"/>, bytes in the <see cref="IBlobStore"/>.
/// Each chunk is a blob of its own (<c>upchunk-{session}-{offset}</c>) recorded only once complete, so an interrupted
/// request leaves the session at its last whole chunk. The chunk that reaches <c>file_length</c> joins them into the
/// file's blob (<c>upload-{session}</c>) and gives the session its handle.
/// </summary>
internal sealed class UploadSessions(IUploadStore store, IBlobStore blobs, TimeProvider time)
{
    /// <summary>Session ids are random: 18 bytes, base64url (24 characters).</summary>
    private const int SessionIdBytes = 18;

    public async Task<UploadSession> OpenAsync(string accountId, string appId, long length, string type, string name, CancellationToken cancellationToken)
    {
        var session = new UploadSession(MessageIds.RandomToken(SessionIdBytes), accountId, appId, name, type, length, 0, [], null, null, time.GetUtcNow(), null);
        await store.CreateAsync(session, cancellationToken);
        return session;
    }

    public Task<UploadSession?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>The completed upload with this handle, when it belongs to <paramref name="accountId"/>; otherwise null.</summary>
    public async Task<UploadSession?> FindHandleAsync(string? handle, string accountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(handle))
        {
            return null;
        }
        var session = await store.GetByHandleAsync(handle, cancellationToken);
        return session is { IsComplete: true } && session.AccountId == accountId ? session : null;
    }

    /// <summary>The uploaded file's bytes, or null when they are gone.</summary>
    public Stream? Open(UploadSession session) => blobs.Open(FileKey(session.Id));

    /// <summary>
    /// Appends <paramref name="body"/> at the session's offset (the caller checked <c>file_offset</c>); completes the
    /// session when the last byte arrives. More bytes than announced: nothing is kept.
    /// </summary>
    public async Task<Outcome<UploadSession>> AppendAsync(UploadSession session, Stream body, CancellationToken cancellationToken)
    {
        if (session.IsComplete)
        {
            return session;
        }
        if (session.FileOffset < session.FileLength)
        {
            var key = ChunkKey(session.Id, session.FileOffset);
            var put = await blobs.PutAsync(key, body, session.FileLength - session.FileOffset, cancellationToken);
            if (put.TooLarge)
            {
                return ResumableUploadRules.TooManyBytes(session.FileLength);
            }
            if (put.Size == 0)
            {
                blobs.Delete(key);
                return session;
            }
            var to = session.FileOffset + put.Size;
            if (!await store.AdvanceAsync(session.Id, session.FileOffset, to, cancellationToken))
            {
                blobs.Delete(key);
                return ErrorCatalog.InvalidParameter.With("Another request uploaded to this session at the same offset; GET the session and resume from its file_offset.");
            }
            session = session with { FileOffset = to, Chunks = [.. session.Chunks, session.FileOffset] };
        }
        return session.FileOffset == session.FileLength ? await CompleteAsync(session, cancellationToken) : session;
    }

    private async Task<UploadSession> CompleteAsync(UploadSession session, CancellationToken cancellationToken)
    {
        var keys = session.Chunks.Select(offset => ChunkKey(session.Id, offset)).ToList();
        BlobPut file;
        await using (var joined = new JoinedBlobStream(blobs, keys))
        {
            file = await blobs.PutAsync(FileKey(session.Id), joined, session.FileLength, cancellationToken);
        }
        var handle = ResumableUploadRules.Handle(session.FileType, session.Id);
        var now = time.GetUtcNow();
        if (!await store.CompleteAsync(session.Id, handle, file.Sha256, now, cancellationToken))
        {
            return await store.GetAsync(session.Id, cancellationToken) ?? session;
        }
        foreach (var key in keys)
        {
            blobs.Delete(key);
        }
        return session with { Handle = handle, Sha256 = file.Sha256, CompletedAt = now };
    }

    public static string FileKey(string sessionId) => "upload-" + sessionId;

    private static string ChunkKey(string sessionId, long offset) =>
        "upchunk-" + sessionId + "-" + offset.ToString(CultureInfo.InvariantCulture);
}
