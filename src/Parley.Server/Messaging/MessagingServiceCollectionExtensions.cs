namespace Parley.Server.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The door into messaging (parse, check, durable accept), ingest of what networks report, and the work signals.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<MessagingDoor>();
        services.AddSingleton<Ingest>();
        return services;
    }
}
