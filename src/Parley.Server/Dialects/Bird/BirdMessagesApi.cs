using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Ids;
using Parley.Core.Messages;
using Parley.Server.Edges;
using Parley.Server.Messaging;
using Parley.Server.Templates;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// <c>POST /workspaces/{workspaceId}/channels/{channelId}/messages</c> (Bird Channels API, seed 001): the request is
/// mapped to canonical Cloud API messages, which go through the <see cref="MessagingDoor"/> as the Cloud API
/// dialect's do. Answers 202 with the accepted Channels message.
/// </summary>
internal static class BirdMessagesApi
{
    public static RouteGroupBuilder MapBirdDialect(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workspaces/{workspaceId}/channels/{channelId}").WithTags("Channels API")
            .WithEdge<BirdEdge>(CallerScope.Channel("channelId"));
        group.MapPost("/messages", SendAsync)
            .WithSummary("Send a WhatsApp message (Bird Channels API): text, image, file, location, list, carousel or template")
            .Accepts<object>("application/json")
            .ReadsBody();
        group.MapBirdReads();
        return group;
    }

    internal static async Task<IResult> SendAsync(BirdTarget target, JsonBody body, BirdSender sender, CancellationToken cancellationToken)
    {
        var (mapped, invalid) = BirdRequestMapper.Map(body.Root);
        return mapped is null ? invalid! : await sender.SendAsync(target, mapped, cancellationToken);
    }
}

/// <summary>
/// Sends a mapped Channels request through the door: every part is parsed and checked before any is accepted, and the
/// Channels message is recorded with its planned parts first. WhatsApp's refusals are the edge's to render.
/// </summary>
internal sealed class BirdSender(
    BirdMessages messages,
    IBirdDialectStore dialect,
    IMessageStore store,
    MessagingDoor door,
    UpstreamRegistry upstreams,
    CustomerCareWindow window,
    TemplateSendGuard templates,
    TimeProvider time)
{
    public async Task<IResult> SendAsync(BirdTarget target, BirdSendRequest mapped, CancellationToken cancellationToken)
    {
        var channel = target.Channel;
        string? contextId = null;
        if (mapped.ReplyToId is { } replyTo)
        {
            contextId = await ResolveReplyToAsync(channel.PhoneNumberId, replyTo, cancellationToken);
            if (contextId is null)
            {
                return BirdError.Invalid("replyTo.id", "is not a message of this channel");
            }
        }

        if (mapped.IsTemplate && mapped.Messages[0]["template"] is JsonObject named
            && await templates.FindAsync(channel.AccountId, named["name"]?.GetValue<string>() ?? "", named["language"]?["code"]?.GetValue<string>() ?? "", cancellationToken) is { } stored)
        {
            // An unknown template stays as mapped: the accept path's template check refuses it (132001).
            BirdTemplateBinder.Bind(mapped.Messages[0], stored);
        }
        var sends = new List<SendMessageRequest>(mapped.Messages.Count);
        foreach (var message in mapped.Messages)
        {
            if (contextId is not null && sends.Count == 0)
            {
                message["context"] = new JsonObject { ["message_id"] = contextId };
            }
            var parsed = MessagingDoor.ParseSend(channel, JsonSerializer.SerializeToElement<JsonNode>(message));
            if (!parsed.Succeeded)
            {
                return new Refusal(parsed.Error);
            }
            sends.Add(parsed.Value);
        }

        if (upstreams.For(channel) is null)
        {
            return BirdError.Conflict($"The channel cannot send: its upstream '{channel.Upstream}' is not available on this server.");
        }
        if (!mapped.IsTemplate && !await window.IsOpenAsync(channel, sends[0].To, cancellationToken))
        {
            return BirdError.Conflict(
                "The customer care window is not active: more than 24 hours have passed since the contact last wrote (or they never did). Only a template can be sent.");
        }

        foreach (var send in sends)
        {
            if (await door.CheckAsync(channel, send, cancellationToken) is { } refused)
            {
                return new Refusal(refused);
            }
        }
        // The Channels message and its planned parts are recorded before any part is accepted: every part belongs to
        // it from its first event on, and a crash part-way leaves the accepted parts under this id, with the echo.
        var wamids = sends.Select(_ => MessageIds.NewWamid()).ToList();
        var record = new BirdMessageRecord(Guid.NewGuid().ToString("D"), channel.PhoneNumberId, mapped.Echo.ToJsonString(), mapped.Reference, time.GetUtcNow());
        await dialect.CreateMessageAsync(record, wamids, cancellationToken);
        for (var i = 0; i < sends.Count; i++)
        {
            var part = await door.AcceptAsync(channel, sends[i], idempotencyKey: null, cancellationToken, wamids[i]);
            if (!part.Succeeded)
            {
                // Checked above; only a change between the check and the write (media deleted meanwhile) lands here.
                // The parts accepted so far are sent and stay under the record; the planned ones never exist.
                return new Refusal(part.Error);
            }
        }

        var accepted = await messages.LoadAsync(channel.PhoneNumberId, record.Id, record, wamids, cancellationToken);
        return new BirdResult(StatusCodes.Status202Accepted,
            BirdMessageView.Render(channel, target.ChannelUuid, accepted!, BirdStatus.Accepted, record.CreatedAt));
    }

    /// <summary>
    /// The wamid a reply quotes: <c>replyTo.id</c> is a Channels message id (its first WhatsApp message is quoted), or a
    /// wamid of the channel.
    /// </summary>
    private async Task<string?> ResolveReplyToAsync(string phoneNumberId, string id, CancellationToken cancellationToken)
    {
        if (BirdIds.IsUuid(id))
        {
            var parts = await dialect.PartsAsync(phoneNumberId, id.ToLowerInvariant(), cancellationToken);
            return parts.Count > 0 ? parts[0] : null;
        }
        return await store.GetAsync(phoneNumberId, id, cancellationToken) is null ? null : id;
    }
}
