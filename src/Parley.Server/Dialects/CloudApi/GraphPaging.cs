using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>
/// Graph's cursor paging object: <c>{"cursors": {"before", "after"}, "next"?, "previous"?}</c>, the links being this
/// request's URL with the other cursor (and the credential, <c>access_token</c> unless a dialect names its own) removed
/// and the cursor set.
/// </summary>
internal static class GraphPaging
{
    /// <summary>The paging of a page whose first and last items have the cursors <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static JsonObject Of(HttpRequest request, string before, string after, bool hasPrevious, bool hasNext, string tokenParameter = "access_token")
    {
        var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = before, ["after"] = after } };
        if (hasNext)
        {
            paging["next"] = Link(request, "after", after, tokenParameter);
        }
        if (hasPrevious)
        {
            paging["previous"] = Link(request, "before", before, tokenParameter);
        }
        return paging;
    }

    private static string Link(HttpRequest request, string name, string cursor, string tokenParameter)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not ("after" or "before") && p.Key != tokenParameter)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>(name, cursor));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }
}
