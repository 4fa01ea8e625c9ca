using Microsoft.AspNetCore.Routing.Matching;
using Parley.Core.Errors;
using Parley.Server.Edges;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// Paths under the 1msg instance prefix that are not 1msg methods (<c>/{instanceId}/noSuchMethod</c>, or a method with the
/// wrong HTTP method) answer in 1msg's error body (digest A.12), after the token is checked, instead of falling through to
/// the Cloud API's unversioned Graph paths (<c>/{phone-number-id}/messages</c>, <c>/{waba-id}/flows</c>), which share the
/// <c>/{digits}/…</c> shape. The rule that tells the two apart, when no endpoint of either serves the path as written
/// (<see cref="Claims"/>): the call is 1msg's when it carries 1msg's credential (the <c>token</c> query parameter or a
/// <c>token</c> header; Graph's are <c>Authorization: Bearer</c> and <c>access_token</c>), or when it names a camelCase
/// method (<c>sendOrderStatus</c>: Graph's edges are lower_snake_case). Otherwise it is a Graph call, as before; and a call
/// with only Graph's credential is Graph's even where 1msg has a method of that name (<c>GET /{waba-id}/flows</c>).
/// </summary>
internal static class OneMsgUnknownMethods
{
    private const string GraphAccessTokenParameter = "access_token";

    public static void MapOneMsgUnknownMethods(this RouteGroupBuilder group) =>
        group.Map("/{**method}", (HttpRequest request, string? method) => Unknown(request.Method, method))
            .WithMetadata(new OneMsgCatchAll())
            .WithSummary("1msg: any other path (answered with 1msg's error)")
            .ExcludeFromDescription();

    /// <summary>
    /// 1msg methods the digest lists (A.6, from 1msg's MCP server, not seed 000) that Parley refuses, with the reason.
    /// </summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        // MCP: "beta scaffold" with free-form body/interactive/action and regions IN, SG, BR; the Cloud API has no
        // payment request message of its own (India's payments are order_details, which sendOrderDetails covers).
        ["sendPaymentRequest"] = "sendPaymentRequest is a beta scaffold in 1msg with no defined message; the Cloud API has no payment request message (payments in India are order details)",
    };

    private static Refusal Unknown(string httpMethod, string? method) =>
        method is not null && Refused.TryGetValue(method, out var reason) && httpMethod == HttpMethods.Post
            ? new(ErrorCatalog.UnsupportedMessageType.With(reason + "."))
            : new(ErrorCatalog.UnknownPath.With($"Unknown method: {httpMethod} /{method} is not a 1msg method."));

    /// <summary>The call is 1msg's: its credential is 1msg's, or it names a camelCase method.</summary>
    public static bool Claims(HttpRequest request)
    {
        if (request.Query.ContainsKey(GraphAccessTokenParameter))
        {
            return false;
        }
        if (request.Query.ContainsKey(OneMsgRequest.TokenParameter) || request.Headers.ContainsKey(OneMsgRequest.TokenParameter))
        {
            return true;
        }
        var path = request.Path.Value ?? "";
        var second = path.IndexOf('/', 1);
        return second > 0 && path.AsSpan(second).ContainsAnyInRange('A', 'Z');
    }

    /// <summary>Graph's credential: an <c>Authorization</c> header (<c>Bearer</c>, or <c>OAuth</c> for uploads) or <c>access_token</c>.</summary>
    public static bool HasGraphCredential(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Query.ContainsKey(GraphAccessTokenParameter);

    /// <summary>Endpoint metadata of the catch-all route.</summary>
    internal sealed class OneMsgCatchAll;
}

/// <summary>
/// Routing's choice between 1msg's catch-all and the other routes that match a <c>/{digits}/…</c> path (Graph's
/// <c>/{version}/{id}</c> takes two segments too): a call 1msg <see cref="OneMsgUnknownMethods.Claims"/> keeps only 1msg's
/// endpoints (a known method still wins over the catch-all by route precedence); any other call never reaches the
/// catch-all, so the unversioned Graph paths are routed as before.
/// </summary>
internal sealed class OneMsgUnknownMethodPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <summary>After the HTTP method policy.</summary>
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<OneMsgUnknownMethods.OneMsgCatchAll>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var catchAll = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<OneMsgUnknownMethods.OneMsgCatchAll>() is not null)
            {
                catchAll = i;
            }
        }
        if (catchAll < 0)
        {
            return Task.CompletedTask;
        }
        if (!OneMsgUnknownMethods.Claims(httpContext.Request))
        {
            candidates.SetValidity(catchAll, false);
            if (OneMsgUnknownMethods.HasGraphCredential(httpContext.Request))
            {
                // Graph's credential alone: a Graph call even where 1msg has a method of the name (GET /{waba-id}/flows).
                Keep(candidates, keepOneMsg: false);
            }
            return Task.CompletedTask;
        }
        Keep(candidates, keepOneMsg: true);
        return Task.CompletedTask;
    }

    /// <summary>Invalidates the candidates of the other dialect: those without 1msg's edge, or those with it.</summary>
    private static void Keep(CandidateSet candidates, bool keepOneMsg)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && (candidates[i].Endpoint.Metadata.GetMetadata<EdgeMetadata>()?.Edge == typeof(OneMsgEdge)) != keepOneMsg)
            {
                candidates.SetValidity(i, false);
            }
        }
    }
}
