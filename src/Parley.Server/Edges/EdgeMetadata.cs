namespace Parley.Server.Edges;

/// <summary>What a route names that the caller's credential must reach before the handler runs.</summary>
internal enum CallerKind
{
    /// <summary>A channel (business phone number) named by a route value.</summary>
    Channel,

    /// <summary>A business account (WABA) named by a route value.</summary>
    Account,

    /// <summary>Any live token.</summary>
    Token,

    /// <summary>An object of the dialect named by a route value (a Graph object by id); the token must reach its owner.</summary>
    Object,

}

/// <summary>Who may call an endpoint: a <see cref="CallerKind"/> and the route value that names it.</summary>
internal sealed record CallerScope(CallerKind Kind, string RouteKey)
{
    public static CallerScope Channel(string routeKey) => new(CallerKind.Channel, routeKey);

    public static CallerScope Account(string routeKey) => new(CallerKind.Account, routeKey);

    public static CallerScope GraphObject(string routeKey) => new(CallerKind.Object, routeKey);

    public static CallerScope AnyToken { get; } = new(CallerKind.Token, "");

    /// <summary>Any live token, on a path whose object id <paramref name="routeKey"/> names (checked as an id, not authorized).</summary>
    public static CallerScope TokenOn(string routeKey) => new(CallerKind.Token, routeKey);

}

/// <summary>Endpoint metadata: the dialect edge (a service type implementing <see cref="IDialectEdge"/>) that admits calls.</summary>
internal sealed record EdgeMetadata(Type Edge, CallerScope Caller)
{
    /// <summary>The edge itself, from the request's services.</summary>
    public IDialectEdge Dialect(HttpContext context) => (IDialectEdge)context.RequestServices.GetRequiredService(Edge);
}

/// <summary>
/// Endpoint metadata: the endpoint reads a body, which the edge reads (bounded) before the handler runs. The limit is
/// <c>Parley:MaxRequestBodyBytes</c>, or <paramref name="AtLeastBytes"/> when that is larger (a file sent inline). An
/// <paramref name="Optional"/> body may be absent and then reads as <c>{}</c>.
/// </summary>
internal sealed record BodyMetadata(long AtLeastBytes = 0, bool Optional = false);

internal static class EdgeConventions
{
    /// <summary>Every endpoint of <paramref name="group"/> is admitted by <typeparamref name="TEdge"/> for <paramref name="caller"/>.</summary>
    public static RouteGroupBuilder WithEdge<TEdge>(this RouteGroupBuilder group, CallerScope caller) where TEdge : IDialectEdge =>
        group.WithMetadata(new EdgeMetadata(typeof(TEdge), caller));

    /// <summary>Overrides the group's caller scope for one endpoint.</summary>
    public static RouteHandlerBuilder WithEdge<TEdge>(this RouteHandlerBuilder endpoint, CallerScope caller) where TEdge : IDialectEdge =>
        endpoint.WithMetadata(new EdgeMetadata(typeof(TEdge), caller));

    /// <summary>The edge reads the body (JSON, form or multipart, as the dialect takes them) before the handler runs.</summary>
    public static RouteHandlerBuilder ReadsBody(this RouteHandlerBuilder endpoint, long atLeastBytes = 0, bool optional = false) =>
        endpoint.WithMetadata(new BodyMetadata(atLeastBytes, optional)).DisableAntiforgery();
}
