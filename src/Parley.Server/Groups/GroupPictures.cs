using MetadataExtractor;
using MetadataExtractor.Formats.Jpeg;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Media;
using Parley.Core.Model;
using Parley.Server.Media;
using Parley.Storage;

namespace Parley.Server.Groups;

/// <summary>
/// A group picture a settings call uploads (<c>file</c>, multipart/form-data): checked by WhatsApp's rules (JPEG, at
/// most 5 MB, square, at least 192×192; the size read from the JPEG's frame header by MetadataExtractor) and stored as
/// media of the channel, so the <c>group_settings_update</c> webhook carries its type and hash.
/// </summary>
internal sealed class GroupPictures(MediaLibrary library)
{
    public async Task<Outcome<MediaRecord>> StoreAsync(Channel channel, IFormFile file, CancellationToken cancellationToken)
    {
        var mimeType = string.IsNullOrWhiteSpace(file.ContentType) ? null : MediaRules.BaseType(file.ContentType);
        var (width, height) = file.Length <= GroupRules.PictureMaxBytes ? SizeOf(file) : (null, null);
        if (GroupRules.CheckPicture(mimeType, file.Length, width, height) is { } error)
        {
            return error;
        }
        await using var content = file.OpenReadStream();
        var saved = await library.SaveAsync(new MediaDraft(channel.PhoneNumberId, MediaKind.Image.TypeName(), GroupRules.PictureMimeType,
            string.IsNullOrEmpty(file.FileName) ? null : Path.GetFileName(file.FileName), MediaOrigins.Upload, GroupRules.PictureMaxBytes,
            MediaRules.UploadRetention), content, cancellationToken);
        return saved is null ? ErrorCatalog.MediaUploadError.With($"The group picture is larger than {GroupRules.PictureMaxBytes} bytes (5 MB).") : saved;
    }

    /// <summary>What the settings webhook says of the picture: its type and SHA-256 (base64, as media hashes are in webhooks).</summary>
    public static GroupPicture Describe(MediaRecord media) => new(media.MimeType, Convert.ToBase64String(Convert.FromHexString(media.Sha256)));

    /// <summary>Deletes a stored picture the group did not take (the settings call failed).</summary>
    public Task DiscardAsync(MediaRecord media, CancellationToken cancellationToken) => library.DeleteAsync(media, cancellationToken);

    /// <summary>The image's width and height from its JPEG frame header; nulls when it is not a JPEG.</summary>
    private static (int? Width, int? Height) SizeOf(IFormFile file)
    {
        try
        {
            using var stream = file.OpenReadStream();
            var jpeg = JpegMetadataReader.ReadMetadata(stream).OfType<JpegDirectory>().FirstOrDefault();
            return jpeg is not null && jpeg.TryGetInt32(JpegDirectory.TagImageWidth, out var width) && jpeg.TryGetInt32(JpegDirectory.TagImageHeight, out var height)
                ? (width, height)
                : (null, null);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException)
        {
            return (null, null);
        }
    }
}
