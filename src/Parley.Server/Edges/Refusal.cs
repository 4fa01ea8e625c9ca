using Parley.Core.Errors;

namespace Parley.Server.Edges;

/// <summary>
/// A handler's answer that refuses the call with a catalog error: written in the wire format of the dialect whose edge
/// admitted the call (the Graph error envelope, 1msg's error body, or the Channels API error), never chosen by the handler.
/// </summary>
internal sealed class Refusal(WhatsAppError error) : IResult
{
    public WhatsAppError Error => error;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var edge = httpContext.GetEndpoint()?.Metadata.GetMetadata<EdgeMetadata>()
            ?? throw new InvalidOperationException($"{httpContext.GetEndpoint()?.DisplayName} has no dialect edge to render its errors.");
        var dialect = edge.Dialect(httpContext);
        return dialect.Render(error).ExecuteAsync(httpContext);
    }

    public static implicit operator Refusal(WhatsAppError error) => new(error);
}
