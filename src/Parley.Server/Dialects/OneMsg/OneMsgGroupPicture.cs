using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Server.Groups;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// Update Group's <c>profile_picture_file</c> (seed 000: "Profile picture file handle or media ID"; MCP: an image link or
/// a data URI) as the channel's media: a form-data file or data URI stored for the call, an https link downloaded as
/// <c>uploadMedia</c> does, or a media id the channel has; then checked by the group picture rules (<see cref="GroupPictures"/>).
/// </summary>
/// <param name="StoredForTheCall">Whether this call stored the media, so that a refusal deletes it again.</param>
internal sealed record OneMsgGroupPicture(MediaRecord Media, bool StoredForTheCall)
{
    public static async Task<Outcome<OneMsgGroupPicture>> FindAsync(
        string channelId, HttpRequest http, JsonObject body, string field, OneMsgFiles files, GroupPictures pictures, CancellationToken cancellationToken)
    {
        var text = OneMsgFields.Text(body, field)?.Trim();
        var stored = await files.StoreAsync(channelId, http, body, field, null, cancellationToken);
        var isLink = stored is null && OneMsgFiles.IsLink(text);
        var media = stored ?? (isLink
            ? await files.UploadLinkAsync(channelId, text!, null, cancellationToken)
            : await files.FindAsync(channelId, text, cancellationToken));
        if (!media.Succeeded)
        {
            return media.Error;
        }
        var storedForTheCall = stored is not null || isLink;
        if (pictures.Check(media.Value) is { } refused)
        {
            if (storedForTheCall)
            {
                await files.DeleteAsync(media.Value, CancellationToken.None);
            }
            return refused;
        }
        return new OneMsgGroupPicture(media.Value, storedForTheCall);
    }
}
