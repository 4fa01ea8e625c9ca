using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// A JSON object built field by field (Graph answers only the fields asked for), with HTTP 200 unless a status is given
/// (a block where some users failed answers its list and the error 139100 with 400).
/// </summary>
internal sealed class GraphJsonResult(JsonObject body, int status = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>Graph writes <c>+1 555-555-5555</c> as it is; the default encoder would escape the <c>+</c>.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonObject Body => body;

    public int? StatusCode => status;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions);
        body.WriteTo(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
