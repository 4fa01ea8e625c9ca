using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Auth;
using Parley.Server.Configuration;

namespace Parley.Server.Admin;

/// <summary>The admin API under <c>/admin</c>: accounts, channels, tokens, webhooks, dead letters. Admin key required.</summary>
internal static class AdminApi
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").WithTags("Admin").ProducesProblem(StatusCodes.Status401Unauthorized);
        // Wraps the request delegate rather than adding an endpoint filter: filters run after the body is bound,
        // so a caller without the key would get 400s about the body instead of the 401.
        ((IEndpointConventionBuilder)group).Add(RequireAdminKey);
        group.MapAccounts();
        group.MapChannels();
        group.MapTokens();
        group.MapWebhooks();
        group.MapDeadLetters();
        return group;
    }

    private static void RequireAdminKey(EndpointBuilder endpoint)
    {
        var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException($"Admin endpoint {endpoint.DisplayName} has no request delegate.");
        endpoint.RequestDelegate = context =>
        {
            var adminKey = context.RequestServices.GetRequiredService<AdminKey>().Value;
            return IsAdmin(context.Request, adminKey)
                ? inner(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                    detail: $"Send the admin key as 'Authorization: Bearer <key>' or '{AdminKeyHeader}: <key>'.").ExecuteAsync(context);
        };
    }

    public static bool IsAdmin(HttpRequest request, string adminKey)
    {
        var presented = request.Headers[AdminKeyHeader].ToString();
        if (presented.Length == 0)
        {
            presented = AuthorizationHeader.Bearer(request) ?? "";
        }
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(adminKey));
    }
}

/// <summary>The admin key in force: configured, or generated at start (and printed once).</summary>
internal sealed class AdminKey(IOptions<ParleyOptions> options)
{
    public bool Generated { get; } = string.IsNullOrEmpty(options.Value.AdminKey);

    public string Value { get; } = string.IsNullOrEmpty(options.Value.AdminKey) ? "adm_" + Core.Ids.MessageIds.RandomToken(24) : options.Value.AdminKey;
}
