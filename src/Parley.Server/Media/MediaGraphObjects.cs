using Parley.Core.Errors;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Media;

/// <summary>
/// Media ids on the shared <c>/{version}/{id}</c> route: <c>GET</c> answers the media's metadata and a 5-minute
/// download URL, <c>DELETE</c> deletes it (S <c>/{Version}/{Media-ID}</c>; cloud-api-digest §4). Deleted or expired
/// media answer Graph's 100/33. <c>file_size</c> is a JSON number, as the live Graph API answers it (the OpenAPI example
/// quotes it; SDKs that type it as an integer fail on a string).
/// </summary>
internal sealed class MediaGraphObjects(IMediaStore store, MediaLibrary library, MediaUrls urls) : IGraphObjectKind
{
    internal sealed record MediaView(string MessagingProduct, string Url, string MimeType, string Sha256, long FileSize, string Id);

    public GraphObjectKind Kind => GraphObjectKind.Media;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } media ? new GraphObject(Kind, id, media, media.ChannelId, null) : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var found = await FindLiveAsync(call, "get", cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        var media = found.Value;
        return TypedResults.Ok(new MediaView("whatsapp", urls.Create(call.Request, media), media.MimeType, media.Sha256, media.FileSize, media.Id));
    }

    public async Task<IResult> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var found = await FindLiveAsync(call, "delete", cancellationToken);
        return found.Succeeded && await library.DeleteAsync(found.Value, cancellationToken)
            ? TypedResults.Ok(new SuccessResponse(true))
            : new Refusal(found.Succeeded ? ErrorCatalog.UnknownObject(call.Target.Id, "delete") : found.Error);
    }

    /// <summary>The media, when it is live and of the <c>phone_number_id</c> the query names (if it names one).</summary>
    private async Task<Parley.Core.Outcome<MediaRecord>> FindLiveAsync(GraphObjectCall call, string method, CancellationToken cancellationToken)
    {
        var phoneNumberId = call.Request.Query["phone_number_id"].ToString();
        if (phoneNumberId.Length > 0 && phoneNumberId != call.Target.ChannelId)
        {
            // M:business-phone-numbers/media: with phone_number_id, only media of that number is processed.
            return ErrorCatalog.InvalidParameter.With($"Param phone_number_id is not a valid whatsapp business phone number id ID");
        }
        return await library.GetLiveAsync(call.Target.Id, cancellationToken) is { } live ? live : ErrorCatalog.UnknownObject(call.Target.Id, method);
    }
}
