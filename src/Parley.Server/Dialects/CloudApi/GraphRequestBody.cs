using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Parley.Core;
using Parley.Core.Errors;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// Reads a Graph request body into JSON. Form bodies (<c>application/x-www-form-urlencoded</c> or
/// <c>multipart/form-data</c>) become an object whose values are strings, except values that are themselves JSON
/// objects, arrays or booleans. Graph reads a top-level parameter given as a JSON-encoded string the same way in any
/// content type (<c>"template": "{…}"</c>, <c>"contacts": "[…]"</c>), so a JSON body's top-level string that holds a
/// JSON object or array is decoded too (<see cref="DecodeParameter"/>, the one rule for both). Only top-level values
/// are decoded, and never the parameters Graph types as strings (<see cref="StringParameters"/>): a <c>text.body</c>
/// or a <c>biz_opaque_callback_data</c> that looks like JSON stays the string it is.
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
            if (IsForm(request.ContentType))
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return JsonDocument.Parse(FormToJson(form).ToJsonString());
            }
            var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (!HasEncodedParameter(document.RootElement))
            {
                return document;
            }
            using (document)
            {
                return JsonDocument.Parse(DecodeParameters(document.RootElement).ToJsonString());
            }
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

    /// <summary>
    /// What <c>HttpRequest.HasFormContentType</c> answers, read from the header without creating the request's form
    /// feature (which that property does on every call, form or not).
    /// </summary>
    private static bool IsForm(string? contentType)
    {
        var mediaType = contentType.AsSpan();
        var end = mediaType.IndexOf(';');
        mediaType = (end < 0 ? mediaType : mediaType[..end]).Trim();
        return mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    private static WhatsAppError TooLarge(long maxBytes) =>
        ErrorCatalog.RequestTooLarge.With($"The request body is larger than the limit of {maxBytes} bytes.");

    /// <summary>
    /// Top-level parameters whose schema is a string in Meta's API, though their text may look like JSON: the opaque
    /// callback data a business chooses, the business profile's free text, a callback's URL and verify token, and a
    /// flow's <c>flow_json</c> (and 1msg's <c>flowJson</c>, whose JSON bodies are read here too: kept as written, so that
    /// its validation errors name its lines).
    /// </summary>
    private static readonly HashSet<string> StringParameters = new(StringComparer.Ordinal)
    {
        "biz_opaque_callback_data", "about", "address", "description", "email", "verify_token", "override_callback_uri", "flow_json", "flowJson",
    };

    private static JsonObject FormToJson(IFormCollection form)
    {
        var json = new JsonObject();
        foreach (var (key, values) in form)
        {
            var value = values.ToString();
            json[key] = DecodeParameter(key, value) ?? value.AsSpan().Trim() switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                _ => JsonValue.Create(value),
            };
        }
        return json;
    }

    /// <summary>
    /// A JSON body's top level holds a string that may encode an object or array (looked at in its raw bytes, so a
    /// send whose parameters are plain strings and objects allocates nothing here).
    /// </summary>
    private static bool HasEncodedParameter(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && RawLooksEncoded(JsonMarshal.GetRawUtf8Value(property.Value))
                && !StringParameters.Contains(property.Name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A raw JSON string (quotes included) whose text starts, after white space, with <c>{</c> or <c>[</c>.</summary>
    private static bool RawLooksEncoded(ReadOnlySpan<byte> raw)
    {
        var i = 1; // past the opening quote
        while (i < raw.Length)
        {
            switch (raw[i])
            {
                case (byte)' ':
                    i++;
                    continue;
                case (byte)'\\' when i + 1 < raw.Length && raw[i + 1] is (byte)'n' or (byte)'r' or (byte)'t':
                    i += 2;
                    continue;
                case (byte)'{' or (byte)'[':
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    private static JsonObject DecodeParameters(JsonElement root)
    {
        var json = new JsonObject();
        foreach (var property in root.EnumerateObject())
        {
            json[property.Name] = property.Value.ValueKind == JsonValueKind.String && DecodeParameter(property.Name, property.Value.GetString()!) is { } decoded
                ? decoded
                : JsonNode.Parse(property.Value.GetRawText());
        }
        return json;
    }

    /// <summary>
    /// The object or array a top-level parameter's string value encodes, as Graph decodes it; null when the parameter
    /// is a string one, or its value is not a JSON object or array (it then stays the string it is, and the parameter's
    /// own check says what is wrong with it).
    /// </summary>
    private static JsonNode? DecodeParameter(string name, string value)
    {
        if (!LooksEncoded(value) || StringParameters.Contains(name))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(value) is { } node && node.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array ? node : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool LooksEncoded(string? value)
    {
        var trimmed = value.AsSpan().TrimStart();
        return trimmed.StartsWith("{") || trimmed.StartsWith("[");
    }
}
