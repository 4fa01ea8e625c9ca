using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Parley.Server.Analytics;
using Parley.Server.Auth;
using Parley.Server.Blocking;
using Parley.Server.Configuration;
using Parley.Server.Delivery;
using Parley.Server.Automation;
using Parley.Server.Commerce;
using Parley.Server.Flows;
using Parley.Server.Groups;
using Parley.Server.Dialects.Bird;
using Parley.Server.Dialects.OneMsg;
using Parley.Server.Json;
using Parley.Server.Media;
using Parley.Server.Messaging;
using Parley.Server.Network;
using Parley.Server.Pricing;
using Parley.Server.QrCodes;
using Parley.Server.Secrets;
using Parley.Server.BusinessPhones;
using Parley.Server.Templates;
using Parley.Server.Uploads;
using Parley.Server.Upstreams;
using Parley.Server.Upstreams.Meta;
using Parley.Server.Upstreams.Sandbox;
using Parley.Storage;

using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.Hosting;

public static class ParleyServiceCollectionExtensions
{
    /// <summary>Registers Parley: configuration, storage, the accept path, dispatcher, upstreams and webhooks.</summary>
    public static WebApplicationBuilder AddParley(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ParleyOptions>().BindConfiguration(ParleyOptions.Section).ValidateOnStart()
            .Validate(o => o.Dispatch.MaxInFlightPerChannel > 0 && o.Webhooks.DefaultBatchSize is >= 1 and <= WebhookSubscription.MaxBatchSize && o.Webhooks.ClaimSize > 0 && o.Webhooks.Concurrency > 0, "Batch sizes and concurrency must be positive.")
            .Validate(o => o.Sandbox.StatusDelayMs >= 0 && o.MaxRequestBodyBytes > 0, "Delays and limits must not be negative.")
            .Validate(o => o.Pricing.IsValid(), "Parley:Pricing needs a currency and rates that are not negative.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SecretKey) || ChannelSecretProtector.IsValidKey(o.SecretKey), ChannelSecretProtector.InvalidKeyMessage);

        var services = builder.Services;
        services.AddParleyStorage(sp =>
        {
            var parley = sp.GetRequiredService<IOptions<ParleyOptions>>().Value;
            Directory.CreateDirectory(parley.DataDirectory);
            return parley.Storage with { ConnectionString = parley.Storage.ConnectionString ?? Path.Combine(parley.DataDirectory, "parley.db") };
        });
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<StorageMigrator>();
        services.AddChannelSecretProtection();
        services.AddParleyAuth();
        services.AddSingleton<SsrfGuard>();
        services.AddHostedService<DemoSeeder>();

        services.AddMessaging();
        services.AddPricing();
        services.AddDelivery();
        services.AddSingleton<UpstreamRegistry>();
        services.AddSandboxUpstream();
        services.AddMetaUpstream();

        services.AddPhoneNumbers();
        services.AddMedia();
        services.AddUploads();
        services.AddTemplates();
        services.AddGroups();
        services.AddFlows();
        services.AddBlocking();
        services.AddAutomation();
        services.AddCommerce();
        services.AddAnalytics();
        services.AddFlowEndpoints();
        services.AddQrCodes();

        services.AddCloudApi();
        services.AddOneMsg();
        services.AddBirdDialect();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ParleyJsonContext.Default);
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        // The global ceiling; each endpoint lowers it to what it accepts and answers 413 in its own format.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ParleyOptions>>(
            (kestrel, parley) => kestrel.Limits.MaxRequestBodySize = parley.Value.MaxRequestBodyBytes * 20);
        return builder;
    }
}
