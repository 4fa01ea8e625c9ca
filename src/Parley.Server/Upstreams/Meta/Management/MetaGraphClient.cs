using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Server.Network;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Management calls to a meta channel's Graph API (<c>{base}/{version}/{path}</c> with the channel's bearer token) over
/// the meta upstream's pooled, SSRF-guarded connections. Meta's JSON answer, or Meta's error as Parley's
/// <see cref="WhatsAppError"/> (with Meta's HTTP status and code), so the caller can answer with it as it is.
/// </summary>
internal sealed partial class MetaGraphClient(
    IHttpClientFactory clients, SsrfGuard guard, IOptions<MetaUpstreamOptions> options, TimeProvider time, ILogger<MetaGraphClient> logger)
{
    public Task<Outcome<JsonNode>> GetAsync(MetaSettings settings, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(settings, HttpMethod.Get, pathAndQuery, null, cancellationToken);

    public Task<Outcome<JsonNode>> PostJsonAsync(MetaSettings settings, string path, string json, CancellationToken cancellationToken) =>
        SendAsync(settings, HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<Outcome<JsonNode>> SendAsync(MetaSettings settings, HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken)
    {
        var answer = await ExchangeAsync(settings, method, pathAndQuery, content, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        if (!answer.Value.IsSuccess)
        {
            var error = MetaErrors.ErrorOf(answer.Value.Status, answer.Value.Body.ToJsonString());
            Log.GraphError(logger, method.Method, (int)answer.Value.Status, error.Code);
            return error;
        }
        return answer.Value.Body;
    }

    /// <summary>
    /// Meta's answer as it came, its error envelope included (an error answer can carry more than the error: the users
    /// of a block that were blocked besides those that failed); Parley's error only when there is no JSON answer:
    /// Meta could not be reached in time, or a proxy answered.
    /// </summary>
    public async Task<Outcome<GraphAnswer>> ExchangeAsync(MetaSettings settings, HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var url = $"{settings.BaseUrl}/{settings.ApiVersion}/{pathAndQuery.TrimStart('/')}";
        if (guard.Check(url) is { } refused)
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With($"The channel's Graph base URL {refused}.");
        }
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        var timeoutMs = options.Value.TimeoutMs;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string body;
        HttpStatusCode status;
        try
        {
            using var response = await clients.CreateClient(MetaUpstream.HttpClientName).SendAsync(request, linked.Token);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Unreachable(logger, method.Method, $"no answer within {timeoutMs} ms");
            return ErrorCatalog.ServiceTemporarilyUnavailable.With($"The Graph API did not answer within {timeoutMs} ms.");
        }
        catch (HttpRequestException ex)
        {
            Log.Unreachable(logger, method.Method, ex.Message);
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("The Graph API could not be reached.");
        }
        try
        {
            if (JsonNode.Parse(body.Length == 0 ? "{}" : body) is { } json)
            {
                return new GraphAnswer(status, json);
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy or a load balancer answered; described below.
        }
        if ((int)status is < 200 or > 299)
        {
            var error = MetaErrors.ErrorOf(status, body);
            Log.GraphError(logger, method.Method, (int)status, error.Code);
            return error;
        }
        return ErrorCatalog.ServiceTemporarilyUnavailable.With("The Graph API answered with something that is not JSON.");
    }

    /// <summary>
    /// Downloads <paramref name="url"/> (a media URL Meta answered; it needs the same bearer token) and hands the body to
    /// <paramref name="read"/>; Meta's error, or 131016 when Meta could not be reached in time.
    /// </summary>
    public async Task<Outcome<T>> DownloadAsync<T>(MetaSettings settings, string url, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(read);
        if (guard.Check(url) is { } refused)
        {
            return ErrorCatalog.MediaDownloadError.With($"The media URL {refused}.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        var timeoutMs = options.Value.TimeoutMs;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await clients.CreateClient(MetaUpstream.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                var error = MetaErrors.ErrorOf(response.StatusCode, await response.Content.ReadAsStringAsync(linked.Token));
                Log.GraphError(logger, "GET media", (int)response.StatusCode, error.Code);
                return error;
            }
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            return await read(body, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Unreachable(logger, "GET media", $"no answer within {timeoutMs} ms");
            return ErrorCatalog.ServiceTemporarilyUnavailable.With($"The media download did not finish within {timeoutMs} ms.");
        }
        catch (HttpRequestException ex)
        {
            Log.Unreachable(logger, "GET media", ex.Message);
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("The media URL could not be reached.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta management call ({Method}) answered HTTP {Status}, error {Code}")]
        public static partial void GraphError(ILogger logger, string method, int status, int code);

        [LoggerMessage(2, LogLevel.Warning, "Meta management call ({Method}) failed: {Reason}")]
        public static partial void Unreachable(ILogger logger, string method, string reason);
    }
}

/// <summary>One answer of the Graph API: its HTTP status and its JSON body (Graph's error envelope when it failed).</summary>
internal sealed record GraphAnswer(HttpStatusCode Status, JsonNode Body)
{
    public bool IsSuccess => (int)Status is >= 200 and <= 299;
}
