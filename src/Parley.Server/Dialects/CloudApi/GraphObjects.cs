using Parley.Core.Errors;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>A call on a Graph object addressed by id alone: <c>GET|POST|DELETE /{version}/{id}</c>.</summary>
/// <param name="Version">The version segment, already checked.</param>
/// <param name="Id">The object id, already checked to be digits.</param>
internal sealed record GraphObjectCall(string Version, string Id, HttpRequest Request);

/// <summary>
/// One kind of Graph object reachable as <c>/{version}/{id}</c> (a phone number, a template, a media object). Each
/// answers <c>null</c> for ids that are not of its kind, so the ids of all kinds share one route.
/// </summary>
internal interface IGraphObjectHandler
{
    Task<IResult?> GetAsync(GraphObjectCall call, CancellationToken cancellationToken);

    Task<IResult?> PostAsync(GraphObjectCall call, CancellationToken cancellationToken);

    Task<IResult?> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken);
}

/// <summary>Routes <c>/{version}/{id}</c> to the handler whose kind the id is; an id of no kind is Graph's 100/33.</summary>
internal static class GraphObjectsApi
{
    public static IEndpointRouteBuilder MapGraphObjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{id}").WithTags("Cloud API");
        group.MapGet("", (string version, string id, HttpRequest request, IEnumerable<IGraphObjectHandler> handlers, CancellationToken cancellationToken) =>
                DispatchAsync(new GraphObjectCall(version, id, request), "get", handlers, (h, c, ct) => h.GetAsync(c, ct), cancellationToken))
            .WithName("GetGraphObject")
            .WithSummary("Get a phone number, message template or media object by id");
        group.MapPost("", (string version, string id, HttpRequest request, IEnumerable<IGraphObjectHandler> handlers, CancellationToken cancellationToken) =>
                DispatchAsync(new GraphObjectCall(version, id, request), "post", handlers, (h, c, ct) => h.PostAsync(c, ct), cancellationToken))
            .WithName("UpdateGraphObject")
            .WithSummary("Update a message template by id")
            .DisableAntiforgery();
        group.MapDelete("", (string version, string id, HttpRequest request, IEnumerable<IGraphObjectHandler> handlers, CancellationToken cancellationToken) =>
                DispatchAsync(new GraphObjectCall(version, id, request), "delete", handlers, (h, c, ct) => h.DeleteAsync(c, ct), cancellationToken))
            .WithName("DeleteGraphObject")
            .WithSummary("Delete a media object by id");
        return app;
    }

    private static async Task<IResult> DispatchAsync(
        GraphObjectCall call,
        string method,
        IEnumerable<IGraphObjectHandler> handlers,
        Func<IGraphObjectHandler, GraphObjectCall, CancellationToken, Task<IResult?>> invoke,
        CancellationToken cancellationToken)
    {
        if (GraphRequest.CheckPath(call.Version, call.Id, method) is { } pathError)
        {
            return new GraphErrorResult(pathError);
        }
        foreach (var handler in handlers)
        {
            if (await invoke(handler, call, cancellationToken) is { } result)
            {
                return result;
            }
        }
        return new GraphErrorResult(ErrorCatalog.UnknownObject(call.Id, method));
    }
}
