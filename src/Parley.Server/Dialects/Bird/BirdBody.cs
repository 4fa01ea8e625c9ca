using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Dialects.Bird;

/// <summary>Reads a Channels request body: JSON, at most 200 KB (seed 001: larger bodies are a 413).</summary>
internal static class BirdBody
{
    public static async Task<(JsonDocument? Document, BirdError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = BirdError.MaxRequestBytes;
        }
        if (request.ContentLength > BirdError.MaxRequestBytes)
        {
            return (null, TooLarge());
        }
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = Core.Messages.Limits.MaxJsonDepth }, cancellationToken), null);
        }
        catch (JsonException ex)
        {
            return (null, BirdError.BadRequest($"The request body is not valid JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, BirdError.BadRequest($"The request body could not be read: {ex.Message}"));
        }
    }

    private static BirdError TooLarge() =>
        BirdError.TooLarge($"The request body must not exceed {BirdError.MaxRequestBytes / 1024} KB.");
}
