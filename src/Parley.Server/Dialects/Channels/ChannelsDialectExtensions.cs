using Parley.Server.Delivery.Webhooks;
using Parley.Storage;

namespace Parley.Server.Dialects.Channels;

public static class ChannelsDialectExtensions
{
    /// <summary>Registers the Channels dialect (Bird Channels API): access keys, sending, reads, the <c>channels</c> webhook format.</summary>
    public static IServiceCollection AddChannelsDialect(this IServiceCollection services)
    {
        services.AddSingleton<ChannelsAccess>();
        services.AddSingleton<ChannelsMessages>();
        services.AddSingleton<ChannelsSender>();
        services.AddSingleton<CustomerCareWindow>();
        services.AddSingleton<IWebhookFormat, ChannelsWebhookFormat>();
        services.AddHostedService<ChannelsIdsBackfill>();
        return services;
    }

    /// <summary>Maps <c>/workspaces/{workspaceId}/channels/{channelId}/…</c>.</summary>
    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        app.MapChannelsDialect();
        return app;
    }
}

/// <summary>
/// Gives every account and channel its Channels UUID at start (the migration did it for those that existed then;
/// accounts and channels created since without the admin API get theirs here or when first shown).
/// </summary>
internal sealed class ChannelsIdsBackfill(IChannelsDialectStore dialect) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => dialect.BackfillAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
