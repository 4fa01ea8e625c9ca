using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Media;
using Parley.Server.Media;
using Parley.Server.Uploads;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// addTemplate's media header samples as a 1msg client gives them: a header's <c>example.header_handle</c> (or
/// <c>example.header_url</c>, UNCONFIRMED alias) may hold an http(s) link to the file or a <c>mediaId</c> from
/// <c>/uploadMedia</c> instead of a Resumable Upload handle, which is all the Cloud API takes there. Parley makes the
/// handle itself, as 1msg does for its clients: the file goes through a resumable upload session of the account
/// (<see cref="UploadSessions"/>), and the template is created with that session's handle, so the Core's sample check
/// (<see cref="Core.Templates.TemplateHeaderHandles"/>: an upload of the business, of a type that fits the header) applies unchanged.
/// A link is downloaded through the SSRF guard (<see cref="OneMsgFiles.UploadLinkAsync"/>); its temporary media object
/// is deleted again. Carousel cards' headers are resolved the same way.
/// </summary>
internal sealed class OneMsgTemplateSamples(OneMsgFiles files, MediaLibrary library, UploadSessions uploads)
{
    private const string HeaderUrlAlias = "header_url";

    private static readonly string[] MediaFormats = ["IMAGE", "VIDEO", "DOCUMENT"];

    /// <summary>Replaces links and media ids in the body's media header samples with upload handles; the error of one that cannot be made.</summary>
    public Task<WhatsAppError?> ResolveAsync(Channel channel, JsonObject body, CancellationToken cancellationToken) =>
        body["components"] is JsonArray components ? ResolveAsync(channel, components, cancellationToken) : Task.FromResult<WhatsAppError?>(null);

    private async Task<WhatsAppError?> ResolveAsync(Channel channel, JsonArray components, CancellationToken cancellationToken)
    {
        foreach (var component in components.OfType<JsonObject>())
        {
            var type = OneMsgFields.Text(component, "type")?.ToUpperInvariant();
            if (type == "CAROUSEL" && component["cards"] is JsonArray cards)
            {
                foreach (var card in cards.OfType<JsonObject>())
                {
                    if (card["components"] is JsonArray cardComponents && await ResolveAsync(channel, cardComponents, cancellationToken) is { } error)
                    {
                        return error;
                    }
                }
            }
            if (type != "HEADER" || OneMsgFields.Text(component, "format")?.ToUpperInvariant() is not { } format || !MediaFormats.Contains(format)
                || component["example"] is not JsonObject example)
            {
                continue;
            }
            if (example[HeaderUrlAlias] is { } alias && !example.ContainsKey("header_handle"))
            {
                example.Remove(HeaderUrlAlias);
                example["header_handle"] = alias is JsonArray ? alias : new JsonArray(alias);
            }
            if (example["header_handle"] is not JsonArray samples)
            {
                continue;
            }
            for (var i = 0; i < samples.Count; i++)
            {
                if (samples[i] is not JsonValue value || OneMsgFields.Text(new JsonObject { ["v"] = value.DeepClone() }, "v") is not { Length: > 0 } sample)
                {
                    continue;
                }
                var handle = await HandleAsync(channel, sample, cancellationToken);
                if (handle.Error is { } error)
                {
                    return error;
                }
                if (handle.Value is { } made)
                {
                    samples[i] = made;
                }
            }
        }
        return null;
    }

    /// <summary>The handle for a link or a media id; null (kept as it is) for an upload handle or anything else.</summary>
    private async Task<(string? Value, WhatsAppError? Error)> HandleAsync(Channel channel, string sample, CancellationToken cancellationToken)
    {
        if (OneMsgFiles.IsLink(sample))
        {
            var downloaded = await files.UploadLinkAsync(channel.PhoneNumberId, sample, null, cancellationToken);
            if (!downloaded.Succeeded)
            {
                return (null, downloaded.Error);
            }
            try
            {
                return await UploadAsync(channel, downloaded.Value, cancellationToken);
            }
            finally
            {
                await library.DeleteAsync(downloaded.Value, CancellationToken.None);
            }
        }
        if (await uploads.FindHandleAsync(sample, channel.AccountId, cancellationToken) is not null)
        {
            return (null, null);
        }
        var media = await files.FindAsync(channel.PhoneNumberId, sample, cancellationToken);
        return media.Succeeded ? await UploadAsync(channel, media.Value, cancellationToken) : (null, null);
    }

    /// <summary>The media object's bytes as a completed resumable upload of the account; its handle.</summary>
    private async Task<(string? Value, WhatsAppError? Error)> UploadAsync(Channel channel, MediaRecord media, CancellationToken cancellationToken)
    {
        await using var stream = library.Open(media);
        if (stream is null)
        {
            return (null, MediaChecks.InvalidMediaId("header_handle"));
        }
        var session = await uploads.OpenAsync(channel.AccountId, channel.AccountId, media.FileSize, media.MimeType, media.FileName ?? media.Id, cancellationToken);
        var uploaded = await uploads.AppendAsync(session, stream, cancellationToken);
        if (!uploaded.Succeeded)
        {
            return (null, uploaded.Error);
        }
        return uploaded.Value.Handle is { } handle ? (handle, null) : (null, MediaChecks.InvalidMediaId("header_handle"));
    }
}
