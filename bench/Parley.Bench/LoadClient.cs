using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Parley.Bench;

/// <summary>The HTTP client and the Cloud API text-message requests shared by both load shapes.</summary>
internal static class LoadClient
{
    private const int Recipients = 10_000;

    // Pre-encoded so the generator, which shares the CPUs with the server, spends them on HTTP.
    private static readonly byte[][] Bodies = Enumerable.Range(0, Recipients)
        .Select(i => Encoding.UTF8.GetBytes(
            $$$"""{"messaging_product":"whatsapp","to":"1650555{{{i:D4}}}","type":"text","text":{"body":"bench"}}"""))
        .ToArray();

    public static HttpClient Create(int connections, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };

        var client = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A text message to one of 10,000 recipients 1650555xxxx, picked by <paramref name="sequence"/>.</summary>
    public static HttpRequestMessage CreateRequest(Uri url, long sequence)
    {
        var content = new ByteArrayContent(Bodies[sequence % Recipients]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
    }

    /// <summary>Sends one request and returns its status code, or 0 for a transport error or timeout.</summary>
    public static async Task<int> SendAsync(HttpClient client, Uri url, long sequence, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(url, sequence);
        try
        {
            // The default completion option reads the whole answer, so timings include the body.
            using var response = await client.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0; // HttpClient.Timeout
        }
    }

    public static bool IsSuccess(int status) => status is >= 200 and < 300;
}
