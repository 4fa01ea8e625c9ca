namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task UpstreamIdsAreFoundByParleysIdPerChannel()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var ids = Stores.Get<IUpstreamMessageIds>();
        await ids.RememberAsync(channel.PhoneNumberId, message.Id, "wamid.upstream-2", Ct);

        (await ids.FindUpstreamAsync(channel.PhoneNumberId, [message.Id, "wamid.unknown"], Ct))
            .ShouldBe(new Dictionary<string, string> { [message.Id] = "wamid.upstream-2" });
        (await ids.FindUpstreamAsync(other.PhoneNumberId, [message.Id], Ct)).ShouldBeEmpty("upstream ids are per channel");
        (await ids.FindUpstreamAsync(channel.PhoneNumberId, [], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpstreamIdsAreDeletedWithTheirChannel()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var ids = Stores.Get<IUpstreamMessageIds>();
        await ids.RememberAsync(channel.PhoneNumberId, message.Id, "wamid.upstream-3", Ct);

        (await Stores.Accounts.DeleteChannelAsync(channel.PhoneNumberId, Ct)).ShouldBeTrue();

        (await ids.FindAsync(channel.PhoneNumberId, ["wamid.upstream-3"], Ct)).ShouldBeEmpty();
        (await ids.FindUpstreamAsync(channel.PhoneNumberId, [message.Id], Ct)).ShouldBeEmpty();
    }
}
