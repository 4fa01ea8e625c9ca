using System.Text.Json.Serialization;
using Parley.Server.Messaging;

namespace Parley.Server.Upstreams.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>The simulated WhatsApp network: its clock, scheduled statuses, send log, the <c>sandbox</c> upstream, its rate limits, typing indicators and simulated group members.</summary>
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
        services.AddSingleton<SandboxGroups>();
        services.AddSingleton<SandboxFlowAlerts>();
        services.AddSingleton<SandboxFlows>();
        services.AddSingleton<SandboxUserMessages>();
        services.AddSingleton<SandboxAutomation>();
        services.AddSingleton<SandboxOrders>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(SandboxJsonContext.Default));
        return services;
    }
}

/// <summary>Source-generated JSON for the simulator's group bodies, snake_case as the rest of the simulator.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SandboxGroups.GroupAction))]
[JsonSerializable(typeof(SandboxGroups.GroupStatusView))]
[JsonSerializable(typeof(SandboxGroups.ReceivedView))]
[JsonSerializable(typeof(SandboxAutomation.ChatView))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
