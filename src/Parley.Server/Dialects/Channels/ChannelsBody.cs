using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Dialects.Channels;

/// <summary>Reads a Channels request body: JSON, at most 200 KB (seed 001: larger bodies are a 413).</summary>
internal static class ChannelsBody
{
    public static async Task<(JsonDocument? Document, ChannelsError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ChannelsError.MaxRequestBytes;
        }
        if (request.ContentLength > ChannelsError.MaxRequestBytes)
        {
            return (null, TooLarge());
        }
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = Core.Messages.Limits.MaxJsonDepth }, cancellationToken), null);
        }
        catch (JsonException ex)
        {
            return (null, ChannelsError.BadRequest($"The request body is not valid JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, ChannelsError.BadRequest($"The request body could not be read: {ex.Message}"));
        }
    }

    private static ChannelsError TooLarge() =>
        ChannelsError.TooLarge($"The request body must not exceed {ChannelsError.MaxRequestBytes / 1024} KB.");
}
