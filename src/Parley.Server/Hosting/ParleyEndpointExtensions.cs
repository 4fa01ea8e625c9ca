using Parley.Core.Errors;
using Parley.Server.Analytics;
using Parley.Server.Admin;
using Parley.Server.Blocking;
using Parley.Server.Dialects.Bird;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Dialects.OneMsg;
using Parley.Server.Automation;
using Parley.Server.Commerce;
using Parley.Server.Flows;
using Parley.Server.Groups;
using Parley.Server.Json;
using Parley.Server.Lookup;
using Parley.Server.BusinessPhones;
using Parley.Server.Media;
using Parley.Server.QrCodes;
using Parley.Server.Templates;
using Parley.Server.Uploads;
using Parley.Server.Upstreams.Meta;
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
        app.UseUnversionedGraphPaths();
        app.UseManagementUsageHeaders();
        app.UseMiddleware<Edges.EdgeMiddleware>();

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
        app.MapMetaWebhooks();
        app.MapCloudApi();
        app.MapMedia().CountsAsManagement("phoneNumberId");
        app.MapUploads();
        app.MapBirdApi();
        app.MapTemplates();
        app.MapGroups();
        app.MapFlows();
        app.MapBlocking();
        app.MapAutomation();
        app.MapQrCodes();
        app.MapCommerce();
        app.MapAnalytics();
        app.MapPhoneNumbers();
        app.MapOneMsg();
        app.MapFallback(Unmatched).ExcludeFromDescription();
        return app;
    }

    private static readonly string[] ParleyPrefixes = ["/admin", "/api", "/sandbox", "/webhooks"];

    /// <summary>Parley's own APIs answer unknown routes with a problem document; everything else is a Graph path.</summary>
    private static IResult Unmatched(HttpContext context)
    {
        var path = context.Request.Path;
        if (ParleyPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such endpoint",
                detail: $"{context.Request.Method} {path} is not an endpoint (JSON bodies need 'Content-Type: application/json').");
        }
        return new GraphErrorResult(ErrorCatalog.UnknownPath.With($"Unknown path components: {path}"));
    }
}
