using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Core.Model;
using Parley.Server.Uploads;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// A number's profile picture, the one value every dialect reads and writes: the profile's
/// <see cref="Parley.Core.Profiles.BusinessProfile.ProfilePictureHandle"/>, a Resumable Upload handle of the number's
/// account. The Cloud API sets it with <c>profile_picture_handle</c>; 1msg's <c>photo</c> stores its image as such an
/// upload here (<see cref="StoreAsync"/>), so both dialects show the same picture at the same URL
/// (<see cref="BusinessProfileApi.PicturePath"/>).
/// </summary>
internal sealed class ProfilePictures(UploadSessions uploads)
{
    /// <summary>The app an upload made for a 1msg <c>photo</c> is recorded under (no Graph app made it).</summary>
    public const string OneMsgApp = "onemsg";

    /// <summary>The completed image upload <paramref name="handle"/> names on the channel's account; null for none or another kind of file.</summary>
    public async Task<UploadSession?> FindAsync(Channel channel, string? handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return await uploads.FindHandleAsync(handle, channel.AccountId, cancellationToken) is { } picture
            && ResumableUploadRules.ImageTypes.Contains(picture.FileType) ? picture : null;
    }

    /// <summary>Where the picture is served, relative to the host: <c>/media/profile-pictures/{phone-number-id}/{upload session}</c>.</summary>
    public static string PathOf(Channel channel, UploadSession picture)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(picture);
        return $"{BusinessProfileApi.PicturePath}/{channel.PhoneNumberId}/{picture.Id}";
    }

    /// <summary>The picture's absolute URL for a caller of <paramref name="request"/>'s host.</summary>
    public static string UrlOf(HttpRequest request, Channel channel, UploadSession picture)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{PathOf(channel, picture)}";
    }

    /// <summary>
    /// Stores an image (JPEG or PNG, as Meta's profile pictures) as a completed upload of the channel's account and
    /// answers its handle, ready to be set as the profile's picture.
    /// </summary>
    public async Task<Outcome<string>> StoreAsync(Channel channel, Stream image, long length, string mimeType, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!ResumableUploadRules.ImageTypes.Contains(mimeType))
        {
            return ErrorCatalog.InvalidProfilePictureHandle.With($"A profile picture must be a JPEG or PNG image, not {mimeType}.");
        }
        var session = await uploads.OpenAsync(channel.AccountId, OneMsgApp, length, mimeType, fileName, cancellationToken);
        var stored = await uploads.AppendAsync(session, image, cancellationToken);
        if (!stored.Succeeded)
        {
            return stored.Error;
        }
        return stored.Value.Handle is { } handle
            ? handle
            : ErrorCatalog.InvalidProfilePictureHandle.With("The picture's bytes could not be read whole.");
    }
}
