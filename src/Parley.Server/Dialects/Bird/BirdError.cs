using System.Text.Json.Nodes;
using Parley.Core.Errors;

namespace Parley.Server.Dialects.Bird;

/// <summary>
/// A Channels API error: <c>RequestError {code, message}</c>, or for 422 <c>ValidationError {code, message, details:
/// {field: [message…]}}</c> (dialects digest B.8). Bird publishes no list of codes; Parley's are stable strings.
/// </summary>
internal sealed record BirdError(int Status, string Code, string Message, IReadOnlyDictionary<string, List<string>>? Details = null) : IResult
{
    /// <summary>Bird's whole-request limit (seed 001, 413).</summary>
    public const int MaxRequestBytes = 200 * 1024;

    /// <summary>Bird's limit on one attachment's inline content (seed 001, 413).</summary>
    public const int MaxInlineAttachmentBytes = 100 * 1024;

    public static BirdError BadRequest(string message) => new(StatusCodes.Status400BadRequest, "bad_request", message);

    public static BirdError Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static BirdError NotFound(string what) => new(StatusCodes.Status404NotFound, "not_found", $"The requested resource does not exist: {what} not found");

    public static BirdError Conflict(string message) => new(StatusCodes.Status409Conflict, "conflict", message);

    public static BirdError TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, "payload_too_large", message);

    public static BirdError Invalid(IReadOnlyDictionary<string, List<string>> details) =>
        new(StatusCodes.Status422UnprocessableEntity, "invalid_parameters", "The request contains invalid parameters or body fields.", details);

    public static BirdError Invalid(string field, string message) => Invalid(new Dictionary<string, List<string>> { [field] = [message] });

    /// <summary>
    /// A WhatsApp rule the canonical message broke, as the Channels API answers it: the 24-hour window is a state
    /// conflict (409); everything else is an invalid field of the body or template (422), with WhatsApp's code and
    /// details as the message.
    /// </summary>
    public static BirdError From(WhatsAppError error, string field)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code == ErrorCatalog.ReEngagementMessage.Code)
        {
            return Conflict(error.Details);
        }
        if (error.Code == ErrorCatalog.RecipientCannotBeSender.Code)
        {
            field = "receiver";
        }
        return Invalid(field, $"{error.Message}: {error.Details}");
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Details is not null)
        {
            var details = new JsonObject();
            foreach (var (field, messages) in Details)
            {
                details[field] = new JsonArray([.. messages.Select(m => (JsonNode)JsonValue.Create(m))]);
            }
            json["details"] = details;
        }
        return json;
    }

    public Task ExecuteAsync(HttpContext httpContext) => new BirdResult(Status, ToJson()).ExecuteAsync(httpContext);
}

/// <summary>A Channels API answer: a status and a JSON body (camelCase, as the Channels API writes it).</summary>
internal sealed class BirdResult(int status, JsonNode body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => status;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted);
    }
}
