using System.Globalization;
using Parley.Core.Errors;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Storage;

namespace Parley.Server.Media;

/// <summary>
/// Media ids on the shared <c>/{version}/{id}</c> route: <c>GET</c> answers the media's metadata and a 5-minute
/// download URL, <c>DELETE</c> deletes it (S <c>/{Version}/{Media-ID}</c>; cloud-api-digest §4). Ids that are not
/// media are left to the other handlers; deleted, expired or foreign media answer Graph's 100/33.
/// </summary>
internal sealed class MediaGraphObjects(IMediaStore store, MediaLibrary library, MediaUrls urls, ChannelAccess access) : IGraphObjectHandler
{
    internal sealed record MediaView(string MessagingProduct, string Url, string MimeType, string Sha256, string FileSize, string Id);

    public async Task<IResult?> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var found = await FindAsync(call, "get", cancellationToken);
        if (found is not MediaRecord media)
        {
            return found as IResult;
        }
        return TypedResults.Ok(new MediaView("whatsapp", urls.Create(call.Request, media), media.MimeType, media.Sha256,
            media.FileSize.ToString(CultureInfo.InvariantCulture), media.Id));
    }

    /// <summary>Media objects take no POST: null leaves the id to other kinds (and finally to 100/33).</summary>
    public Task<IResult?> PostAsync(GraphObjectCall call, CancellationToken cancellationToken) => Task.FromResult<IResult?>(null);

    public async Task<IResult?> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var found = await FindAsync(call, "delete", cancellationToken);
        if (found is not MediaRecord media)
        {
            return found as IResult;
        }
        return await library.DeleteAsync(media, cancellationToken)
            ? TypedResults.Ok(new SuccessResponse(true))
            : new GraphErrorResult(ErrorCatalog.UnknownObject(call.Id, "delete"));
    }

    /// <summary>The live media the token may see; an error result; or null when the id is no media at all.</summary>
    private async Task<object?> FindAsync(GraphObjectCall call, string method, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(call.Id, cancellationToken);
        if (stored is null)
        {
            return null;
        }
        var authorized = await access.AuthorizeAsync(GraphRequest.BearerToken(call.Request), stored.ChannelId, cancellationToken);
        if (!authorized.Succeeded)
        {
            return new GraphErrorResult(authorized.Error.Definition == ErrorCatalog.UnsupportedRequest ? ErrorCatalog.UnknownObject(call.Id, method) : authorized.Error);
        }
        var phoneNumberId = call.Request.Query["phone_number_id"].ToString();
        if (phoneNumberId.Length > 0 && phoneNumberId != stored.ChannelId)
        {
            // M:business-phone-numbers/media: with phone_number_id, only media of that number is processed.
            return new GraphErrorResult(ErrorCatalog.InvalidParameter.With($"Param phone_number_id is not a valid whatsapp business phone number id ID"));
        }
        return await library.GetLiveAsync(call.Id, cancellationToken) is { } live
            ? live
            : new GraphErrorResult(ErrorCatalog.UnknownObject(call.Id, method));
    }
}
