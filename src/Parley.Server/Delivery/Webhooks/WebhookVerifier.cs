using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Ids;
using Parley.Server.Configuration;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>
/// Verifies a callback URL the way Meta does before it sends webhooks there: a <c>GET</c> with
/// <c>hub.mode=subscribe</c>, the <c>hub.verify_token</c> the caller chose and a random <c>hub.challenge</c>; the URL
/// is verified only when it answers 200 with the challenge as its body. The <c>GET</c> goes through the SSRF guard (the
/// webhook sender's client) and has the webhook timeout. Failures are Graph's 2200, with what the URL answered.
/// </summary>
internal sealed partial class WebhookVerifier(IHttpClientFactory httpClients, IOptions<ParleyOptions> options, TimeProvider time, ILogger<WebhookVerifier> logger)
{
    /// <summary>At most this much of the answer is read and quoted back: a challenge is short.</summary>
    private const int MaxAnswerChars = 512;

    public async Task<WhatsAppError?> VerifyAsync(string url, string verifyToken, CancellationToken cancellationToken)
    {
        var challenge = MessageIds.RandomToken(12);
        var target = QueryHelpers.AddQueryString(url, new Dictionary<string, string?>
        {
            ["hub.mode"] = "subscribe",
            ["hub.challenge"] = challenge,
            ["hub.verify_token"] = verifyToken,
        });
        var timeoutMs = options.Value.Webhooks.TimeoutMs;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClients.CreateClient(WebhookSender.HttpClientName).GetAsync(target, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var answer = await ReadAnswerAsync(response, linked.Token);
            if ((int)response.StatusCode == StatusCodes.Status200OK && answer.Trim() == challenge)
            {
                return null;
            }
            Log.Failed(logger, (int)response.StatusCode);
            return (int)response.StatusCode == StatusCodes.Status200OK
                ? Failed($"HTTP Status Code = 200; Response does not match challenge, expected value=\"{challenge}\", received=\"{answer}\"")
                : Failed($"HTTP Status Code = {(int)response.StatusCode}; HTTP Message = {response.ReasonPhrase}; received=\"{answer}\"");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"Operation timed out after {timeoutMs} milliseconds with 0 bytes received");
        }
        catch (HttpRequestException ex)
        {
            return Failed($"Couldn't connect to server: {ex.Message}");
        }
    }

    private static WhatsAppError Failed(string why) =>
        ErrorCatalog.CallbackVerificationFailed.With($"Callback verification failed with the following errors: {why}");

    private static async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxAnswerChars];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, length);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "A callback URL failed verification: it answered HTTP {Status} without the challenge")]
        public static partial void Failed(ILogger logger, int status);
    }
}
