
namespace Parley.Server.Dialects.CloudApi;

/// <summary>Endpoint metadata: a Graph management call, whose answer carries the usage headers; the route value naming its object, if any.</summary>
internal sealed record ManagementCall(string? ObjectRouteKey);

/// <summary>
/// The rate-limit usage headers Graph puts on management calls (digest §6; S <c>components.headers</c>):
/// <c>x-business-use-case-usage: {"&lt;waba-or-phone-number-id&gt;":[{"type":"whatsapp","call_count":0,…}]}</c> and
/// <c>x-app-usage: {"call_count":0,"total_cputime":0,"total_time":0}</c>. Parley enforces no management rate limit,
/// so every usage figure is 0 (percent of the limit) and there is never time to regain access; the headers are there
/// so clients that read them work unchanged. Which endpoints are management calls is their route metadata
/// (<see cref="CountsAsManagement{TBuilder}"/>); sends and Parley's own APIs are not.
/// </summary>
public static class UsageHeaders
{
    public const string BusinessUseCaseUsage = "x-business-use-case-usage";
    public const string AppUsage = "x-app-usage";
    private const string NoUsage = """{"call_count":0,"total_cputime":0,"total_time":0}""";

    /// <summary>Marks endpoints as Graph management calls; <paramref name="objectRouteKey"/> names the object the usage is counted on.</summary>
    internal static TBuilder CountsAsManagement<TBuilder>(this TBuilder builder, string? objectRouteKey) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ManagementCall(objectRouteKey));

    /// <summary>Adds the usage headers to the answers of management calls made on a well-formed Graph path.</summary>
    public static WebApplication UseManagementUsageHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var routeValues = context.Request.RouteValues;
            if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementCall>() is { } call
                && routeValues[GraphEdge.VersionRouteKey] is string version
                && GraphRequest.CheckPath(version, call.ObjectRouteKey is null ? null : routeValues[call.ObjectRouteKey] as string ?? "") is null)
            {
                var objectId = call.ObjectRouteKey is null ? null : routeValues[call.ObjectRouteKey] as string;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[AppUsage] = NoUsage;
                    if (objectId is not null)
                    {
                        context.Response.Headers[BusinessUseCaseUsage] =
                            $$"""{"{{objectId}}":[{"type":"whatsapp","call_count":0,"total_cputime":0,"total_time":0,"estimated_time_to_regain_access":0}]}""";
                    }
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        return app;
    }
}
