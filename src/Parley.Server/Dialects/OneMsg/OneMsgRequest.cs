using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Microsoft.AspNetCore.Http.Features;
using Parley.Core.Errors;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>What the 1msg edge reads of a request: the channel token and, for POSTs, the body as a JSON object.</summary>
internal static class OneMsgRequest
{
    public const string TokenParameter = "token";

    /// <summary>
    /// The token: the <c>token</c> query parameter (seed 000: "must be added to each request in the GET parameter 'token'"),
    /// or, as the seed's "Authorize HTTP header", <c>Authorization: Bearer</c> or a <c>token</c> header.
    /// </summary>
    public static string? Token(HttpRequest request)
    {
        if (request.Query[TokenParameter].ToString() is { Length: > 0 } query)
        {
            return query;
        }
        if (AuthorizationHeader.Bearer(request) is { Length: > 0 } bearer)
        {
            return bearer;
        }
        return request.Headers[TokenParameter].ToString() is { Length: > 0 } header ? header : null;
    }

    /// <summary>
    /// A JSON, form-urlencoded or multipart body as a JSON object (form values are strings), of at most
    /// <paramref name="maxBytes"/>. A multipart body's files stay in the form: <see cref="File"/> reads them.
    /// </summary>
    public static async Task<Outcome<JsonObject>> BodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0 && !request.HasFormContentType)
        {
            return new JsonObject();
        }
        if (request.HasFormContentType)
        {
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBytes;
            }
            return request.ContentLength > maxBytes ? TooLarge(maxBytes) : await FormAsync(request, maxBytes, cancellationToken);
        }
        var body = await GraphRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return body.Error;
        }
        // The parsed document lives as long as the request; the object is a node over it, not a second parse.
        request.HttpContext.Response.RegisterForDispose(body.Value);
        return body.Value.RootElement.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(body.Value.RootElement)!
            : ErrorCatalog.InvalidParameter.With("The request body must be a JSON object.");
    }

    /// <summary>The multipart file named <paramref name="field"/>, once <see cref="BodyAsync"/> has read the form; null otherwise.</summary>
    public static IFormFile? File(HttpRequest request, string field) =>
        request.HasFormContentType && request.HttpContext.Features.Get<IFormFeature>()?.Form is { } form ? form.Files.GetFile(field) : null;

    private static WhatsAppError TooLarge(long maxBytes) =>
        ErrorCatalog.RequestTooLarge.With($"The request body is larger than the limit of {maxBytes} bytes.");

    /// <summary>Form fields that hold objects or arrays: sent as JSON text in a form (seed 000 shows them as JSON).</summary>
    private static readonly HashSet<string> StructuredFields = new(StringComparer.Ordinal)
    {
        "sections", "buttons", "contacts", "params", "cards", "action", "header", "language", "values", "saved_addresses",
        "validation_errors", "flowActionPayload", "flowActionData", "webhookUrl", "components", "participants", "joinRequests",
    };

    /// <summary>
    /// A form body: every field is text (a message body may well start with <c>{</c> or <c>[</c>), except the fields
    /// that hold objects or arrays, which are parsed as JSON when they look like it.
    /// </summary>
    private static async Task<Outcome<JsonObject>> FormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            // A form value may be a base64 data URI as long as the body: the limit is the body's, not the default 4 MB.
            var options = new FormOptions { ValueLengthLimit = (int)Math.Min(maxBytes, int.MaxValue), MultipartBodyLengthLimit = maxBytes };
            form = await request.ReadFormAsync(options, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException)
        {
            return ErrorCatalog.InvalidParameter.With($"The request body could not be read: {ex.Message}");
        }
        var json = new JsonObject();
        foreach (var (key, values) in form)
        {
            var value = values.ToString();
            var trimmed = value.AsSpan().Trim();
            if (StructuredFields.Contains(key) && (trimmed.StartsWith("{") || trimmed.StartsWith("[")))
            {
                try
                {
                    json[key] = JsonNode.Parse(value);
                }
                catch (JsonException ex)
                {
                    return ErrorCatalog.InvalidParameter.With($"Invalid JSON in form field {key}: {ex.Message}");
                }
                continue;
            }
            json[key] = value;
        }
        return json;
    }
}
