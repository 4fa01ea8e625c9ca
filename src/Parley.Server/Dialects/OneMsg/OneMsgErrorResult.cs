using System.Text.Json;
using Parley.Core.Errors;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's error body, <c>{"error": "&lt;text&gt;"}</c> (digest A.12), with the HTTP status of the catalog entry (400, 401,
/// 404, 413, 429, …). The text carries the WhatsApp code: <c>(#131008) Required parameter is missing: …</c>.
/// </summary>
internal sealed class OneMsgErrorResult(int status, string text) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public OneMsgErrorResult(WhatsAppError error) : this(StatusOf(error), TextOf(error))
    {
    }

    /// <summary><c>(#code) title: details</c>; an error worded by Meta as a whole (<see cref="WhatsAppError.MessageOverride"/>) as it is.</summary>
    public static string TextOf(WhatsAppError error) => error.MessageOverride ?? $"{error.Message}: {error.Details}";

    /// <summary>
    /// The catalog's status, except that 1msg documents no 404 (seed 000 shows only 200 answers; digest A.12 lists 400,
    /// 401, 422, 429 and 500): a refused name or id in the request, such as a template that does not exist or is not
    /// approved (132001), is 1msg's "invalid parameters" 400.
    /// </summary>
    private static int StatusOf(WhatsAppError error) =>
        error.HttpStatus == StatusCodes.Status404NotFound ? StatusCodes.Status400BadRequest : error.HttpStatus;

    public int? StatusCode => status;

    public string ContentType => "application/json; charset=utf-8";

    /// <summary>A missing or wrong token, or a token of another channel (which never learns whether the channel exists).</summary>
    public static OneMsgErrorResult WrongToken(string instanceId) =>
        new(StatusCodes.Status401Unauthorized, $"Wrong token for channel \"{instanceId}\". Please provide token as a GET parameter.");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("error", text);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
