namespace Parley.Server.Groups;

public static class GroupsServiceCollectionExtensions
{
    /// <summary>Group management: Parley's own (the sandbox's) and the choice of a channel's manager.</summary>
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddSingleton<LocalGroupManager>();
        services.AddSingleton<GroupManagers>();
        return services;
    }

    /// <summary>The Groups API of the Cloud API dialect.</summary>
    public static IEndpointRouteBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        app.MapGroupsApi();
        return app;
    }
}
