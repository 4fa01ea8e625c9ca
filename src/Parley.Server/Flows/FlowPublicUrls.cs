using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Core.Flows;
using Parley.Server.Auth;
using Parley.Server.Configuration;

namespace Parley.Server.Flows;

/// <summary>
/// The URLs Parley gives out for a flow that work without a bearer token, as Meta's do: the preview page (its token is
/// the flow's preview token, <see cref="LocalFlowManager.PreviewUrl"/>) and the Flow JSON asset's <c>download_url</c>,
/// signed (HMAC-SHA256 over the flow id and the expiry, with a key derived from the media URL key or the admin key)
/// and valid for <see cref="DownloadLifetime"/>, like a CDN URL.
/// </summary>
internal sealed class FlowPublicUrls(IOptions<ParleyOptions> options, AdminKey adminKey, TimeProvider time)
{
    /// <summary>Room for a multipart form's boundaries and other fields around a Flow JSON file.</summary>
    public const int FormOverheadBytes = 64 * 1024;

    /// <summary>How long an asset's download URL works.</summary>
    public static readonly TimeSpan DownloadLifetime = TimeSpan.FromHours(1);

    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes(
        "parley-flow-asset-url:" + (options.Value.Media.UrlSigningKey is { Length: > 0 } configured ? configured : adminKey.Value)));

    /// <summary>Where this Parley is, as the caller reached it (ending in <c>/</c>).</summary>
    public static Uri Base(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>The download URL of the flow's Flow JSON asset.</summary>
    public string AssetDownload(HttpRequest request, Flow flow)
    {
        var expires = (time.GetUtcNow() + DownloadLifetime).ToUnixTimeSeconds();
        return new Uri(Base(request), $"flows/{Uri.EscapeDataString(flow.Id)}/assets/{FlowRules.FlowJsonAssetName}?expires={expires}&signature={Sign(flow.Id, expires)}").ToString();
    }

    /// <summary>True when the signature is this Parley's for the flow and the expiry, and the expiry has not passed.</summary>
    public bool IsValid(string flowId, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || string.IsNullOrEmpty(signature)
            || time.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(flowId, expiresAt)), Encoding.ASCII.GetBytes(signature));
    }

    private string Sign(string flowId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{flowId}:{expires}")));
}
