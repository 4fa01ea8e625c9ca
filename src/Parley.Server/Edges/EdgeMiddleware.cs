namespace Parley.Server.Edges;

/// <summary>
/// Runs the dialect edge of the matched endpoint (its <see cref="EdgeMetadata"/>) before the endpoint: a refused call
/// is answered in the dialect's format and never reaches the handler.
/// </summary>
internal sealed class EdgeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<EdgeMetadata>() is not { } edge)
        {
            await next(context);
            return;
        }
        var call = new EdgeCall();
        context.Features.Set(call);
        var dialect = edge.Dialect(context);
        if (await dialect.AdmitAsync(context, call, edge, endpoint.Metadata.GetMetadata<BodyMetadata>()) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        if (call.Body is IDisposable disposable)
        {
            context.Response.RegisterForDispose(disposable);
        }
        await next(context);
    }
}
