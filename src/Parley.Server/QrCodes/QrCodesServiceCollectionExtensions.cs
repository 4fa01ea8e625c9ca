using System.Text.Json.Serialization;

namespace Parley.Server.QrCodes;

public static class QrCodesServiceCollectionExtensions
{
    /// <summary>Message QR codes: the signed image URLs and the images themselves.</summary>
    public static IServiceCollection AddQrCodes(this IServiceCollection services)
    {
        services.AddSingleton<QrCodeImages>();
        services.AddSingleton<QrCodeRelays>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(QrCodesJsonContext.Default));
        return services;
    }

    /// <summary>The Cloud API's <c>message_qrdls</c> endpoints, and the deep link and images served without a token.</summary>
    public static IEndpointRouteBuilder MapQrCodes(this IEndpointRouteBuilder app)
    {
        app.MapQrCodesApi();
        app.MapQrCodePages();
        return app;
    }
}

/// <summary>Source-generated JSON for the deep link's answer, snake_case as Graph.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(QrCodePagesApi.DeepLinkView))]
internal sealed partial class QrCodesJsonContext : JsonSerializerContext;
