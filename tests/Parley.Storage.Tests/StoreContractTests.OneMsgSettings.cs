namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IOneMsgSettingsStore OneMsgSettings => Stores.Get<IOneMsgSettingsStore>();

    [Fact]
    public async Task OneMsgSettingsAreNullUntilSetThenReplacedPerChannel()
    {
        var first = await NewChannelAsync();
        var second = await NewChannelAsync();
        (await OneMsgSettings.GetAsync(first.PhoneNumberId, Ct)).ShouldBeNull();

        await OneMsgSettings.SetAsync(first.PhoneNumberId, """{"rawHooks":true}""", DateTimeOffset.UtcNow, Ct);
        await OneMsgSettings.SetAsync(second.PhoneNumberId, """{"guaranteedHooks":false}""", DateTimeOffset.UtcNow, Ct);
        await OneMsgSettings.SetAsync(first.PhoneNumberId, """{"rawHooks":false,"ackNotificationsOn":true}""", DateTimeOffset.UtcNow, Ct);

        (await OneMsgSettings.GetAsync(first.PhoneNumberId, Ct)).ShouldBe("""{"rawHooks":false,"ackNotificationsOn":true}""");
        (await OneMsgSettings.GetAsync(second.PhoneNumberId, Ct)).ShouldBe("""{"guaranteedHooks":false}""");
    }
}
