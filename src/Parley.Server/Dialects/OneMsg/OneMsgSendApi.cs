using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Edges;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>POST /{instanceId}/send…?token=</c>: map the 1msg request onto the canonical Cloud API message, validate it with
/// <see cref="MessageRequestParser"/> and accept it on the shared path (<see cref="MessagingDoor"/>). The 24-hour window
/// is the upstream's rule for every message but a template, exactly as for the Cloud API dialect: outside it the message
/// fails with 131047, visible in <c>/messages</c>, <c>/hookInfo</c> and the ack webhook.
/// </summary>
internal static class OneMsgSendApi
{
    public const string SentDescription = "Message has been sent to the provider";

    /// <summary>The send method that takes a file (seed 000: sendFile <c>body</c> "File in form-data input field").</summary>
    private const string FileMethod = "sendFile";

    public static void MapOneMsgSends(this RouteGroupBuilder group)
    {
        foreach (var method in OneMsgMapper.Methods)
        {
            var endpoint = method == FileMethod
                ? group.MapPost("/" + method, SendFileAsync).ReadsBody(OneMsgFiles.MaxBodyBytes)
                : group.MapPost("/" + method, (CallerChannel caller, JsonObjectBody body, MessagingDoor door, CancellationToken cancellationToken) =>
                    SendAsync(method, caller.Value, body.Value, door, cancellationToken)).ReadsBody();
            endpoint.WithName("OneMsg_" + method)
                .WithSummary($"1msg {method}")
                .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data");
        }
    }

    /// <summary>sendFile: the file (a form-data file or a data URI) is stored first, and deleted again when the message is refused.</summary>
    private static async Task<Results<Ok<OneMsgSentResponse>, Refusal>> SendFileAsync(
        CallerChannel caller, JsonObjectBody body, HttpRequest request, MessagingDoor door, OneMsgFiles files, CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        var file = await StoreFileAsync(channel.PhoneNumberId, request, body.Value, files, cancellationToken);
        if (!file.Succeeded)
        {
            return new Refusal(file.Error);
        }
        if (await CheckVoiceAsync(channel.PhoneNumberId, body.Value, file.Value, files, cancellationToken) is { } notVoice)
        {
            if (file.Value is { } stored)
            {
                await files.DeleteAsync(stored, CancellationToken.None);
            }
            return new Refusal(notVoice);
        }
        var sent = await SendAsync(FileMethod, channel, body.Value, door, cancellationToken);
        if (sent.Result is Refusal && file.Value is { } uploaded)
        {
            // The file was stored for this message only: nothing refers to it.
            await files.DeleteAsync(uploaded, CancellationToken.None);
        }
        return sent;
    }

    /// <summary>A voice note (<c>voice: true</c>) of a stored file: the file must be OGG/Opus audio (1msg: "audio/ogg only").</summary>
    private static async Task<WhatsAppError?> CheckVoiceAsync(string channelId, JsonObject body, MediaRecord? stored, OneMsgFiles files, CancellationToken cancellationToken)
    {
        if (OneMsgFields.Boolean(body, "voice") != true)
        {
            return null;
        }
        var media = stored;
        if (media is null && OneMsgFields.Text(body, "mediaId") is { Length: > 0 } mediaId && await files.FindAsync(channelId, mediaId, cancellationToken) is { Succeeded: true } found)
        {
            media = found.Value;
        }
        return media is null || OneMsgMediaMapper.IsVoiceMime(media.MimeType) ? null : OneMsgMediaMapper.NotAVoiceFile($"the file is {media.MimeType}");
    }

    /// <summary>
    /// sendFile's <c>body</c> as a form-data file or a base64 data URI: stored as the channel's media and sent by its id
    /// (<c>mediaId</c> + the stored kind as <c>mediaType</c>); a <c>mediaId</c> without <c>mediaType</c> takes the stored
    /// media's kind. Null (and the body unchanged) for a link or a <c>mediaId</c> with its type.
    /// </summary>
    private static async Task<Outcome<MediaRecord?>> StoreFileAsync(string channelId, HttpRequest request, JsonObject body, OneMsgFiles files, CancellationToken cancellationToken)
    {
        if (OneMsgFields.Text(body, "mediaId") is { Length: > 0 } mediaId)
        {
            if (!OneMsgFields.Has(body, "mediaType") && await files.FindAsync(channelId, mediaId, cancellationToken) is { Succeeded: true } found)
            {
                body["mediaType"] = found.Value.Kind;
            }
            return (MediaRecord?)null;
        }
        var stored = await files.StoreAsync(channelId, request, body, "body", OneMsgFields.Text(body, "filename"), cancellationToken);
        if (stored is not { } outcome)
        {
            return (MediaRecord?)null;
        }
        if (!outcome.Succeeded)
        {
            return outcome.Error;
        }
        MediaRecord? media = outcome.Value;
        body.Remove("body");
        body["mediaId"] = media.Id;
        body["mediaType"] = media.Kind;
        if (!OneMsgFields.Has(body, "filename") && media.FileName is { } name)
        {
            body["filename"] = name;
        }
        return Outcome<MediaRecord?>.Success(media);
    }

    /// <summary>The 1msg request mapped onto the canonical message, sent through the door.</summary>
    private static async Task<Results<Ok<OneMsgSentResponse>, Refusal>> SendAsync(
        string method, Channel channel, JsonObject body, MessagingDoor door, CancellationToken cancellationToken)
    {
        var canonical = OneMsgMapper.ToCanonical(method, body);
        if (!canonical.Succeeded)
        {
            return new Refusal(canonical.Error);
        }
        var sent = await door.SendAsync(channel, JsonSerializer.SerializeToElement(canonical.Value, OneMsgJsonContext.Default.JsonObject), null, cancellationToken);
        if (!sent.Succeeded)
        {
            return new Refusal(sent.Error);
        }
        var (send, accepted) = sent.Value;
        var chatId = OneMsgRecipient.ChatId(accepted.To, send.RecipientType == "group");
        return TypedResults.Ok(new OneMsgSentResponse(true, accepted.MessageId, $"Sent to {chatId}", SentDescription));
    }
}
