using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Delivery;
using Parley.Server.Network;
using Parley.Server.Upstreams.Meta.Management;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta;

/// <summary>
/// Meta's WhatsApp Cloud API: sends the canonical message to <c>{base}/{version}/{phone-number-id}/messages</c> with the
/// channel's access token over pooled connections, remembers Meta's wamid beside Parley's id (the statuses that arrive
/// at <c>/webhooks/meta</c> name it), and turns Graph errors into a final failure or a retry. Throughput errors slow
/// the channel (130429) or the pair (131056) down.
/// </summary>
internal sealed partial class MetaUpstream(
    IHttpClientFactory clients,
    IUpstreamMessageIds upstreamIds,
    SsrfGuard guard,
    ChannelPacer pacer,
    PairPacer pairs,
    MetaOutboundMedia media,
    IOptions<MetaUpstreamOptions> options,
    TimeProvider time,
    ILogger<MetaUpstream> logger) : IUpstream
{
    public const string HttpClientName = "meta-upstream";

    private readonly MetaUpstreamOptions _options = options.Value;

    public string Kind => Channel.MetaUpstream;

    public TimeProvider Clock => time;

    public PairLimit? PairLimitFor(Channel channel) => new(PairLimit.MetaInterval, _options.PairBurst);

    public async Task<UpstreamResult> SendAsync(Channel channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (MetaSettings.Parse(channel.UpstreamSettings) is not { } settings)
        {
            return new UpstreamResult.Rejected(ErrorCatalog.MessageUndeliverable.With("The channel's meta upstream settings are incomplete."));
        }
        var url = settings.MessagesUrl;
        if (guard.Check(url.ToString()) is { } refused)
        {
            return new UpstreamResult.Rejected(ErrorCatalog.MessageUndeliverable.With($"The channel's Graph base URL {refused}."));
        }
        var payload = await media.RewriteAsync(channel, settings, await UpstreamPayloadAsync(channel, message, cancellationToken), cancellationToken);
        if (!payload.Succeeded)
        {
            var e = payload.Error;
            return e.Definition.IsTransient || e.HttpStatus >= 500 || e.HttpStatus == 429 ? new UpstreamResult.Transient(e) : new UpstreamResult.Rejected(e);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload.Value, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.TimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string body;
        System.Net.HttpStatusCode status;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, message.Id, _options.TimeoutMs);
            return new UpstreamResult.Transient(ErrorCatalog.ServiceTemporarilyUnavailable.With($"The Graph API did not answer within {_options.TimeoutMs} ms."));
        }
        catch (HttpRequestException ex)
        {
            Log.Unreachable(logger, message.Id, ex.Message);
            return new UpstreamResult.Transient(ErrorCatalog.ServiceTemporarilyUnavailable.With("The Graph API could not be reached."));
        }
        if ((int)status is >= 200 and < 300)
        {
            return await AcceptedAsync(channel, message, body, cancellationToken);
        }
        var result = MetaErrors.Classify(status, body);
        var error = result is UpstreamResult.Transient t ? t.Error : ((UpstreamResult.Rejected)result).Error;
        Log.UpstreamError(logger, message.Id, (int)status, error.Code, result is UpstreamResult.Transient);
        if (error.Code == ErrorCatalog.RateLimitHit.Code)
        {
            pacer.SlowDown(channel.PhoneNumberId);
        }
        else if (error.Code == ErrorCatalog.PairRateLimitHit.Code)
        {
            pairs.SlowDown(channel.PhoneNumberId, message.To, PairLimitFor(channel)!);
        }
        return result;
    }

    /// <summary>
    /// The payload as Meta needs it: a reply's <c>context.message_id</c> or a reaction's <c>reaction.message_id</c> naming
    /// one of Parley's outbound messages is replaced by the wamid Meta gave that message (inbound ids are Meta's already).
    /// </summary>
    private async Task<string> UpstreamPayloadAsync(Channel channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (!message.Payload.Contains("\"message_id\"", StringComparison.Ordinal)
            || JsonNode.Parse(message.Payload) is not JsonObject root)
        {
            return message.Payload;
        }
        var references = new List<JsonObject>(2);
        foreach (var name in (ReadOnlySpan<string>)["context", "reaction"])
        {
            if (root[name] is JsonObject part && part["message_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            {
                references.Add(part);
            }
        }
        if (references.Count == 0)
        {
            return message.Payload;
        }
        var ids = references.Select(r => r["message_id"]!.GetValue<string>()).ToArray();
        var upstream = await upstreamIds.FindUpstreamAsync(channel.PhoneNumberId, ids, cancellationToken);
        if (upstream.Count == 0)
        {
            return message.Payload;
        }
        foreach (var reference in references)
        {
            if (upstream.TryGetValue(reference["message_id"]!.GetValue<string>(), out var wamid))
            {
                reference["message_id"] = wamid;
            }
        }
        return root.ToJsonString();
    }

    private async Task<UpstreamResult> AcceptedAsync(Channel channel, OutboundMessage message, string body, CancellationToken cancellationToken)
    {
        var wamid = WamidOf(body);
        if (wamid is null)
        {
            // Meta took the message (2xx), so it is not sent again; without its id no status can be matched to it.
            Log.NoWamid(logger, message.Id);
            return new UpstreamResult.Sent([]);
        }
        // Remembered before the dispatch job completes: Meta's statuses name the wamid and may arrive right away.
        await upstreamIds.RememberAsync(channel.PhoneNumberId, message.Id, wamid, cancellationToken);
        return new UpstreamResult.Sent([]);
    }

    private static string? WamidOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                && messages.GetArrayLength() > 0 && messages[0].ValueKind == JsonValueKind.Object
                && messages[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta upstream: no answer for message {MessageId} within {TimeoutMs} ms")]
        public static partial void TimedOut(ILogger logger, string messageId, int timeoutMs);

        [LoggerMessage(2, LogLevel.Warning, "Meta upstream: message {MessageId} could not be sent: {Reason}")]
        public static partial void Unreachable(ILogger logger, string messageId, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Meta upstream: HTTP {Status}, error {Code} for message {MessageId} (transient: {Transient})")]
        public static partial void UpstreamError(ILogger logger, string messageId, int status, int code, bool transient);

        [LoggerMessage(4, LogLevel.Warning, "Meta upstream: message {MessageId} was accepted without a wamid; its statuses cannot be matched")]
        public static partial void NoWamid(ILogger logger, string messageId);
    }
}
