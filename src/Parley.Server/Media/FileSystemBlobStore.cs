using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Parley.Server.Media;

/// <summary>
/// Blobs as files: <c>{root}/{first two characters of the key}/{key}</c>. Each write goes to a temporary file in
/// <c>{root}/.incoming</c> (same volume) and is renamed into place when complete, so readers never see half a file
/// and a crash leaves only a temporary file behind. With several nodes, <c>root</c> is a shared folder.
/// </summary>
internal sealed partial class FileSystemBlobStore : IBlobStore
{
    private const int BufferSize = 81920;
    private readonly string _root;
    private readonly string _incoming;

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        _incoming = Path.Combine(_root, ".incoming");
        System.IO.Directory.CreateDirectory(_incoming);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{2,128}$")]
    private static partial Regex KeyPattern();

    public async Task<BlobPut> PutAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var final = PathOf(key);
        var temporary = Path.Combine(_incoming, key + "." + Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        break;
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                if (size <= maxBytes)
                {
                    await file.FlushAsync(cancellationToken);
                    file.Flush(flushToDisk: true);
                }
            }
            if (size > maxBytes)
            {
                File.Delete(temporary);
                return new BlobPut(key, "", size, TooLarge: true);
            }
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temporary, final, overwrite: true);
            return new BlobPut(key, Convert.ToHexStringLower(hash.GetHashAndReset()), size, TooLarge: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Stream? Open(string key)
    {
        try
        {
            return new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string key) => File.Delete(PathOf(key));

    private string PathOf(string key)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new ArgumentException("A blob key is 2 to 128 letters, digits, '_' or '-'.", nameof(key));
        }
        return Path.Combine(_root, key[..2], key);
    }
}
