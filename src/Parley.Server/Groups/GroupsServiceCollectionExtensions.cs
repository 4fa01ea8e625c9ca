using Parley.Server.Dialects.CloudApi;
using Parley.Server.Messaging;

namespace Parley.Server.Groups;

public static class GroupsServiceCollectionExtensions
{
    /// <summary>
    /// Group management: Parley's own (the sandbox's) and the choice of a channel's manager, groups as Graph objects by
    /// id, and the accept path's check of group sends.
    /// </summary>
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddSingleton<LocalGroupManager>();
        services.AddSingleton<GroupManagers>();
        services.AddSingleton<GroupPictures>();
        services.AddSingleton<IGraphObjectKind, GroupObjects>();
        services.AddSingleton<ISendCheck, GroupSendCheck>();
        return services;
    }

    /// <summary>The Groups API of the Cloud API dialect: the number's groups, and a group's invite link, join requests and participants.</summary>
    public static IEndpointRouteBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        app.MapGroupsApi();
        app.MapGroupMembershipApi();
        return app;
    }
}
