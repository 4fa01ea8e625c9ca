using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Parley.Core;
using Parley.Core.Errors;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// Reads a Graph request body into JSON. JSON bodies are parsed as they are; form bodies
/// (<c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>) become an object whose values are
/// strings, except values that are themselves JSON objects, arrays or booleans — as the Graph API reads them.
/// </summary>
internal static class GraphRequestBody
{
    public static async Task<Outcome<JsonDocument>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return JsonDocument.Parse(FormToJson(form).ToJsonString());
            }
            return await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ErrorCatalog.InvalidParameter.With($"Invalid JSON in request body: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        // IOException covers BadHttpRequestException and a multipart body that ends before its closing boundary.
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException)
        {
            return ErrorCatalog.InvalidParameter.With($"The request body could not be read: {ex.Message}");
        }
    }

    private static WhatsAppError TooLarge(long maxBytes) =>
        ErrorCatalog.RequestTooLarge.With($"The request body is larger than the limit of {maxBytes} bytes.");

    private static JsonObject FormToJson(IFormCollection form)
    {
        var json = new JsonObject();
        foreach (var (key, values) in form)
        {
            var value = values.ToString();
            json[key] = ParseValue(value);
        }
        return json;
    }

    private static JsonNode? ParseValue(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (trimmed.StartsWith("{") || trimmed.StartsWith("["))
        {
            return JsonNode.Parse(value); // a JsonException here is reported as invalid JSON
        }
        return trimmed switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ => JsonValue.Create(value),
        };
    }
}
