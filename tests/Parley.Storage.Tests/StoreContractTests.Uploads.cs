namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IUploadStore UploadStore => Stores.Get<IUploadStore>();

    private static UploadSession NewUpload(string accountId, long length = 10) =>
        new(NewId(), accountId, "1234567890", "cat.jpg", "image/jpeg", length, 0, [], null, null, T0, null);

    [Fact]
    public async Task AnUploadSessionAdvancesChunkByChunkFromItsCurrentOffsetOnly()
    {
        var session = NewUpload("waba-1");
        await UploadStore.CreateAsync(session, Ct);

        (await UploadStore.AdvanceAsync(session.Id, 0, 4, Ct)).ShouldBeTrue();
        (await UploadStore.AdvanceAsync(session.Id, 0, 6, Ct)).ShouldBeFalse();
        (await UploadStore.AdvanceAsync(session.Id, 4, 11, Ct)).ShouldBeFalse();
        (await UploadStore.AdvanceAsync(session.Id, 4, 10, Ct)).ShouldBeTrue();

        var read = (await UploadStore.GetAsync(session.Id, Ct)).ShouldNotBeNull();
        read.AccountId.ShouldBe("waba-1");
        read.FileType.ShouldBe("image/jpeg");
        read.FileOffset.ShouldBe(10);
        read.Chunks.ShouldBe([0L, 4L]);
        read.IsComplete.ShouldBeFalse();
        (await UploadStore.GetAsync("404", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AFullyReceivedSessionCompletesOnceAndIsFoundByItsHandle()
    {
        var session = NewUpload("waba-1", length: 3);
        await UploadStore.CreateAsync(session, Ct);
        (await UploadStore.CompleteAsync(session.Id, "4::aW1hZ2UvanBlZw==:early", new string('b', 64), T0, Ct)).ShouldBeFalse();
        await UploadStore.AdvanceAsync(session.Id, 0, 3, Ct);

        var handle = "4::aW1hZ2UvanBlZw==:" + session.Id;
        (await UploadStore.CompleteAsync(session.Id, handle, new string('b', 64), T0.AddSeconds(1), Ct)).ShouldBeTrue();
        (await UploadStore.CompleteAsync(session.Id, handle + "x", new string('c', 64), T0.AddSeconds(2), Ct)).ShouldBeFalse();
        (await UploadStore.AdvanceAsync(session.Id, 3, 3, Ct)).ShouldBeFalse();

        var found = (await UploadStore.GetByHandleAsync(handle, Ct)).ShouldNotBeNull();
        found.Id.ShouldBe(session.Id);
        found.IsComplete.ShouldBeTrue();
        found.Sha256.ShouldBe(new string('b', 64));
        found.CompletedAt.ShouldBe(T0.AddSeconds(1));
        (await UploadStore.GetByHandleAsync("4::aW1hZ2UvanBlZw==:unknown", Ct)).ShouldBeNull();
    }
}
