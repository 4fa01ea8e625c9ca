using Parley.Server.Auth;

namespace Parley.Server.Admin;

/// <summary>The admin API under <c>/admin</c>: accounts, channels, tokens, webhooks, dead letters. Admin key required.</summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").WithTags("Admin").ProducesProblem(StatusCodes.Status401Unauthorized).RequireAdminKey();
        group.MapAccounts();
        group.MapChannels();
        group.MapTokens();
        group.MapWebhooks();
        group.MapDeadLetters();
        return group;
    }
}

