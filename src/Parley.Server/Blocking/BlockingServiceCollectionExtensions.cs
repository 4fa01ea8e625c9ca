namespace Parley.Server.Blocking;

public static class BlockingServiceCollectionExtensions
{
    /// <summary>Blocking users of a business number (<see cref="UserBlocking"/>), for the Cloud API's <c>block_users</c> and 1msg's methods.</summary>
    public static IServiceCollection AddBlocking(this IServiceCollection services)
    {
        services.AddSingleton<UserBlocking>();
        services.AddSingleton<BlocklistPages>();
        return services;
    }

    /// <summary>The Cloud API's <c>/{version}/{phone-number-id}/block_users</c>.</summary>
    public static IEndpointRouteBuilder MapBlocking(this IEndpointRouteBuilder app) => app.MapBlockUsersApi();
}
