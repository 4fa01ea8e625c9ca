using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Network;

namespace Parley.Server.Flows.Endpoint;

/// <summary>
/// Talks to a business's flow endpoint as the WhatsApp client does: each request sealed for the business public key
/// (<see cref="FlowEndpointCrypto"/>), signed with <c>X-Hub-Signature-256</c> when there is an app secret, sent
/// through the SSRF guard within the timeout (<see cref="FlowEndpointOptions.TimeoutMs"/>, measured on the injected
/// clock), the answer opened with the request's key. Every outcome is a <see cref="FlowEndpointResult"/>.
/// </summary>
internal sealed partial class FlowEndpointClient(
    IHttpClientFactory clients, SsrfGuard guard, IOptions<FlowEndpointOptions> options, TimeProvider time, ILogger<FlowEndpointClient> logger)
{
    public const string HttpClientName = "flow-endpoints";

    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.TimeoutMs);
    private readonly int _maxResponseBytes = options.Value.MaxResponseBytes;

    /// <summary>The health check: <c>{"version":"3.0","action":"ping"}</c>, which must answer <c>{"data":{"status":"active"}}</c>.</summary>
    public async Task<FlowEndpointResult> PingAsync(FlowEndpointTarget target, CancellationToken cancellationToken)
    {
        var result = await CallAsync(target, new JsonObject { ["version"] = FlowActions.Version, ["action"] = FlowActions.Ping }, cancellationToken);
        if (result.Succeeded && !IsString((result.Answer!["data"] as JsonObject)?["status"], "active"))
        {
            return FlowEndpointResult.Fail(FlowEndpointFailure.UnexpectedAnswer, "a health check must answer {\"data\":{\"status\":\"active\"}}.", result.Elapsed, 200);
        }
        return result;
    }

    /// <summary>
    /// A data exchange request: <paramref name="action"/> is <c>INIT</c> (no screen), <c>data_exchange</c> or
    /// <c>BACK</c>; the answer names the next screen and its data, or closes the flow.
    /// </summary>
    public Task<FlowEndpointResult> ExchangeAsync(
        FlowEndpointTarget target, string action, string? screen, JsonObject? data, string flowToken, string version, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["version"] = version, ["action"] = action };
        if (screen is not null)
        {
            request["screen"] = screen;
        }
        if (data is not null)
        {
            request["data"] = data.DeepClone();
        }
        request["flow_token"] = flowToken;
        return CallAsync(target, request, cancellationToken);
    }

    /// <summary>
    /// The error notification WhatsApp sends after an endpoint answered something it could not use (for example a
    /// screen the flow has no route to): the action and screen of the failed request, with
    /// <c>data: {"error": key, "error_message": text}</c>. The endpoint acknowledges with <c>{"data":{"acknowledged":true}}</c>.
    /// </summary>
    public Task<FlowEndpointResult> NotifyErrorAsync(
        FlowEndpointTarget target, string action, string? screen, string flowToken, string version, string error, string errorMessage, CancellationToken cancellationToken) =>
        ExchangeAsync(target, action, screen, new JsonObject { ["error"] = error, ["error_message"] = errorMessage }, flowToken, version, cancellationToken);

    private async Task<FlowEndpointResult> CallAsync(FlowEndpointTarget target, JsonObject request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (guard.Check(target.Uri) is { } refused)
        {
            return Failed(target, FlowEndpointFailure.Refused, $"endpoint_uri {refused}.", started);
        }
        var sealedRequest = FlowEndpointCrypto.Seal(Encoding.UTF8.GetBytes(request.ToJsonString()), target.PublicKey);
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["encrypted_flow_data"] = sealedRequest.Body.EncryptedFlowData,
            ["encrypted_aes_key"] = sealedRequest.Body.EncryptedAesKey,
            ["initial_vector"] = sealedRequest.Body.InitialVector,
        }.ToJsonString());

        using var timeout = new CancellationTokenSource(_timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = clients.CreateClient(HttpClientName);
        using var message = new HttpRequestMessage(HttpMethod.Post, target.Uri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(target.AppSecret))
        {
            message.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(body, target.AppSecret));
        }
        string answer;
        int status;
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            var kind = status switch
            {
                200 => (FlowEndpointFailure?)null,
                421 => FlowEndpointFailure.PublicKeyRefresh,
                427 => FlowEndpointFailure.FlowTokenInvalid,
                432 => FlowEndpointFailure.SignatureRejected,
                _ => FlowEndpointFailure.UnexpectedStatus,
            };
            if (kind is { } failure)
            {
                return Failed(target, failure, $"the endpoint answered HTTP {status}.", started, status);
            }
            answer = await ReadAsync(response, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(target, FlowEndpointFailure.Timeout, $"no complete answer within {_timeout.TotalSeconds:0.#} seconds.", started);
        }
        catch (HttpRequestException ex) when (IsGuardRefusal(ex))
        {
            return Failed(target, FlowEndpointFailure.Refused, "endpoint_uri points to a private or loopback address.", started);
        }
        catch (HttpRequestException ex)
        {
            return Failed(target, FlowEndpointFailure.NoResponse, ex.Message, started);
        }
        catch (InvalidDataException ex)
        {
            return Failed(target, FlowEndpointFailure.Undecryptable, ex.Message, started, 200);
        }

        if (FlowEndpointCrypto.Open(answer, sealedRequest.ResponseKey) is not { } plaintext)
        {
            return Failed(target, FlowEndpointFailure.Undecryptable, "the answer is not base64 sealed with the request's AES key and the inverted initial vector.", started, 200);
        }
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(plaintext) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }
        if (json is null)
        {
            return Failed(target, FlowEndpointFailure.NotJson, "the decrypted answer is not a JSON object.", started, 200);
        }
        var elapsed = time.GetElapsedTime(started);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var host = Host(target);
            var action = (string?)request["action"];
            Log.Answered(logger, host, action, (long)elapsed.TotalMilliseconds);
        }
        return FlowEndpointResult.Success(json, elapsed);
    }

    /// <summary>The body as text, within <see cref="FlowEndpointOptions.MaxResponseBytes"/>.</summary>
    private async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _maxResponseBytes)
        {
            throw new InvalidDataException($"the answer is larger than {_maxResponseBytes} bytes.");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxResponseBytes)
            {
                throw new InvalidDataException($"the answer is larger than {_maxResponseBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private FlowEndpointResult Failed(FlowEndpointTarget target, FlowEndpointFailure failure, string detail, long started, int? status = null)
    {
        var elapsed = time.GetElapsedTime(started);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var host = Host(target);
            Log.Failed(logger, host, failure, status, detail);
        }
        return FlowEndpointResult.Fail(failure, detail, elapsed, status);
    }

    private static bool IsString(JsonNode? node, string expected) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == expected;

    private static bool IsGuardRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex.Message.StartsWith("Refused to connect", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string Host(FlowEndpointTarget target) => Uri.TryCreate(target.Uri, UriKind.Absolute, out var uri) ? uri.Authority : "?";

    private static partial class Log
    {
        [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "Flow endpoint {Host} answered {Action} in {ElapsedMs} ms")]
        public static partial void Answered(ILogger logger, string host, string? action, long elapsedMs);

        [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Flow endpoint {Host} failed: {Failure} (HTTP {Status}): {Detail}")]
        public static partial void Failed(ILogger logger, string host, FlowEndpointFailure failure, int? status, string detail);
    }
}
