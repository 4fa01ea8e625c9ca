using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.BusinessPhones;

/// <summary>A 200 with a JSON object built field by field (Graph answers only the fields asked for).</summary>
internal sealed class GraphJsonResult(JsonObject body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>Graph writes <c>+1 555-555-5555</c> as it is; the default encoder would escape the <c>+</c>.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonObject Body => body;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions);
        body.WriteTo(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
