using System.Text.Json.Serialization;

using Parley.Server.Dialects.CloudApi;

namespace Parley.Server.Uploads;

public static class UploadsServiceCollectionExtensions
{
    /// <summary>The Resumable Upload API's sessions and handles.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddSingleton<UploadSessions>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(UploadsJsonContext.Default));
        return services;
    }

    /// <summary><c>/{version}/{app-id}/uploads</c> and <c>/{version}/upload:{session}</c>.</summary>
    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder app)
    {
        app.MapUploadSessions().CountsAsManagement(null);
        return app;
    }
}

/// <summary>Source-generated JSON for the upload endpoints (snake_case, as the Graph API).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadsApi.UploadSessionOpened))]
[JsonSerializable(typeof(UploadsApi.UploadSessionView))]
[JsonSerializable(typeof(UploadsApi.UploadHandle))]
internal sealed partial class UploadsJsonContext : JsonSerializerContext;
