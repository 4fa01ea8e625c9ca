using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core.Profiles;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// <c>GET|POST /{version}/{phone-number-id}/whatsapp_business_profile</c> (digest §5.3): read the profile's fields as
/// <c>{"data":[{…,"messaging_product":"whatsapp"}]}</c>; update some of them, answering <c>{"success":true}</c>.
/// </summary>
internal static class BusinessProfileApi
{
    public const string NodeType = "WhatsAppBusinessProfile";

    public static IEndpointRouteBuilder MapBusinessProfile(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/whatsapp_business_profile").WithTags("Cloud API");
        group.MapGet("", GetAsync).WithName("GetBusinessProfile").WithSummary("Get the business profile of a phone number");
        group.MapPost("", UpdateAsync).WithName("UpdateBusinessProfile").WithSummary("Update the business profile of a phone number")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<GraphJsonResult, GraphErrorResult>> GetAsync(
        string version, string phoneNumberId, string? fields, HttpRequest request, ChannelAccess access, PhoneNumberSources sources, CancellationToken cancellationToken)
    {
        var channel = await PhoneNumberRequest.AuthorizeAsync(version, phoneNumberId, request, access, "get", cancellationToken);
        if (!channel.Succeeded)
        {
            return new GraphErrorResult(channel.Error);
        }
        var selected = FieldSelection.Parse(fields, BusinessProfileLimits.ReadableFields, NodeType);
        if (!selected.Succeeded)
        {
            return new GraphErrorResult(selected.Error);
        }
        var profile = await sources.For(channel.Value).GetProfileAsync(channel.Value, selected.Value ?? BusinessProfileLimits.ReadableFields, cancellationToken);
        return profile.Succeeded ? new GraphJsonResult(profile.Value) : new GraphErrorResult(profile.Error);
    }

    private static async Task<Results<Ok<SuccessResponse>, GraphErrorResult>> UpdateAsync(
        string version, string phoneNumberId, HttpRequest request, ChannelAccess access, PhoneNumberSources sources,
        IOptions<ParleyOptions> options, CancellationToken cancellationToken)
    {
        var channel = await PhoneNumberRequest.AuthorizeAsync(version, phoneNumberId, request, access, "post", cancellationToken);
        if (!channel.Succeeded)
        {
            return new GraphErrorResult(channel.Error);
        }
        var body = await PhoneNumberRequest.ReadBodyAsync(request, options, cancellationToken);
        if (!body.Succeeded)
        {
            return new GraphErrorResult(body.Error);
        }
        using var document = body.Value;
        var update = BusinessProfileRules.ParseUpdate(document.RootElement);
        if (!update.Succeeded)
        {
            return new GraphErrorResult(update.Error);
        }
        var raw = JsonNode.Parse(document.RootElement.GetRawText()) as JsonObject ?? [];
        return await sources.For(channel.Value).UpdateProfileAsync(channel.Value, update.Value, raw, cancellationToken) is { } error
            ? new GraphErrorResult(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>
    /// The asked-for fields that are set (Graph leaves unset fields out), then <c>messaging_product</c>.
    /// <c>profile_picture_url</c> is left out: Parley keeps the upload handle but hosts no picture.
    /// </summary>
    internal static JsonObject Render(BusinessProfile profile, IEnumerable<string> fields)
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
