using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;

namespace Parley.Server.Auth;

/// <summary>The admin key in force: configured, or generated at start (and printed once).</summary>
internal sealed class AdminKey(IOptions<ParleyOptions> options)
{
    public const string Header = "X-Admin-Key";

    public bool Generated { get; } = string.IsNullOrEmpty(options.Value.AdminKey);

    public string Value { get; } = string.IsNullOrEmpty(options.Value.AdminKey) ? "adm_" + Core.Ids.MessageIds.RandomToken(24) : options.Value.AdminKey;

    /// <summary>Whether the request presents the key, as <c>X-Admin-Key</c> or <c>Authorization: Bearer</c> (compared in constant time).</summary>
    public bool IsPresentedIn(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers[Header].ToString();
        if (presented.Length == 0)
        {
            presented = AuthorizationHeader.Bearer(request) ?? "";
        }
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Value));
    }
}

internal static class AdminKeyConventions
{
    /// <summary>
    /// The endpoints answer only callers that present the admin key; others get a 401 problem. Wraps the request
    /// delegate rather than adding an endpoint filter: filters run after the body is bound, so a caller without the key
    /// would get 400s about the body instead of the 401.
    /// </summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException($"Admin endpoint {endpoint.DisplayName} has no request delegate.");
            endpoint.RequestDelegate = context => context.RequestServices.GetRequiredService<AdminKey>().IsPresentedIn(context.Request)
                ? inner(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                    detail: $"Send the admin key as 'Authorization: Bearer <key>' or '{AdminKey.Header}: <key>'.").ExecuteAsync(context);
        });
        return builder;
    }
}
