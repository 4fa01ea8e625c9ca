using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Edges;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary><c>GET /messages</c>, <c>GET /hookInfo</c> and <c>POST /readMessage</c> over the channel's one message history.</summary>
internal static class OneMsgHistoryApi
{
    /// <summary>"Default 100" (seed 000, Get messages list).</summary>
    private const int DefaultLimit = 100;

    /// <summary>What <c>limit=0</c> ("returns all messages") is bounded by, so one call cannot read a channel without end.</summary>
    private const int AllLimit = 10_000;

    /// <summary>The list's query, bound as text so that a malformed value is answered in 1msg's error format.</summary>
    internal sealed record MessagesQuery
    {
        public string? Last { get; init; }

        public string? LastMessageNumber { get; init; }

        public string? FirstMessageNumber { get; init; }

        public string? Limit { get; init; }

        public string? ChatId { get; init; }

        public string? Min_time { get; init; }

        public string? Max_time { get; init; }

        public string? MsgId { get; init; }
    }

    public static void MapOneMsgHistory(this RouteGroupBuilder group)
    {
        group.MapGet("/messages", MessagesAsync).WithSummary("1msg: the channel's messages, both directions");
        group.MapGet("/hookInfo", HookInfoAsync).WithSummary("1msg: the status hooks of a message");
        group.MapPost("/readMessage", ReadMessageAsync).WithSummary("1msg: mark an inbound message as read").ReadsBody();
    }

    /// <summary>
    /// Messages of both directions by their <c>messageNumber</c>, oldest first: after <c>lastMessageNumber</c>, from
    /// <c>firstMessageNumber</c>, or the newest ones with <c>last=true</c> (which ignores <c>lastMessageNumber</c>). Filters:
    /// <c>chatId</c>, <c>min_time</c> / <c>max_time</c> (unix seconds), <c>msgId</c>; <c>limit</c> (default 100, 0 = all).
    /// The answer's <c>lastMessageNumber</c> is the one to pass next time.
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> MessagesAsync(
        CallerChannel caller, [AsParameters] MessagesQuery query, IMessageHistoryStore history, CancellationToken cancellationToken)
    {
        if (!TryNumber(query.Limit, out var limit) || !TryNumber(query.Min_time, out var minTime) || !TryNumber(query.Max_time, out var maxTime)
            || !TryNumber(query.LastMessageNumber, out var lastNumber) || !TryNumber(query.FirstMessageNumber, out var firstNumber))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With(
                "limit, lastMessageNumber, firstMessageNumber, min_time and max_time must be non-negative whole numbers."));
        }
        var newest = OneMsgFields.Boolean(new JsonObject { ["last"] = query.Last }, "last") == true;
        var found = await history.ListNumberedAsync(new NumberedMessageQuery(
            caller.Value.PhoneNumberId,
            AfterNumber: newest || query.LastMessageNumber is null ? null : lastNumber,
            FromNumber: query.FirstMessageNumber is null ? null : firstNumber,
            Peer: query.ChatId is { Length: > 0 } chat ? chat.Split('@')[0] : null,
            Since: query.Min_time is null ? null : DateTimeOffset.FromUnixTimeSeconds(minTime),
            Until: query.Max_time is null ? null : DateTimeOffset.FromUnixTimeSeconds(maxTime).AddSeconds(1),
            MessageId: query.MsgId is { Length: > 0 } msgId ? msgId : null,
            Newest: newest,
            Limit: query.Limit is null ? DefaultLimit : limit == 0 ? AllLimit : (int)Math.Min(limit, AllLimit)), cancellationToken);
        var messages = new JsonArray([.. found.Select(m => (JsonNode)Message(m, caller.Value))]);
        var answer = new JsonObject { ["messages"] = messages };
        if (found.Count > 0)
        {
            answer["lastMessageNumber"] = found.Max(m => m.Number);
        }
        return TypedResults.Ok(answer);
    }

    /// <summary>Every status of an outbound message as a Cloud API status hook (digest A.5, Check ACKs).</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> HookInfoAsync(
        CallerChannel caller, string? messageId, IMessageStore store, CancellationToken cancellationToken)
    {
        if (messageId is not { Length: > 0 })
        {
            return new Refusal(OneMsgMapper.Missing("messageId"));
        }
        if (await store.GetAsync(caller.Value.PhoneNumberId, messageId, cancellationToken) is not { } message)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Message '{messageId}' is not a message of this channel."));
        }
        var hooks = new JsonArray();
        foreach (var change in await store.GetHistoryAsync(messageId, cancellationToken))
        {
            if (change.Status == MessageStatus.Accepted)
            {
                continue;
            }
            var hook = new JsonObject
            {
                ["id"] = message.Id,
                ["type"] = "message",
                ["status"] = change.Status.ToWire(),
                ["timestamp"] = CanonicalEvents.UnixSeconds(change.At),
                ["recipient_id"] = message.Peer,
            };
            if (change.ErrorJson is { } error)
            {
                hook["errors"] = new JsonArray(JsonNode.Parse(error));
            }
            hooks.Add(hook);
        }
        return TypedResults.Ok(new JsonObject { ["hooks"] = hooks });
    }

    /// <summary><c>messageId</c> (or <c>msgId</c>), optional <c>typingIndicator</c> — the Cloud API's mark-as-read.</summary>
    private static async Task<Results<Ok<OneMsgResultResponse>, Refusal>> ReadMessageAsync(
        CallerChannel caller, JsonObjectBody json, MessagingDoor door, CancellationToken cancellationToken)
    {
        var body = json.Value;
        var messageId = OneMsgFields.Text(body, "messageId") ?? OneMsgFields.Text(body, "msgId");
        if (messageId is not { Length: > 0 })
        {
            return new Refusal(OneMsgMapper.Missing("messageId"));
        }
        var read = new MarkReadRequest(messageId, OneMsgFields.Boolean(body, "typingIndicator") == true);
        return await door.MarkReadAsync(caller.Value, read, cancellationToken) is { } unread
            ? new Refusal(unread)
            : TypedResults.Ok(new OneMsgResultResponse("success"));
    }

    /// <summary>A stored message of either direction as a <c>GET /messages</c> item: the shared fields, its status and metadata.</summary>
    internal static JsonObject Message(NumberedMessage numbered, Channel channel)
    {
        var item = OneMsgMessageView.Item(numbered, channel, isForwarded: 0);
        item["status"] = numbered.Message.Status == MessageStatus.Read ? "viewed" : numbered.Message.Status.ToWire();
        item["metadata"] = new JsonObject();
        return item;
    }

    private static bool TryNumber(string? text, out long value)
    {
        value = 0;
        return text is null || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
