using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.BusinessPhones;

/// <summary>What every phone-number call checks first: the path, the token's access to the channel, and the body.</summary>
internal static class PhoneNumberRequest
{
    public static async Task<Outcome<Channel>> AuthorizeAsync(string version, string phoneNumberId, HttpRequest request, ChannelAccess access, string method, CancellationToken cancellationToken)
    {
        if (GraphRequest.CheckPath(version, phoneNumberId, method) is { } pathError)
        {
            return pathError;
        }
        var channel = await access.AuthorizeAsync(GraphRequest.BearerToken(request), phoneNumberId, cancellationToken);
        return channel.Succeeded ? channel : Worded(channel.Error, phoneNumberId, method);
    }

    /// <summary>The "object does not exist" error (100/33) worded for this call's method, as Graph words it; other errors as they are.</summary>
    public static WhatsAppError Worded(WhatsAppError error, string id, string method) =>
        error.Subcode == 33 ? ErrorCatalog.UnknownObject(id, method) : error;

    /// <summary>The JSON (or form, or multipart) body; an absent body reads as <c>{}</c>.</summary>
    public static async Task<Outcome<JsonDocument>> ReadBodyAsync(HttpRequest request, IOptions<ParleyOptions> options, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return JsonDocument.Parse("{}");
        }
        return await GraphRequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
    }

    /// <summary>The body as a JSON object (what a relaying source posts as sent); a body that is not an object reads as <c>{}</c>.</summary>
    public static async Task<Outcome<JsonObject>> ReadObjectAsync(HttpRequest request, IOptions<ParleyOptions> options, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, options, cancellationToken);
        if (!body.Succeeded)
        {
            return body.Error;
        }
        using var document = body.Value;
        return document.RootElement.ValueKind == JsonValueKind.Object ? JsonObject.Create(document.RootElement.Clone())! : [];
    }

    /// <summary>A string property, or <c>null</c> when absent or not a string.</summary>
    public static string? String(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
