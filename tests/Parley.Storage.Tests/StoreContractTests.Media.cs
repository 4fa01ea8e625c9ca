namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IMediaStore MediaStore => Stores.Get<IMediaStore>();

    private static MediaRecord NewMedia(string channelId, string origin = MediaOrigins.Upload, string? url = null, DateTimeOffset? at = null)
    {
        var id = NewId();
        var created = at ?? T0;
        return new MediaRecord(id, channelId, "image", "image/jpeg", new string('a', 64), 1234, origin == MediaOrigins.Upload ? "cat.jpg" : null,
            origin, id, url, url is null ? null : "\"v1\"", url is null ? null : "Tue, 22 Feb 2022 22:22:22 GMT",
            url is null ? null : created.AddMinutes(10), created, created.AddDays(30), null);
    }

    [Fact]
    public async Task MediaCanBeCreatedReadAndDeletedOnce()
    {
        var channel = await NewChannelAsync();
        var media = NewMedia(channel.PhoneNumberId);
        await MediaStore.CreateAsync(media, Ct);

        (await MediaStore.GetAsync(media.Id, Ct)).ShouldBe(media);
        (await MediaStore.GetAsync("404", Ct)).ShouldBeNull();
        (await MediaStore.DeleteAsync(media.Id, T0.AddMinutes(1), Ct)).ShouldBeTrue();
        (await MediaStore.DeleteAsync(media.Id, T0.AddMinutes(2), Ct)).ShouldBeFalse();
        var deleted = (await MediaStore.GetAsync(media.Id, Ct)).ShouldNotBeNull();
        deleted.DeletedAt.ShouldBe(T0.AddMinutes(1));
        deleted.IsLive(T0.AddMinutes(1)).ShouldBeFalse();
    }

    [Fact]
    public async Task LinkMediaIsFoundByChannelAndUrlNewestFirstAndNotOnceDeleted()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        const string url = "https://cdn.example.com/cat.jpg";
        var older = NewMedia(channel.PhoneNumberId, MediaOrigins.Link, url);
        var newer = NewMedia(channel.PhoneNumberId, MediaOrigins.Link, url, T0.AddSeconds(5));
        await MediaStore.CreateAsync(older, Ct);
        await MediaStore.CreateAsync(newer, Ct);
        await MediaStore.CreateAsync(NewMedia(other.PhoneNumberId, MediaOrigins.Link, "https://cdn.example.com/other.jpg"), Ct);

        (await MediaStore.FindLinkAsync(channel.PhoneNumberId, url, Ct)).ShouldBe(newer);
        (await MediaStore.FindLinkAsync(other.PhoneNumberId, url, Ct)).ShouldBeNull();
        await MediaStore.DeleteAsync(newer.Id, T0.AddMinutes(1), Ct);
        (await MediaStore.FindLinkAsync(channel.PhoneNumberId, url, Ct)).ShouldBe(older);
    }

    [Fact]
    public async Task RevalidatedLinkMediaGetsNewValidatorsAndFreshness()
    {
        var channel = await NewChannelAsync();
        var media = NewMedia(channel.PhoneNumberId, MediaOrigins.Link, "https://cdn.example.com/a.png");
        await MediaStore.CreateAsync(media, Ct);

        (await MediaStore.RefreshLinkAsync(media.Id, "\"v2\"", null, null, T0.AddDays(31), Ct)).ShouldBeTrue();
        (await MediaStore.GetAsync(media.Id, Ct)).ShouldBe(media with { ETag = "\"v2\"", LastModified = null, CacheUntil = null, ExpiresAt = T0.AddDays(31) });
        (await MediaStore.RefreshLinkAsync("404", null, null, null, T0, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ExpiredMediaIsListedOldestFirstUntilDeleted()
    {
        var channel = await NewChannelAsync();
        var soon = NewMedia(channel.PhoneNumberId) with { ExpiresAt = T0.AddDays(7) };
        var later = NewMedia(channel.PhoneNumberId) with { ExpiresAt = T0.AddDays(30) };
        await MediaStore.CreateAsync(later, Ct);
        await MediaStore.CreateAsync(soon, Ct);

        (await MediaStore.ListExpiredAsync(T0.AddDays(8), 10, Ct)).Select(m => m.Id).ShouldBe([soon.Id]);
        (await MediaStore.ListExpiredAsync(T0.AddDays(31), 10, Ct)).Select(m => m.Id).ShouldBe([soon.Id, later.Id]);
        (await MediaStore.ListExpiredAsync(T0.AddDays(31), 1, Ct)).Count.ShouldBe(1);
        await MediaStore.DeleteAsync(soon.Id, T0.AddDays(8), Ct);
        (await MediaStore.ListExpiredAsync(T0.AddDays(31), 10, Ct)).Select(m => m.Id).ShouldBe([later.Id]);
    }
}
