using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Network;
using Parley.Server.Messaging;

namespace Parley.Server.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Media: the blob store, the media library, upload/download/Graph object endpoints' services, link fetching, cleanup.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSingleton<IBlobStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ParleyOptions>>().Value;
            return new FileSystemBlobStore(options.Media.Directory ?? Path.Combine(options.DataDirectory, "media"));
        });
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton<MediaReferenceCheck>();
        services.AddSingleton<ISendCheck>(sp => sp.GetRequiredService<MediaReferenceCheck>());
        services.AddSingleton<InboundMedia>();
        services.AddSingleton<OutboundMedia>();
        services.AddSingleton<LinkMediaFetcher>();
        services.AddSingleton<IGraphObjectKind, MediaGraphObjects>();
        services.AddHostedService<MediaCleanup>();
        services.AddHttpClient(LinkMediaFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SsrfGuard>().CreateHandler());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(MediaJsonContext.Default));
        return services;
    }
}

/// <summary>Source-generated JSON for the media endpoints (snake_case, as the Graph API).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MediaApi.MediaUploaded))]
[JsonSerializable(typeof(MediaGraphObjects.MediaView))]
internal sealed partial class MediaJsonContext : JsonSerializerContext;
