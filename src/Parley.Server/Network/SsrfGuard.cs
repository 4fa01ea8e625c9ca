using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;

namespace Parley.Server.Network;

/// <summary>
/// Keeps Parley from calling into networks it should not reach: URLs must be absolute http(s), and every address a
/// connection goes to is checked when the socket connects (so DNS tricks do not help). Loopback, private,
/// link-local, CGNAT, multicast and unspecified addresses are refused unless <c>Parley:Network:AllowPrivateNetworks</c>.
/// </summary>
internal sealed class SsrfGuard(IOptions<ParleyOptions> options)
{
    private readonly bool _allowPrivate = options.Value.Network.AllowPrivateNetworks;

    /// <summary>Null when the URL may be called; otherwise why not.</summary>
    public string? Check(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials";
        }
        if (IPAddress.TryParse(uri.IdnHost, out var address) && !IsAllowed(address))
        {
            return "points to a private or loopback address";
        }
        if (!_allowPrivate && uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "points to a private or loopback address";
        }
        return null;
    }

    public bool IsAllowed(IPAddress address) => _allowPrivate || IsPublic(address);

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10
                || b[0] == 0
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || b[0] >= 224);
        }
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
    }

    /// <summary>A handler whose every connection passes the guard.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 64,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(IsAllowed).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"Refused to connect to {context.DnsEndPoint.Host}: not a public address.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
