using Parley.Server.Messaging;

namespace Parley.Server.Upstreams.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>The simulated WhatsApp network: its clock, scheduled statuses, send log, the <c>sandbox</c> upstream, its rate limits and typing indicators.</summary>
    public static IServiceCollection AddSandboxUpstream(this IServiceCollection services)
    {
        services.AddSingleton<SandboxClock>();
        services.AddSingleton<SandboxSendLog>();
        services.AddSingleton<SandboxScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxScheduler>());
        services.AddSingleton<IUpstream, SandboxUpstream>();
        services.AddSingleton<SandboxRateLimits>();
        services.AddSingleton<ISendCheck>(sp => sp.GetRequiredService<SandboxRateLimits>());
        services.AddSingleton<SandboxTyping>();
        services.AddSingleton<IReadReceiptRelay>(sp => sp.GetRequiredService<SandboxTyping>());
        return services;
    }
}
