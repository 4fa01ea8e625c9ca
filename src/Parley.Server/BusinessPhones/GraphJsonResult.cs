using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.BusinessPhones;

/// <summary>A 200 with a JSON object built field by field (Graph answers only the fields asked for).</summary>
internal sealed class GraphJsonResult(JsonObject body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public JsonObject Body => body;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        body.WriteTo(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
