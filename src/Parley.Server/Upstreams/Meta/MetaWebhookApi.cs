using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Core.Model;
using Parley.Core.Pricing;
using Parley.Server.Configuration;
using Parley.Server.Messaging;
using Parley.Server.Upstreams.Meta.Management;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta;

/// <summary>
/// Meta's webhooks for the <c>meta</c> channels (cloud-api-digest §3.1–3.6): <c>GET /webhooks/meta</c> answers the
/// verification handshake, <c>POST /webhooks/meta</c> takes statuses and inbound messages — signature first, then
/// parsing — and feeds them to ingest, the same durable path the sandbox reports through; template verdicts, flow changes and group
/// changes go to their mirrors (<see cref="MetaTemplateStatusSync"/>, <see cref="MetaFlowSync"/>, <see cref="MetaGroupSync"/>).
/// </summary>
internal static partial class MetaWebhookApi
{
    public const string Path = "/webhooks/meta";

    /// <summary>
    /// A status for a wamid Parley does not know yet may overtake the send's answer (Meta reports <c>sent</c> at once):
    /// such a fresh status is answered with 503 so that Meta delivers it again shortly. Older unknown ones are dropped.
    /// </summary>
    public static readonly TimeSpan UnmatchedRetryWindow = TimeSpan.FromMinutes(2);

    private const string SignaturePrefix = "sha256=";

    public static void MapMetaWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Meta upstream");
        group.MapGet("/", VerifyAsync).WithSummary("Meta's webhook verification handshake: echoes hub.challenge for a known verify token");
        group.MapPost("/", ReceiveAsync).WithSummary("Meta's webhooks for meta channels: statuses and inbound messages, signed with the app secret");
    }

    private static async Task<IResult> VerifyAsync(HttpRequest request, MetaChannelDirectory directory, CancellationToken cancellationToken)
    {
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        if (mode != "subscribe" || token.Length == 0)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var channels = await directory.AllAsync(fresh: true, cancellationToken);
        return channels.Any(c => c.Settings.VerifyTokenMatches(token))
            ? Results.Text(challenge, "text/plain")
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, MetaChannelDirectory directory, IUpstreamMessageIds upstreamIds, Ingest ingest, MetaTemplateStatusSync templateSync, MetaFlowSync flowSync, MetaGroupSync groupSync, MetaInboundMedia media,
        IOptions<MetaUpstreamOptions> options, IOptions<ParleyOptions> parley, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(MetaWebhookApi).FullName!);
        var body = await ReadBodyAsync(request, options.Value.MaxWebhookBytes, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var header = request.Headers["X-Hub-Signature-256"].ToString();
        if (header.Length == 0)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        var signature = ParseSignature(header);
        var signers = signature is null ? [] : await SignersAsync(directory, body, signature, cancellationToken);
        if (signers.Count == 0)
        {
            Log.BadSignature(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        List<MetaChange> changes;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            changes = MetaWebhookPayload.Changes(root);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook", detail: "The body is not a WhatsApp Business Account webhook.");
        }
        var now = time.GetUtcNow();
        var events = new List<UpstreamEvent>();
        var retryLater = false;
        foreach (var change in changes)
        {
            var channel = signers.FirstOrDefault(c => c.Settings.PhoneNumberId == change.PhoneNumberId);
            if (channel is null)
            {
                // Answered 200 all the same: Meta would otherwise deliver it again for a week.
                Log.UnknownPhoneNumber(logger, change.PhoneNumberId);
                continue;
            }
            retryLater |= await MapAsync(change, channel, upstreamIds, media, events, now, parley.Value.Pricing, logger, cancellationToken);
        }
        await ingest.ApplyAsync(events, cancellationToken);
        await templateSync.ApplyAsync(root, signers, cancellationToken);
        await flowSync.ApplyAsync(root, signers, cancellationToken);
        await groupSync.ApplyAsync(root, signers, cancellationToken);
        return retryLater ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok();
    }

    /// <summary>Adds the change's events; true when a fresh status named a wamid not known yet (redelivery wanted).</summary>
    private static async Task<bool> MapAsync(
        MetaChange change, MetaChannel channel, IUpstreamMessageIds upstreamIds, MetaInboundMedia media, List<UpstreamEvent> events, DateTimeOffset now, PriceTable prices, ILogger logger,
        CancellationToken cancellationToken)
    {
        var channelId = channel.Channel.PhoneNumberId;
        var wamids = change.Statuses.Select(s => MetaWebhookPayload.Text(s, "id"))
            .Concat(change.Messages.Select(MetaWebhookPayload.ContextId))
            .OfType<string>().ToList();
        var parleyIds = await upstreamIds.FindAsync(channelId, wamids, cancellationToken);
        var retryLater = false;
        foreach (var status in change.Statuses)
        {
            var wamid = MetaWebhookPayload.Text(status, "id");
            if (wamid is null || !parleyIds.TryGetValue(wamid, out var messageId))
            {
                var fresh = now - MetaWebhookPayload.Time(status, now) < UnmatchedRetryWindow;
                retryLater |= fresh;
                Log.UnknownMessage(logger, channelId, fresh);
                continue;
            }
            if (MetaWebhookPayload.Status(status, channelId, messageId, now, prices) is { } item)
            {
                events.Add(item);
            }
        }
        foreach (var message in change.Messages)
        {
            if (MetaWebhookPayload.Inbound(message, channelId, change.Contacts, parleyIds, now) is not { } item)
            {
                continue;
            }
            // Meta's media id becomes Parley's; when Meta cannot be asked now, the message waits for Meta's redelivery.
            var node = JsonNode.Parse(item.Message)!.AsObject();
            if (!await media.ImportAsync(channel.Settings, channelId, node, cancellationToken))
            {
                retryLater = true;
                continue;
            }
            events.Add(item with { Message = node.ToJsonString() });
        }
        return retryLater;
    }

    /// <summary>The meta channels whose app secret signed the body (a fresh read of the channels when none did).</summary>
    private static async Task<List<MetaChannel>> SignersAsync(MetaChannelDirectory directory, byte[] body, byte[] signature, CancellationToken cancellationToken)
    {
        var signers = (await directory.AllAsync(fresh: false, cancellationToken)).Where(c => c.Settings.Signed(body, signature)).ToList();
        return signers.Count > 0 ? signers : (await directory.AllAsync(fresh: true, cancellationToken)).Where(c => c.Settings.Signed(body, signature)).ToList();
    }

    private static byte[]? ParseSignature(string header)
    {
        if (!header.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase) || header.Length != SignaturePrefix.Length + 64)
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(header.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The raw body (the signature is over these exact bytes), or null when it is larger than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta webhook refused: the X-Hub-Signature-256 matches no meta channel's app secret")]
        public static partial void BadSignature(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Meta webhook for phone number id {PhoneNumberId}, which no meta channel signed by this app is; ignored")]
        public static partial void UnknownPhoneNumber(ILogger logger, string phoneNumberId);

        [LoggerMessage(3, LogLevel.Information, "Meta webhook: a status of channel {ChannelId} names a wamid Parley did not send (fresh: {Fresh}, then it is asked for again)")]
        public static partial void UnknownMessage(ILogger logger, string channelId, bool fresh);
    }
}
