namespace Parley.Server.Upstreams.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>The simulated WhatsApp network: its clock, scheduled statuses, send log and the <c>sandbox</c> upstream.</summary>
    public static IServiceCollection AddSandboxUpstream(this IServiceCollection services)
    {
        services.AddSingleton<SandboxClock>();
        services.AddSingleton<SandboxSendLog>();
        services.AddSingleton<SandboxScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxScheduler>());
        services.AddSingleton<IUpstream, SandboxUpstream>();
        return services;
    }
}
