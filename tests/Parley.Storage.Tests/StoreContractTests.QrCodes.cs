using Parley.Core.QrCodes;

namespace Parley.Storage.Tests;

/// <summary>Message QR codes of phone numbers, the same on both stores.</summary>
public abstract partial class StoreContractTests
{
    private IQrCodeStore QrCodes => Stores.Get<IQrCodeStore>();

    private static QrCode NewQrCode(string channelId, DateTimeOffset at, string message = "Show me Cyber Monday deals!") =>
        new(QrCodeRules.NewCode(), channelId, message, at, at);

    [Fact]
    public async Task AQrCodeIsStoredUpdatedAndDeletedByItsNumberOnly()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var code = NewQrCode(channel.PhoneNumberId, T0);

        (await QrCodes.CreateAsync(code, QrCodeRules.MaxCodesPerNumber, Ct)).ShouldBeTrue();
        (await QrCodes.CreateAsync(code with { ChannelId = other.PhoneNumberId }, QrCodeRules.MaxCodesPerNumber, Ct)).ShouldBeFalse();

        (await QrCodes.FindAsync(code.Code, Ct)).ShouldBe(code);
        (await QrCodes.UpdateAsync(other.PhoneNumberId, code.Code, "Hijacked", T0.AddSeconds(1), Ct)).ShouldBeNull();
        var updated = await QrCodes.UpdateAsync(channel.PhoneNumberId, code.Code, "Tell me more", T0.AddSeconds(2), Ct);
        updated.ShouldBe(code with { PrefilledMessage = "Tell me more", UpdatedAt = T0.AddSeconds(2) });
        (await QrCodes.DeleteAsync(other.PhoneNumberId, code.Code, Ct)).ShouldBeFalse();
        (await QrCodes.DeleteAsync(channel.PhoneNumberId, code.Code, Ct)).ShouldBeTrue();
        (await QrCodes.FindAsync(code.Code, Ct)).ShouldBeNull();
        (await QrCodes.DeleteAsync(channel.PhoneNumberId, code.Code, Ct)).ShouldBeFalse();
        (await QrCodes.UpdateAsync(channel.PhoneNumberId, code.Code, "Again", T0, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task QrCodesAreListedNewestFirstWithCursorsBothWaysAndCappedPerNumber()
    {
        var channel = await NewChannelAsync();
        var codes = Enumerable.Range(0, 4).Select(i => NewQrCode(channel.PhoneNumberId, T0.AddSeconds(i), $"m{i}")).ToList();
        foreach (var code in codes)
        {
            (await QrCodes.CreateAsync(code, 4, Ct)).ShouldBeTrue();
        }

        (await QrCodes.CreateAsync(NewQrCode(channel.PhoneNumberId, T0), 4, Ct)).ShouldBeFalse();
        var first = await QrCodes.ListAsync(channel.PhoneNumberId, 2, null, null, Ct);
        first.Select(c => c.PrefilledMessage).ShouldBe(["m3", "m2"]);
        var next = await QrCodes.ListAsync(channel.PhoneNumberId, 2, new QrCodeCursor(first[^1].CreatedAt, first[^1].Code), null, Ct);
        next.Select(c => c.PrefilledMessage).ShouldBe(["m1", "m0"]);
        var back = await QrCodes.ListAsync(channel.PhoneNumberId, 1, null, new QrCodeCursor(next[0].CreatedAt, next[0].Code), Ct);
        back.Select(c => c.PrefilledMessage).ShouldBe(["m2"]);
        (await QrCodes.ListAsync((await NewChannelAsync()).PhoneNumberId, 25, null, null, Ct)).ShouldBeEmpty();
    }
}
