using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Parley.Core.Versions;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// Graph settings, bound from <c>Parley:Graph</c>: <c>DefaultVersion</c> is the version of calls without a version
/// segment (Meta resolves those to the app's default version), the newest Parley knows unless set.
/// </summary>
public sealed record GraphOptions
{
    public const string Section = "Parley:Graph";

    public string DefaultVersion { get; init; } = GraphVersions.NewestName;
}

/// <summary>
/// Graph calls without a version segment (<c>POST /{phone-number-id}/messages</c>, <c>GET /{media-id}</c>,
/// <c>/upload:{session}</c>): the path is routed once as it is; when its first segment is a Graph id (digits) or an
/// upload session and no non-Graph endpoint took it (a 1msg method of that HTTP method keeps its path: 1msg owns
/// <c>/{instanceId}/{method}</c>), the default version is put in front and the path is routed again. A path that
/// starts with a version, well-formed or not, is never touched, so bad versions keep their error.
/// </summary>
public static class UnversionedGraphPaths
{
    private const int IdMaxLength = 32;
    private const string OriginalPathKey = "Parley.UnversionedGraphPath";

    /// <summary>Routes every request (this is where routing runs), then routes unversioned Graph paths again with the default version.</summary>
    public static WebApplication UseUnversionedGraphPaths(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var defaultVersion = "/" + app.Services.GetRequiredService<IOptions<GraphOptions>>().Value.DefaultVersion;
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (IsUnversionedGraphCall(context))
            {
                context.Items[OriginalPathKey] = context.Request.Path;
                context.Request.Path = defaultVersion + context.Request.Path;
                context.Request.RouteValues.Clear();
                context.SetEndpoint(null);
            }
            return next(context);
        });
        app.UseRouting();
        app.Use((context, next) =>
        {
            // no Graph endpoint under the default version either: the path is unknown as the caller wrote it
            if (context.Items.Remove(OriginalPathKey, out var original) && original is PathString path && !IsGraphRoute(context.GetEndpoint()))
            {
                context.Request.Path = path;
            }
            return next(context);
        });
        return app;
    }

    private static bool IsGraphRoute(Endpoint? endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.PathSegments: [{ Parts: [RoutePatternParameterPart { Name: GraphEdge.VersionRouteKey }] }, ..] };

    private static bool IsUnversionedGraphCall(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.Length < 2)
        {
            return false;
        }
        var end = path.IndexOf('/', 1);
        var first = end < 0 ? path.AsSpan(1) : path.AsSpan(1, end - 1);
        var graphId = first.Length is > 0 and <= IdMaxLength && !first.ContainsAnyExceptInRange('0', '9');
        if (!graphId && !first.StartsWith(Core.Media.ResumableUploadRules.SessionPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        return !TakenByAnotherDialect(context.GetEndpoint());
    }

    /// <summary>
    /// An endpoint whose first segment is a parameter other than Graph's <c>{version}</c> (1msg's <c>{instanceId}</c>)
    /// took the path; Graph's own routes (with the id in the version's place), the fallback and 405s did not.
    /// </summary>
    private static bool TakenByAnotherDialect(Endpoint? endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.PathSegments: [{ Parts: [RoutePatternParameterPart { IsCatchAll: false } parameter] }, ..] }
        && parameter.Name != GraphEdge.VersionRouteKey;
}
