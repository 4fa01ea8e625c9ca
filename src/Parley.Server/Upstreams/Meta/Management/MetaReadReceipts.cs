using System.Text.Json.Nodes;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Messaging;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Marks inbound messages of <c>meta</c> channels read at Meta (cloud-api-digest §4: <c>POST /{phone-number-id}/messages</c>
/// with <c>status: read</c>, and <c>typing_indicator: {type: text}</c> when asked). Inbound ids are Meta's wamids, so
/// they go as they are. Queued in memory and sent in the background, one attempt each: a read receipt is advisory,
/// and one lost to a restart or an outage only leaves the blue ticks out.
/// </summary>
internal sealed partial class MetaReadReceipts(MetaGraphClient graph, ILogger<MetaReadReceipts> logger) : BackgroundService, IReadReceiptRelay
{
    /// <summary>Receipts waiting to be sent; beyond this the oldest are dropped (a burst while Meta is unreachable).</summary>
    private const int QueueCapacity = 10_000;

    private readonly System.Threading.Channels.Channel<(MetaSettings Settings, MarkReadRequest Request)> _queue =
        System.Threading.Channels.Channel.CreateBounded<(MetaSettings, MarkReadRequest)>(new System.Threading.Channels.BoundedChannelOptions(QueueCapacity) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest, SingleReader = true });

    public bool TryRelay(Channel channel, MarkReadRequest request)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!MetaSettings.IsMeta(channel.Upstream) || MetaSettings.Parse(channel.UpstreamSettings) is not { } settings)
        {
            return false;
        }
        _queue.Writer.TryWrite((settings, request));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (settings, request) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var body = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = request.MessageId };
            if (request.ShowTypingIndicator)
            {
                body["typing_indicator"] = new JsonObject { ["type"] = "text" };
            }
            var answer = await graph.PostJsonAsync(settings, $"{settings.PhoneNumberId}/messages", body.ToJsonString(), stoppingToken);
            if (!answer.Succeeded)
            {
                Log.NotRelayed(logger, answer.Error.Code);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta upstream: a read receipt was not accepted by Meta (error {Code}); the message stays read in Parley")]
        public static partial void NotRelayed(ILogger logger, int code);
    }
}
