using Parley.Core.Errors;
using Parley.Server.Admin;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Json;
using Parley.Server.Lookup;
using Parley.Server.Upstreams.Sandbox;

namespace Parley.Server.Hosting;

public static class ParleyEndpointExtensions
{
    /// <summary>Maps every Parley endpoint: Cloud API, admin, lookup, sandbox simulator, health, OpenAPI.</summary>
    public static WebApplication MapParley(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapGet("/health", () => TypedResults.Ok(new HealthView("ok"))).WithTags("Health").ExcludeFromDescription();
        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "Parley");
            ui.RoutePrefix = "swagger";
        });

        app.MapAdmin();
        app.MapMessageLookup();
        app.MapSandbox();
        app.MapCloudApiMessages();
        app.MapFallback((HttpContext context) => new GraphErrorResult(
            ErrorCatalog.UnknownPath.With($"Unknown path components: {context.Request.Path}"))).ExcludeFromDescription();
        return app;
    }
}
