using System.Text.Json;
using Parley.Core.Errors;
using Parley.Core.Ids;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// The Graph API error envelope:
/// <c>{"error":{"message":"(#code) title","type","code","error_data":{"messaging_product","details"},"error_subcode","fbtrace_id"}}</c>.
/// </summary>
internal sealed class GraphErrorResult(WhatsAppError error) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public WhatsAppError Error => error;

    public int? StatusCode => error.HttpStatus;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = error.HttpStatus;
        response.ContentType = ContentType;
        if (error.HttpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = $"OAuth \"Facebook Platform\" \"invalid_token\" \"{error.Message}\"";
        }
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        Write(writer, error);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void Write(Utf8JsonWriter w, WhatsAppError error)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", error.Message);
        w.WriteString("type", error.Definition.GraphType);
        w.WriteNumber("code", error.Code);
        w.WriteStartObject("error_data");
        w.WriteString("messaging_product", "whatsapp");
        w.WriteString("details", error.Details);
        w.WriteEndObject();
        if (error.Subcode is { } subcode)
        {
            w.WriteNumber("error_subcode", subcode);
        }
        if (error.Definition.IsTransient)
        {
            w.WriteBoolean("is_transient", true);
        }
        w.WriteString("fbtrace_id", MessageIds.RandomToken(16));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
