using Parley.Server.Messaging;

namespace Parley.Server.Commerce;

public static class CommerceServiceCollectionExtensions
{
    /// <summary>Commerce: a number's commerce settings (one value for every dialect) and the accept path's catalog check.</summary>
    public static IServiceCollection AddCommerce(this IServiceCollection services)
    {
        services.AddSingleton<CommerceSettingsStore>();
        services.AddSingleton<ISendCheck, CatalogSendCheck>();
        return services;
    }

    /// <summary>The Cloud API's commerce endpoints: a number's <c>whatsapp_commerce_settings</c> and a WABA's <c>product_catalogs</c>.</summary>
    public static IEndpointRouteBuilder MapCommerce(this IEndpointRouteBuilder app)
    {
        app.MapCommerceSettingsApi();
        app.MapProductCatalogsApi();
        return app;
    }
}
