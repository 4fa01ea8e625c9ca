namespace Parley.Server.Media;

/// <summary>Where media bytes live, by key. Writes are atomic: a blob is either absent or complete.</summary>
internal interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the blob <paramref name="key"/>, hashing it on the way. Stops and keeps
    /// nothing once more than <paramref name="maxBytes"/> arrive (then <see cref="BlobPut.TooLarge"/> is true).
    /// </summary>
    Task<BlobPut> PutAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The blob's bytes for reading, or null when there is no such blob.</summary>
    Stream? Open(string key);

    /// <summary>Removes the blob; nothing happens when it is absent.</summary>
    void Delete(string key);
}

/// <summary>What <see cref="IBlobStore.PutAsync"/> wrote.</summary>
/// <param name="Sha256">SHA-256 of the bytes, lowercase hex.</param>
internal sealed record BlobPut(string Key, string Sha256, long Size, bool TooLarge);
