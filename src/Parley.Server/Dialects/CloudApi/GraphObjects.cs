using System.Reflection;
using System.Text.Json;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>The kinds of Graph object reachable by id alone, as <c>/{version}/{id}</c>.</summary>
internal enum GraphObjectKind
{
    PhoneNumber,
    Media,
    Template,
    BusinessAccount,
    Group,
    Flow,
    BusinessProfile,
}

/// <summary>
/// The object a <c>/{version}/{id}</c> call names, found once by the Graph edge: its kind, its stored record, and its
/// owner (a channel, or a business account), whom the caller's token must reach.
/// </summary>
internal sealed record GraphObject(GraphObjectKind Kind, string Id, object Record, string? ChannelId, string? AccountId) : IBindableFromHttpContext<GraphObject>
{
    public T RecordAs<T>() => (T)Record;

    public static ValueTask<GraphObject?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<GraphObject?>(EdgeCall.Of(context).Target as GraphObject ?? throw EdgeCall.Missing(parameter, "a Graph object"));
}

/// <summary>A call on a Graph object, admitted by the edge: the object, the request (for its query), and the body of a POST.</summary>
internal sealed record GraphObjectCall(GraphObject Target, HttpRequest Request, JsonElement? Body = null);

/// <summary>One kind of Graph object: finds its objects by id and answers the calls on them.</summary>
internal interface IGraphObjectKind
{
    GraphObjectKind Kind { get; }

    /// <summary>The object with this id, when it is of this kind; null otherwise.</summary>
    Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken);

    Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken) => Unsupported(call, "get");

    Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken) => Unsupported(call, "post");

    Task<IResult> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken) => Unsupported(call, "delete");

    /// <summary>Graph's answer to a method an object does not take: the same 100/33 as an unknown id.</summary>
    protected static Task<IResult> Unsupported(GraphObjectCall call, string method) =>
        Task.FromResult<IResult>(new Refusal(ErrorCatalog.UnknownObject(call.Target.Id, method)));
}

/// <summary>Every kind of Graph object: finds which kind an id is (once), and the kind that answers for it.</summary>
internal sealed class GraphObjectKinds(IEnumerable<IGraphObjectKind> kinds)
{
    private readonly IReadOnlyList<IGraphObjectKind> _kinds = [.. kinds];

    public IGraphObjectKind this[GraphObjectKind kind] => _kinds.First(k => k.Kind == kind);

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var kind in _kinds)
        {
            if (await kind.FindAsync(id, cancellationToken) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}

/// <summary><c>GET|POST|DELETE /{version}/{id}</c>: the edge finds the object's kind and owner; the kind answers.</summary>
internal static class GraphObjectsApi
{
    /// <summary>A POST may carry a group picture (multipart/form-data, up to 5 MB) with room for the form around it.</summary>
    private const long PictureBodyBytes = GroupRules.PictureMaxBytes + 64 * 1024;

    public static IEndpointRouteBuilder MapGraphObjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{id}").WithTags("Cloud API").WithEdge<GraphEdge>(CallerScope.GraphObject("id")).CountsAsManagement("id");
        group.MapGet("", (GraphObject target, HttpRequest request, GraphObjectKinds kinds, CancellationToken cancellationToken) =>
                kinds[target.Kind].GetAsync(new GraphObjectCall(target, request), cancellationToken))
            .WithName("GetGraphObject")
            .WithSummary("Get a phone number, WhatsApp Business Account, message template, media object, group or flow by id");
        group.MapPost("", (GraphObject target, JsonBody body, HttpRequest request, GraphObjectKinds kinds, CancellationToken cancellationToken) =>
                kinds[target.Kind].PostAsync(new GraphObjectCall(target, request, body.Root), cancellationToken))
            .WithName("UpdateGraphObject")
            .WithSummary("Update a message template, a WhatsApp Business Account, a group's settings (a group picture as multipart/form-data) or a draft flow's metadata, or set a phone number's two-step PIN or webhook override, by id")
            .ReadsBody(PictureBodyBytes, optional: true);
        group.MapDelete("", (GraphObject target, HttpRequest request, GraphObjectKinds kinds, CancellationToken cancellationToken) =>
                kinds[target.Kind].DeleteAsync(new GraphObjectCall(target, request), cancellationToken))
            .WithName("DeleteGraphObject")
            .WithSummary("Delete a media object, a group or a draft flow by id");
        return app;
    }
}
