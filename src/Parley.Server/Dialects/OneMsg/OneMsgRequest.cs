using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Microsoft.AspNetCore.Http.Features;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>What every 1msg call checks first: the channel token and, for POSTs, the body as a JSON object.</summary>
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

    /// <summary>The channel whose phone number id is <paramref name="instanceId"/>, when the token may use it.</summary>
    public static async Task<Outcome<Channel>> AuthorizeAsync(HttpRequest request, string instanceId, ChannelAccess access, CancellationToken cancellationToken)
    {
        var authorized = await access.AuthorizeAsync(Token(request), instanceId, cancellationToken);
        return authorized.Succeeded ? authorized.Value : ErrorCatalog.InvalidAccessToken.With(OneMsgErrorResult.WrongToken(instanceId).Text);
    }

    /// <summary>
    /// What most 1msg methods start with: the channel the token may use (else 1msg's wrong-token answer) and the body
    /// (else its error). Exactly one of <see cref="OneMsgCall.Error"/> and the channel with its body is set.
    /// </summary>
    public static async Task<OneMsgCall> ReadAsync(HttpRequest request, string instanceId, ChannelAccess access, long maxBytes, CancellationToken cancellationToken)
    {
        var authorized = await AuthorizeAsync(request, instanceId, access, cancellationToken);
        if (!authorized.Succeeded)
        {
            return new OneMsgCall(null, null, OneMsgErrorResult.WrongToken(instanceId));
        }
        var body = await BodyAsync(request, maxBytes, cancellationToken);
        return body.Succeeded ? new OneMsgCall(authorized.Value, body.Value, null) : new OneMsgCall(null, null, new OneMsgErrorResult(body.Error));
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
        using var document = body.Value;
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return ErrorCatalog.InvalidParameter.With("The request body must be a JSON object.");
        }
        return JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
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
        "validation_errors", "flowActionPayload", "flowActionData", "webhookUrl", "components",
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

/// <summary>An authorized 1msg call with its body, or the error to answer instead.</summary>
internal sealed record OneMsgCall(Channel? Channel, JsonObject? Body, OneMsgErrorResult? Error);
