using Microsoft.Net.Http.Headers;

namespace Parley.Server.Auth;

internal static class AuthorizationHeader
{
    private const string Scheme = "Bearer ";

    /// <summary>The credential of <c>Authorization: Bearer &lt;credential&gt;</c>, or null.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }
}
