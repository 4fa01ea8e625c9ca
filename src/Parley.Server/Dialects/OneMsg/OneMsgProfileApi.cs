using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Media;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.BusinessPhones;
using Parley.Server.Edges;
using Parley.Server.Media;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>GET|POST /{instanceId}/me</c> (seed 000 "Get Profile Info", "Change user info"; digest A.4): the channel's business
/// profile, the one the Cloud API's <c>/{version}/{phone-number-id}/whatsapp_business_profile</c> shows and changes
/// (<see cref="PhoneNumberDirectory"/>), in 1msg's words: verticals by their 1msg names, the number as <c>phone</c>, the
/// picture as <c>photo</c>.
/// </summary>
internal static class OneMsgProfileApi
{
    /// <summary>Seed 000, Change user info: "description: Description of the business. Max 256 characters".</summary>
    public const int DescriptionMaxLength = 256;

    /// <summary>Marks a profile picture handle that names one of the channel's media objects (a 1msg <c>photo</c>).</summary>
    private const string PhotoHandleToken = "onemsgphoto";

    /// <summary>Seed 000's <c>vertical</c> enum → the Cloud API's (S WhatsAppBusinessProfile <c>vertical</c>).</summary>
    private static readonly Dictionary<string, string> Verticals = new(StringComparer.Ordinal)
    {
        ["Automotive"] = "AUTO", ["Beauty, Spa and Salon"] = "BEAUTY", ["Clothing and Apparel"] = "APPAREL", ["Education"] = "EDU",
        ["Entertainment"] = "ENTERTAIN", ["Event Planning and Service"] = "EVENT_PLAN", ["Finance and Banking"] = "FINANCE",
        ["Food and Grocery"] = "GROCERY", ["Public Service"] = "GOVT", ["Hotel and Lodging"] = "HOTEL", ["Medical and Health"] = "HEALTH",
        ["Non-profit"] = "NONPROFIT", ["Professional Services"] = "PROF_SERVICES", ["Shopping and Retail"] = "RETAIL",
        ["Travel and Transportation"] = "TRAVEL", ["Restaurant"] = "RESTAURANT", ["Other"] = "OTHER", [""] = "UNDEFINED",
    };

    private static readonly Dictionary<string, string> VerticalNames = Verticals.ToDictionary(v => v.Value, v => v.Key, StringComparer.Ordinal);

    private static readonly string[] TextFields = ["about", "address", "description", "email"];

    /// <summary>A change with no field at all: 1msg's 422 (digest A.4), worded as a whole.</summary>
    private static readonly WhatsAppError NothingToChange = new(
        new ErrorDefinition(100, "Invalid parameter", StatusCodes.Status422UnprocessableEntity), "",
        MessageOverride: "At least one of about, address, description, email, vertical, websites or photo is required.");

    public static void MapOneMsgProfile(this RouteGroupBuilder group)
    {
        group.MapGet("/me", GetAsync).WithSummary("1msg: the business profile");
        group.MapPost("/me", SetAsync).WithSummary("1msg: change the business profile (photo as URL, base64 data URI or form file)")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data").ReadsBody(OneMsgFiles.MaxBodyBytes);
    }

    /// <summary><c>{"about","address","description","email","phone","vertical","photo","websites"}</c> (digest A.4).</summary>
    private static async Task<ContentHttpResult> GetAsync(
        CallerChannel caller, HttpRequest request, PhoneNumberDirectory directory, ProfilePictures pictures, MediaLibrary library, MediaUrls urls,
        CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        var profile = (await directory.GetAsync(channel, cancellationToken)).Profile;
        string? photo = null;
        if (await pictures.FindAsync(channel, profile.ProfilePictureHandle, cancellationToken) is { } picture)
        {
            photo = ProfilePictures.UrlOf(request, channel, picture);
        }
        else if (PhotoMediaId(profile.ProfilePictureHandle) is { } mediaId
            && await library.GetLiveAsync(mediaId, cancellationToken) is { } media && media.ChannelId == channel.PhoneNumberId)
        {
            // A photo set before pictures were one value: a media object of the channel.
            photo = urls.Create(request, media);
        }
        var body = new JsonObject
        {
            ["about"] = profile.About,
            ["address"] = profile.Address,
            ["description"] = profile.Description,
            ["email"] = profile.Email,
            ["phone"] = channel.DisplayPhoneNumber,
            ["vertical"] = VerticalNames.GetValueOrDefault(profile.Vertical, profile.Vertical),
            ["photo"] = photo,
            ["websites"] = new JsonArray([.. profile.Websites.Select(w => (JsonNode)w)]),
        };
        return Templates.TemplateViews.Json(body);
    }

    /// <summary>
    /// Any of <c>about</c>, <c>address</c>, <c>description</c> (≤ 256), <c>email</c>, <c>vertical</c>, <c>websites</c>,
    /// <c>photo</c>; <c>phone</c> may only repeat the channel's number. Checked by the Cloud API's profile rules; no field
    /// at all is 422 (digest A.4). Answers <c>{"result":"success"}</c>.
    /// </summary>
    private static async Task<Results<Ok<OneMsgResultResponse>, Refusal>> SetAsync(
        CallerChannel caller, JsonObjectBody body, HttpRequest request, PhoneNumberDirectory directory, OneMsgFiles files, ProfilePictures pictures,
        MediaLibrary library, CancellationToken cancellationToken)
    {
        var (channel, fields) = (caller.Value, body.Value);
        var update = new JsonObject { ["messaging_product"] = "whatsapp" };
        foreach (var name in TextFields)
        {
            if (fields[name] is { } value)
            {
                update[name] = value.DeepClone();
            }
        }
        if (OneMsgFields.Text(fields, "description") is { } description && description.EnumerateRunes().Count() > DescriptionMaxLength)
        {
            return new Refusal(OneMsgMapper.Invalid($"The parameter description must be at most {DescriptionMaxLength} characters."));
        }
        if (fields["vertical"] is { } vertical)
        {
            var text = OneMsgFields.Text(fields, "vertical");
            update["vertical"] = text is not null && Verticals.TryGetValue(text, out var cloudVertical) ? cloudVertical : vertical.DeepClone();
        }
        if (fields["websites"] is { } websites)
        {
            update["websites"] = websites is JsonValue single && single.GetValueKind() == JsonValueKind.String ? new JsonArray(single.GetValue<string>()) : websites.DeepClone();
        }
        if (OneMsgFields.Text(fields, "phone") is { Length: > 0 } phone && phone.TrimStart('+') != channel.DisplayPhoneNumber)
        {
            return new Refusal(OneMsgMapper.Invalid($"The parameter phone is the channel's number ({channel.DisplayPhoneNumber}); it cannot be changed here."));
        }
        var photo = await PhotoAsync(channel, request, fields, files, pictures, library, cancellationToken);
        if (photo.Error is not null)
        {
            return new Refusal(photo.Error);
        }
        if (photo.Handle is not null)
        {
            update["profile_picture_handle"] = photo.Handle;
        }
        if (update.Count == 1 && !OneMsgFields.Has(fields, "phone"))
        {
            return new Refusal(NothingToChange);
        }
        var parsed = BusinessProfileRules.ParseUpdate(JsonSerializer.SerializeToElement(update, OneMsgJsonContext.Default.JsonObject));
        if (!parsed.Succeeded)
        {
            return new Refusal(parsed.Error);
        }
        await directory.UpdateProfileAsync(channel, parsed.Value, cancellationToken);
        return TypedResults.Ok(new OneMsgResultResponse("success"));
    }

    /// <summary>
    /// <c>photo</c> as a form file, a data URI or a link, read as a media file of the channel (a link through the SSRF
    /// guard), then kept as the number's profile picture (<see cref="ProfilePictures"/>): the same upload handle the Cloud
    /// API's <c>profile_picture_handle</c> sets, so both dialects show it. The media file was only the carrier and is deleted.
    /// </summary>
    private static async Task<(string? Handle, WhatsAppError? Error)> PhotoAsync(
        Channel channel, HttpRequest request, JsonObject fields, OneMsgFiles files, ProfilePictures pictures, MediaLibrary library,
        CancellationToken cancellationToken)
    {
        var stored = await files.StoreAsync(channel.PhoneNumberId, request, fields, "photo", null, cancellationToken);
        if (stored is null)
        {
            if (OneMsgFields.Text(fields, "photo") is not { Length: > 0 } link)
            {
                return (null, null);
            }
            if (!OneMsgFiles.IsLink(link))
            {
                return (null, OneMsgMapper.Invalid("The parameter photo must be an https link, a base64 data URI (data:image/jpeg;base64,…) or a form-data file."));
            }
            stored = await files.UploadLinkAsync(channel.PhoneNumberId, link, null, cancellationToken);
        }
        if (!stored.Value.Succeeded)
        {
            return (null, stored.Value.Error);
        }
        var media = stored.Value.Value;
        try
        {
            if (MediaRules.KindOf(media.MimeType) != MediaKind.Image || library.Open(media) is not { } bytes)
            {
                return (null, OneMsgMapper.Invalid($"The photo must be a JPEG or PNG image, not {media.MimeType}."));
            }
            await using (bytes)
            {
                var mimeType = media.MimeType == "image/jpg" ? "image/jpeg" : media.MimeType;
                var handle = await pictures.StoreAsync(channel, bytes, media.FileSize, mimeType, media.FileName ?? "photo", cancellationToken);
                return handle.Succeeded ? (handle.Value, null) : (null, OneMsgMapper.Invalid($"The photo must be a JPEG or PNG image, not {media.MimeType}."));
            }
        }
        finally
        {
            await files.DeleteAsync(media, CancellationToken.None);
        }
    }

    private static string? PhotoMediaId(string handle)
    {
        var parts = handle.Split(':');
        return parts.Length == 4 && parts[^1] == PhotoHandleToken && parts[0].All(char.IsAsciiDigit) ? parts[0] : null;
    }
}
