using System.Text.Json.Serialization;
using Parley.Server.Dialects.CloudApi;

using Parley.Server.Messaging;

namespace Parley.Server.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>Template management, the sandbox review, and the template checks of the accept path.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddSingleton<TemplateSendGuard>();
        services.AddSingleton<ISendCheck>(sp => sp.GetRequiredService<TemplateSendGuard>());
        services.AddSingleton<TemplateService>();
        services.AddSingleton<LocalTemplateManager>();
        services.AddSingleton<TemplateManagers>();
        services.AddSingleton<ReviewSignal>();
        services.AddSingleton<IGraphObjectKind, TemplateObjectHandler>();
        services.AddHostedService<TemplateReviewer>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(TemplateJsonContext.Default));
        return services;
    }

    /// <summary><c>/{version}/{waba-id}/message_templates</c> and the simulator's template endpoints.</summary>
    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        app.MapMessageTemplates().CountsAsManagement("wabaId");
        app.MapTemplateSimulator();
        return app;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TemplateSimulatorApi.StatusRequest))]
[JsonSerializable(typeof(TemplateSimulatorApi.TapRequest))]
internal sealed partial class TemplateJsonContext : JsonSerializerContext;
