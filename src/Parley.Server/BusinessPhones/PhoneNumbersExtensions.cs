using System.Text.Json.Serialization;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Messaging;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Phone numbers, their business accounts and business profiles: registration state, settings, webhook overrides,
/// Cloud API endpoints and the simulator's controls.
/// </summary>
public static class PhoneNumbersExtensions
{
    public static IServiceCollection AddPhoneNumbers(this IServiceCollection services)
    {
        services.AddSingleton<PhoneNumberDirectory>();
        services.AddSingleton<ISendCheck>(sp => sp.GetRequiredService<PhoneNumberDirectory>());
        services.AddSingleton<LocalPhoneNumberSource>();
        services.AddSingleton<ProfilePictures>();
        services.AddSingleton<BusinessProfileIds>();
        services.AddSingleton<IGraphObjectKind, BusinessProfileObjects>();
        services.AddSingleton<PhoneNumberSources>();
        services.AddSingleton<RegistrationThrottle>();
        services.AddSingleton<IGraphObjectKind, PhoneNumberObjects>();
        services.AddSingleton<BusinessAccountObjects>();
        services.AddSingleton<IGraphObjectKind>(sp => sp.GetRequiredService<BusinessAccountObjects>());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(PhoneNumbersJsonContext.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapPhoneNumbers(this IEndpointRouteBuilder app)
    {
        app.MapBusinessProfile();
        app.MapRegistration();
        app.MapWabaPhoneNumbers();
        app.MapSubscribedApps();
        app.MapPhoneNumberSettings();
        app.MapPhoneSimulator();
        app.MapBusinessEncryption();
        return app;
    }
}

/// <summary>Source-generated JSON for the phone-number bodies, snake_case as the Graph API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistrationApi.VerifyCodeResponse))]
[JsonSerializable(typeof(PhoneSimulatorApi.PhoneStateView))]
[JsonSerializable(typeof(PhoneSimulatorApi.PhoneStatePatch))]
internal sealed partial class PhoneNumbersJsonContext : JsonSerializerContext;
