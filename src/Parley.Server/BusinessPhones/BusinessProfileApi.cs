using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Profiles;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Server.Uploads;


namespace Parley.Server.BusinessPhones;

/// <summary>
/// <c>GET|POST /{version}/{phone-number-id}/whatsapp_business_profile</c> (digest §5.3): read the profile's fields as
/// <c>{"data":[{…,"messaging_product":"whatsapp"}]}</c>; update some of them, answering <c>{"success":true}</c>.
/// </summary>
internal static class BusinessProfileApi
{
    public const string NodeType = "WhatsAppBusinessProfile";

    /// <summary>Where profile pictures are served: <c>/media/profile-pictures/{phone-number-id}/{upload session}</c>.</summary>
    public const string PicturePath = "/media/profile-pictures";

    public static IEndpointRouteBuilder MapBusinessProfile(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/whatsapp_business_profile").WithTags("Cloud API").WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .CountsAsManagement("phoneNumberId");
        group.MapGet("", GetAsync).WithName("GetBusinessProfile").WithSummary("Get the business profile of a phone number");
        app.MapGet(PicturePath + "/{phoneNumberId}/{sessionId}", PictureAsync).WithTags("Cloud API").WithName("GetProfilePicture")
            .WithSummary("The profile picture of a phone number: the URL GET whatsapp_business_profile answers as profile_picture_url (public, as Meta's)");
        group.MapPost("", UpdateAsync).WithName("UpdateBusinessProfile").WithSummary("Update the business profile of a phone number")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .ReadsBody(optional: true);
        return app;
    }

    /// <summary>The profile's fields, plus <c>id</c>: the profile object's own id (<see cref="BusinessProfileObjects"/>), when asked for.</summary>
    private static readonly string[] Selectable = ["id", .. BusinessProfileLimits.ReadableFields];

    private static async Task<Results<GraphJsonResult, Refusal>> GetAsync(
        CallerChannel channel, string? fields, HttpRequest request, PhoneNumberSources sources, BusinessProfileIds ids, CancellationToken cancellationToken)
    {
        var selected = FieldSelection.Parse(fields, Selectable, NodeType);
        if (!selected.Succeeded)
        {
            return new Refusal(selected.Error);
        }
        var names = selected.Value ?? BusinessProfileLimits.ReadableFields;
        var profile = await sources.For(channel.Value).GetProfileAsync(channel.Value, [.. names.Where(n => n != "id")], cancellationToken);
        if (!profile.Succeeded)
        {
            return new Refusal(profile.Error);
        }
        if (names.Contains("id") && profile.Value["data"]?.AsArray().OfType<JsonObject>().FirstOrDefault() is { } first)
        {
            first.Insert(0, "id", (await ids.GetAsync(channel.Value, cancellationToken))["id"]!.DeepClone());
        }
        // Parley's own picture URL is a path: answer it absolute, as Meta does.
        foreach (var entry in profile.Value["data"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (entry["profile_picture_url"]?.GetValue<string>() is { } url && url.StartsWith('/'))
            {
                entry["profile_picture_url"] = $"{request.Scheme}://{request.Host}{request.PathBase}{url}";
            }
        }
        return new GraphJsonResult(profile.Value);
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> UpdateAsync(
        CallerChannel channel, JsonBody body, JsonObjectBody raw, PhoneNumberSources sources, CancellationToken cancellationToken)
    {
        var update = BusinessProfileRules.ParseUpdate(body.Root);
        if (!update.Succeeded)
        {
            return new Refusal(update.Error);
        }
        return await sources.For(channel.Value).UpdateProfileAsync(channel.Value, update.Value, raw.Value, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>
    /// The bytes of the number's current profile picture, to anyone with the URL (Meta's picture URLs are public CDN
    /// links); 404 when the number has another picture or none.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> PictureAsync(
        string phoneNumberId, string sessionId, ChannelDirectory access, PhoneNumberDirectory directory, UploadSessions uploads, CancellationToken cancellationToken)
    {
        if (await access.GetChannelAsync(phoneNumberId, cancellationToken) is not { } channel)
        {
            return TypedResults.NotFound();
        }
        var view = await directory.GetAsync(channel, cancellationToken);
        if (await uploads.FindHandleAsync(view.Profile.ProfilePictureHandle, channel.AccountId, cancellationToken) is not { } picture
            || picture.Id != sessionId || uploads.Open(picture) is not { } bytes)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Stream(bytes, picture.FileType == "image/jpg" ? "image/jpeg" : picture.FileType);
    }

    /// <summary>
    /// The asked-for fields that are set (Graph leaves unset fields out), then <c>messaging_product</c>.
    /// <c>profile_picture_url</c> is the Parley URL of the picture whose upload handle was set.
    /// </summary>
    internal static JsonObject Render(BusinessProfile profile, string? pictureUrl, IEnumerable<string> fields)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            JsonNode? value = field switch
            {
                "about" => Text(profile.About),
                "address" => Text(profile.Address),
                "description" => Text(profile.Description),
                "email" => Text(profile.Email),
                "vertical" => Text(profile.Vertical),
                "profile_picture_url" => pictureUrl is null ? null : JsonValue.Create(pictureUrl),
                "websites" => profile.Websites.Count == 0 ? null : new JsonArray([.. profile.Websites.Select(w => (JsonNode)w)]),
                _ => null,
            };
            if (value is not null)
            {
                json[field] = value;
            }
        }
        json["messaging_product"] = "whatsapp";
        return json;
    }

    private static JsonValue? Text(string value) => value.Length == 0 ? null : JsonValue.Create(value);
}
