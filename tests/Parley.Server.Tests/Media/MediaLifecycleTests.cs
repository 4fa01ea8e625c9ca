using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Media;

/// <summary>Upload → GET /{media-id} → download with the URL → URL expiry → delete, on a clock the test moves.</summary>
public sealed class MediaLifecycleTests : IAsyncLifetime
{
    private readonly ManualClockParleyFactory _parley = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _parley.DisposeAsync();

    [Fact]
    public async Task UploadedMediaCanBeDescribedDownloadedWithTheTokenAndDeleted()
    {
        using var client = _parley.CreateChannelClient();
        var bytes = MediaCalls.Bytes(4000);

        var id = await MediaCalls.UploadOkAsync(client, bytes, "image/png");
        id.ShouldMatch("^[0-9]{16}$");

        var (status, media) = await MediaCalls.GetAsync(client, id);
        status.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        media["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        media["id"]!.GetValue<string>().ShouldBe(id);
        media["mime_type"]!.GetValue<string>().ShouldBe("image/png");
        media["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        media["file_size"]!.GetValue<long>().ShouldBe(4000);
        var url = media["url"]!.GetValue<string>();
        url.ShouldStartWith("http://localhost/media/download/" + id + "?");

        using (var download = await client.GetAsync(url))
        {
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            var downloaded = await download.Content.ReadAsByteArrayAsync();
            downloaded.ShouldBe(bytes);
            Convert.ToHexStringLower(SHA256.HashData(downloaded)).ShouldBe(media["sha256"]!.GetValue<string>());
        }

        var (deleteStatus, deleted) = await MediaCalls.DeleteAsync(client, id);
        deleteStatus.ShouldBe(HttpStatusCode.OK);
        deleted.ToJsonString().ShouldBe("""{"success":true}""");

        var (afterStatus, after) = await MediaCalls.GetAsync(client, id);
        afterStatus.ShouldBe(HttpStatusCode.BadRequest);
        after.Code().ShouldBe(100);
        after.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        after.Error()["message"]!.GetValue<string>().ShouldStartWith($"Unsupported get request. Object with ID '{id}' does not exist");
        using var gone = await client.GetAsync(url);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MediaCalls.DeleteAsync(client, id)).Body.Code().ShouldBe(100);
    }

    [Fact]
    public async Task MediaUrlNeedsTheOwningChannelsTokenAndAValidSignature()
    {
        using var client = _parley.CreateChannelClient();
        var id = await MediaCalls.UploadOkAsync(client, MediaCalls.Bytes(100), "application/pdf");
        var url = (await MediaCalls.GetAsync(client, id)).Body["url"]!.GetValue<string>();

        using var anonymous = _parley.CreateClient();
        using (var response = await anonymous.GetAsync(url))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await CloudApi.ReadAsync(response)).Code().ShouldBe(104);
        }

        var other = await Tenants.CreateChannelWithTokenAsync(_parley);
        using var otherClient = _parley.CreateChannelClient(other.Token);
        using (var response = await otherClient.GetAsync(url))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await MediaCalls.GetAsync(otherClient, id)).Body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        (await MediaCalls.DeleteAsync(otherClient, id)).Body.Code().ShouldBe(100);

        using (var tampered = await client.GetAsync(url[..^1] + (url[^1] == '0' ? '1' : '0')))
        {
            tampered.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        using (var unsigned = await client.GetAsync(url[..url.IndexOf('?', StringComparison.Ordinal)]))
        {
            unsigned.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        using (var ok = await client.GetAsync(url))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await MediaCalls.GetAsync(client, id)).Status.ShouldBe(HttpStatusCode.OK, "the media itself is still there");
    }

    [Fact]
    public async Task MediaUrlExpiresAfterFiveMinutes()
    {
        using var client = _parley.CreateChannelClient();
        var id = await MediaCalls.UploadOkAsync(client, MediaCalls.Bytes(100), "audio/mpeg");
        var url = (await MediaCalls.GetAsync(client, id)).Body["url"]!.GetValue<string>();

        _parley.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(58));
        using (var stillValid = await client.GetAsync(url))
        {
            stillValid.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        _parley.Clock.Advance(TimeSpan.FromSeconds(2));
        using (var expired = await client.GetAsync(url))
        {
            expired.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        var fresh = (await MediaCalls.GetAsync(client, id)).Body["url"]!.GetValue<string>();
        using var again = await client.GetAsync(fresh);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UploadedMediaExpiresAfterThirtyDays()
    {
        using var client = _parley.CreateChannelClient();
        var id = await MediaCalls.UploadOkAsync(client, MediaCalls.Bytes(100), "video/mp4");

        _parley.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        (await MediaCalls.GetAsync(client, id)).Status.ShouldBe(HttpStatusCode.OK);
        _parley.Clock.Advance(TimeSpan.FromMinutes(1));
        var (status, body) = await MediaCalls.GetAsync(client, id);
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);

        var blob = Directory.GetFiles(Path.Combine(_parley.DataDirectory, "media", id[..2]), id).ShouldHaveSingleItem();
        var cleanup = _parley.Services.GetServices<IHostedService>().OfType<Parley.Server.Media.MediaCleanup>().Single();
        (await cleanup.SweepAsync(CancellationToken.None)).ShouldBe(1);
        File.Exists(blob).ShouldBeFalse();
    }

    [Fact]
    public async Task PhoneNumberIdOtherThanTheUploadingNumberIsRefused()
    {
        using var client = _parley.CreateChannelClient();
        var id = await MediaCalls.UploadOkAsync(client, MediaCalls.Bytes(10), "image/jpeg");

        (await MediaCalls.GetAsync(client, id, $"?phone_number_id={ParleyFactory.PhoneNumberId}")).Status.ShouldBe(HttpStatusCode.OK);
        var (status, body) = await MediaCalls.GetAsync(client, id, "?phone_number_id=123456789");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe("Param phone_number_id is not a valid whatsapp business phone number id ID");
    }
}
