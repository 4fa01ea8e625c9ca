using Microsoft.Net.Http.Headers;

namespace Parley.Server.Auth;

internal static class AuthorizationHeader
{
    /// <summary>The credential of <c>Authorization: Bearer &lt;credential&gt;</c>, or null.</summary>
    public static string? Bearer(HttpRequest request) => Credential(request, "Bearer ");

    /// <summary>The credential of <c>Authorization: OAuth &lt;credential&gt;</c> (Graph's own scheme), or null.</summary>
    public static string? OAuth(HttpRequest request) => Credential(request, "OAuth ");

    private static string? Credential(HttpRequest request, string scheme)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
