using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Core.Media;
using Parley.Server.Configuration;
using Parley.Storage;

using Parley.Server.Auth;

namespace Parley.Server.Media;

/// <summary>
/// Download URLs for media, as <c>GET /{media-id}</c> returns them: signed (HMAC-SHA256 over media id and expiry)
/// and valid for 5 minutes (cloud-api-digest §4). The bytes still need the owning channel's bearer token.
/// </summary>
internal sealed class MediaUrls(IOptions<ParleyOptions> options, AdminKey adminKey, TimeProvider time)
{
    public const string DownloadPath = "/media/download";

    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(
        "parley-media-url:" + (options.Value.Media.UrlSigningKey is { Length: > 0 } configured ? configured : adminKey.Value)));

    /// <summary>An absolute URL on the host the caller used.</summary>
    public string Create(HttpRequest request, MediaRecord media)
    {
        var expires = (time.GetUtcNow() + MediaRules.DownloadUrlLifetime).ToUnixTimeSeconds();
        var signature = Sign(media.Id, expires);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{DownloadPath}/{media.Id}?expires={expires}&signature={signature}";
    }

    /// <summary>True when the signature is this node's for the media id and the expiry, and the expiry has not passed.</summary>
    public bool IsValid(string mediaId, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || string.IsNullOrEmpty(signature))
        {
            return false;
        }
        if (time.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(mediaId, expiresAt));
        var presented = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private string Sign(string mediaId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{mediaId}:{expires}")));
}
