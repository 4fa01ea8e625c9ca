using Parley.Server.Automation;
using Parley.Server.Blocking;
using Parley.Server.BusinessPhones;
using Parley.Server.Commerce;
using Parley.Server.Flows;
using Parley.Server.Groups;
using Parley.Server.Messaging;
using Parley.Server.Network;
using Parley.Server.QrCodes;
using Parley.Server.Templates;
using Parley.Server.Upstreams.Meta.Management;

namespace Parley.Server.Upstreams.Meta;

internal static class MetaUpstreamExtensions
{
    /// <summary>The <c>meta</c> upstream: Graph API client (pooled, SSRF-guarded connections) and the webhook receiver's channel directory.</summary>
    public static IServiceCollection AddMetaUpstream(this IServiceCollection services)
    {
        services.AddOptions<MetaUpstreamOptions>().BindConfiguration(MetaUpstreamOptions.Section).ValidateOnStart()
            .Validate(o => o.TimeoutMs > 0 && o.PairBurst >= 1 && o.MaxWebhookBytes > 0, "Parley:Meta timeouts, pair burst and webhook size must be positive.");
        services.AddSingleton<IUpstream, MetaUpstream>();
        services.AddSingleton<MetaChannelDirectory>();
        services.AddSingleton<MetaGraphClient>();
        services.AddSingleton<IRemoteTemplateManagers, MetaTemplateManagers>();
        services.AddSingleton<MetaTemplateStatusSync>();
        services.AddSingleton<MetaFlowMirror>();
        services.AddSingleton<IRemoteFlowManagers, MetaFlowManagers>();
        services.AddSingleton<MetaFlowSync>();
        services.AddSingleton<MetaGroupMirror>();
        services.AddSingleton<IRemoteGroupManagers, MetaGroupManagers>();
        services.AddSingleton<MetaGroupSync>();
        services.AddSingleton<MetaInboundMedia>();
        services.AddSingleton<MetaOutboundMedia>();
        services.AddSingleton<IRemotePhoneNumberSources, MetaPhoneNumberSources>();
        services.AddSingleton<IRemoteBlocklists, MetaBlocklists>();
        services.AddSingleton<IRemoteQrCodes, MetaQrCodes>();
        services.AddSingleton<IRemoteAutomations, MetaAutomations>();
        services.AddSingleton<IRemoteCommerceSettings, MetaCommerceSettings>();
        services.AddSingleton<MetaReadReceipts>();
        services.AddSingleton<IReadReceiptRelay>(sp => sp.GetRequiredService<MetaReadReceipts>());
        services.AddHostedService(sp => sp.GetRequiredService<MetaReadReceipts>());
        services.AddHttpClient(MetaUpstream.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SsrfGuard>().CreateHandler());
        return services;
    }
}
