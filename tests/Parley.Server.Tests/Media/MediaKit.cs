using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary>Parley on a clock the test moves (<see cref="ManualTimeProvider"/>), for media URL and cache expiry.</summary>
public sealed class ManualClockParleyFactory(IDictionary<string, string?>? settings = null) : ParleyFactory(settings ?? new Dictionary<string, string?>())
{
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Calls the media endpoints as a Cloud API client would.</summary>
public static class MediaCalls
{
    public const string UploadPath = $"/v23.0/{ParleyFactory.PhoneNumberId}/media";

    /// <summary>A multipart upload; null arguments leave that part out.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> UploadAsync(
        HttpClient client, byte[]? file, string? partType, string? type, string? messagingProduct = "whatsapp", string fileName = "file.bin", string path = UploadPath)
    {
        using var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            if (partType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(partType);
            }
            form.Add(content, "file", fileName);
        }
        if (type is not null)
        {
            form.Add(new StringContent(type), "type");
        }
        if (messagingProduct is not null)
        {
            form.Add(new StringContent(messagingProduct), "messaging_product");
        }
        using var response = await client.PostAsync(path, form);
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    /// <summary>Uploads and returns the media id, asserting the 200.</summary>
    public static async Task<string> UploadOkAsync(HttpClient client, byte[] file, string mimeType, string path = UploadPath)
    {
        var (status, body) = await UploadAsync(client, file, mimeType, mimeType, path: path);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string mediaId, string query = "")
    {
        using var response = await client.GetAsync($"/v23.0/{mediaId}{query}");
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> DeleteAsync(HttpClient client, string mediaId)
    {
        using var response = await client.DeleteAsync($"/v23.0/{mediaId}");
        return (response.StatusCode, await CloudApi.ReadAsync(response));
    }

    public static byte[] Bytes(int length, byte seed = 7) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + seed)).ToArray();

    public static object Image(string to, object image) => new { messaging_product = "whatsapp", to, type = "image", image };
}
