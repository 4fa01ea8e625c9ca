using System.Text.RegularExpressions;

namespace Parley.Server.Management;

/// <summary>
/// The rate-limit usage headers Graph puts on management calls (digest §6; S <c>components.headers</c>):
/// <c>x-business-use-case-usage: {"&lt;waba-or-phone-number-id&gt;":[{"type":"whatsapp","call_count":0,…}]}</c> and
/// <c>x-app-usage: {"call_count":0,"total_cputime":0,"total_time":0}</c>. Parley enforces no management rate limit,
/// so every usage figure is 0 (percent of the limit) and there is never time to regain access; the headers are there
/// so clients that read them work unchanged.
/// </summary>
public static partial class UsageHeaders
{
    public const string BusinessUseCaseUsage = "x-business-use-case-usage";
    public const string AppUsage = "x-app-usage";
    private const string NoUsage = """{"call_count":0,"total_cputime":0,"total_time":0}""";

    /// <summary>
    /// Management paths: a Graph object by id (<c>/{version}/{id}</c>), its management edges, and upload sessions.
    /// Group 1 is the object id. Sends (<c>/messages</c>) and Parley's own APIs are not management calls.
    /// </summary>
    [GeneratedRegex(@"^/v[0-9]+\.[0-9]+/([0-9]{1,32})(?:/(?:message_templates|phone_numbers|whatsapp_business_profile|media|register|deregister|uploads|request_code|verify_code))?/?$")]
    private static partial Regex ManagementPath();

    [GeneratedRegex(@"^/v[0-9]+\.[0-9]+/upload:[^/]+$")]
    private static partial Regex UploadSessionPath();

    /// <summary>Adds the usage headers to the answers of management calls.</summary>
    public static WebApplication UseManagementUsageHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var match = ManagementPath().Match(path);
            if (match.Success || UploadSessionPath().IsMatch(path))
            {
                var objectId = match.Success ? match.Groups[1].Value : null;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[AppUsage] = NoUsage;
                    if (objectId is not null && !path.EndsWith("/uploads", StringComparison.Ordinal))
                    {
                        context.Response.Headers[BusinessUseCaseUsage] =
                            $$"""{"{{objectId}}":[{"type":"whatsapp","call_count":0,"total_cputime":0,"total_time":0,"estimated_time_to_regain_access":0}]}""";
                    }
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        return app;
    }
}
