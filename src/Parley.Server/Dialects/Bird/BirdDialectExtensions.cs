using Parley.Server.Delivery.Webhooks;
using Parley.Storage;

namespace Parley.Server.Dialects.Bird;

public static class BirdDialectExtensions
{
    /// <summary>Registers the Channels dialect (Bird Channels API): access keys, sending, reads, the <c>channels</c> webhook format.</summary>
    public static IServiceCollection AddBirdDialect(this IServiceCollection services)
    {
        services.AddSingleton<BirdEdge>();
        services.AddSingleton<BirdMessages>();
        services.AddSingleton<BirdSender>();
        services.AddSingleton<CustomerCareWindow>();
        services.AddSingleton<IWebhookFormat, BirdWebhookFormat>();
        services.AddHostedService<BirdIdsBackfill>();
        return services;
    }

    /// <summary>Maps <c>/workspaces/{workspaceId}/channels/{channelId}/…</c>.</summary>
    public static IEndpointRouteBuilder MapBirdApi(this IEndpointRouteBuilder app)
    {
        app.MapBirdDialect();
        return app;
    }
}

/// <summary>
/// Gives every account and channel its Channels UUID at start (the migration did it for those that existed then;
/// accounts and channels created since without the admin API get theirs here or when first shown).
/// </summary>
internal sealed class BirdIdsBackfill(IBirdDialectStore dialect) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => dialect.BackfillAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
