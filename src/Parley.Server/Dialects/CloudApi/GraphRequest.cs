using System.Text.RegularExpressions;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Versions;
using Parley.Server.Auth;

namespace Parley.Server.Dialects.CloudApi;

/// <summary>What every Graph call checks first: the version segment, the object id, the bearer token.</summary>
internal static partial class GraphRequest
{
    [GeneratedRegex("^[0-9]{1,32}$")]
    private static partial Regex ObjectIdPattern();

    /// <summary>The version segment (a version Parley knows, <see cref="GraphVersions"/>), and the object id when the path names one.</summary>
    public static WhatsAppError? CheckPath(string version, string? objectId, string method = "post")
    {
        if (GraphVersions.Check(version) is { Succeeded: false } versionError)
        {
            return versionError.Error;
        }
        return objectId is null || ObjectIdPattern().IsMatch(objectId) || GroupIds.PhoneNumberIdOf(objectId) is not null ? null : ErrorCatalog.UnknownObject(objectId, method);
    }

    /// <summary>
    /// The token from <c>Authorization: Bearer</c> (or Graph's <c>OAuth</c> scheme, which the Resumable Upload API
    /// documents), or the Graph API's <c>access_token</c> query parameter.
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        if ((AuthorizationHeader.Bearer(request) ?? AuthorizationHeader.OAuth(request)) is { } token)
        {
            return token;
        }
        var query = request.Query["access_token"].ToString();
        return query.Length > 0 ? query : null;
    }
}
