using Parley.Core.Ids;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IChannelsDialectStore ChannelsDialect => Stores.Get<IChannelsDialectStore>();

    [Fact]
    public async Task ChannelsDialectGivesEveryAccountAndChannelOneStableUuidFoundBothWays()
    {
        var channel = await NewChannelAsync();

        var workspace = await ChannelsDialect.WorkspaceIdAsync(channel.AccountId, Ct);
        var channelId = await ChannelsDialect.ChannelIdAsync(channel.PhoneNumberId, Ct);

        Guid.TryParse(workspace, out _).ShouldBeTrue();
        Guid.TryParse(channelId, out _).ShouldBeTrue();
        (await ChannelsDialect.WorkspaceIdAsync(channel.AccountId, Ct)).ShouldBe(workspace);
        (await ChannelsDialect.ChannelIdAsync(channel.PhoneNumberId, Ct)).ShouldBe(channelId);
        (await ChannelsDialect.FindAccountAsync(workspace, Ct)).ShouldBe(channel.AccountId);
        (await ChannelsDialect.FindChannelAsync(channelId, Ct)).ShouldBe(channel.PhoneNumberId);
        (await ChannelsDialect.FindChannelAsync(Guid.NewGuid().ToString(), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ChannelsDialectBackfillNamesAccountsAndChannelsCreatedWithoutIt()
    {
        var first = await NewChannelAsync();
        var second = await NewChannelAsync();

        await ChannelsDialect.BackfillAsync(Ct);
        await ChannelsDialect.BackfillAsync(Ct);

        foreach (var channel in new[] { first, second })
        {
            var workspace = await ChannelsDialect.WorkspaceIdAsync(channel.AccountId, Ct);
            (await ChannelsDialect.FindAccountAsync(workspace, Ct)).ShouldBe(channel.AccountId);
            var channelId = await ChannelsDialect.ChannelIdAsync(channel.PhoneNumberId, Ct);
            (await ChannelsDialect.FindChannelAsync(channelId, Ct)).ShouldBe(channel.PhoneNumberId);
        }
        (await ChannelsDialect.WorkspaceIdAsync(first.AccountId, Ct)).ShouldNotBe(await ChannelsDialect.WorkspaceIdAsync(second.AccountId, Ct));
    }

    [Fact]
    public async Task ChannelsDialectAssignedUuidsAreKeptAndNeverReplaced()
    {
        var channel = await NewChannelAsync();
        var workspace = Guid.NewGuid().ToString();
        var channelId = Guid.NewGuid().ToString();

        await ChannelsDialect.AssignAsync(channel.AccountId, workspace, channel.PhoneNumberId, channelId, Ct);
        await ChannelsDialect.AssignAsync(channel.AccountId, Guid.NewGuid().ToString(), channel.PhoneNumberId, Guid.NewGuid().ToString(), Ct);

        (await ChannelsDialect.WorkspaceIdAsync(channel.AccountId, Ct)).ShouldBe(workspace);
        (await ChannelsDialect.ChannelIdAsync(channel.PhoneNumberId, Ct)).ShouldBe(channelId);
    }

    [Fact]
    public async Task ChannelsDialectMessageKeepsItsPartsInOrderAndOtherWamidsGetIdsOfTheirOwn()
    {
        var channel = await NewChannelAsync();
        var id = Guid.NewGuid().ToString();
        string[] parts = [MessageIds.NewWamid(), MessageIds.NewWamid(), MessageIds.NewWamid()];
        var record = new ChannelsMessageRecord(id, channel.PhoneNumberId, """{"body":{"type":"image"}}""", "order-1", T0);

        await ChannelsDialect.CreateMessageAsync(record, parts, Ct);

        (await ChannelsDialect.GetMessageAsync(channel.PhoneNumberId, id, Ct)).ShouldBe(record);
        (await ChannelsDialect.GetMessageAsync("other-channel", id, Ct)).ShouldBeNull();
        (await ChannelsDialect.PartsAsync(channel.PhoneNumberId, id, Ct)).ShouldBe(parts);
        var inbound = MessageIds.NewWamid();
        var ids = await ChannelsDialect.IdsOfAsync(channel.PhoneNumberId, [parts[1], inbound], Ct);
        ids[parts[1]].ShouldBe(new ChannelsMessageRef(id, 1, 3));
        ids[inbound].Parts.ShouldBe(1);
        ids[inbound].Id.ShouldNotBe(id);
        (await ChannelsDialect.IdsOfAsync(channel.PhoneNumberId, [inbound], Ct))[inbound].ShouldBe(ids[inbound]);
        (await ChannelsDialect.PartsAsync(channel.PhoneNumberId, ids[inbound].Id, Ct)).ShouldBe([inbound]);
        (await ChannelsDialect.GetMessageAsync(channel.PhoneNumberId, ids[inbound].Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ChannelsDialectMessageRecordedAfterAPartWasGivenAnIdOfItsOwnTakesThatPartOver()
    {
        var channel = await NewChannelAsync();
        string[] parts = [MessageIds.NewWamid(), MessageIds.NewWamid()];
        var early = await ChannelsDialect.IdsOfAsync(channel.PhoneNumberId, [parts[0]], Ct); // a status webhook of part 1 ran first
        var id = Guid.NewGuid().ToString();

        await ChannelsDialect.CreateMessageAsync(new ChannelsMessageRecord(id, channel.PhoneNumberId, "{}", null, T0), parts, Ct);

        early[parts[0]].Id.ShouldNotBe(id);
        (await ChannelsDialect.PartsAsync(channel.PhoneNumberId, id, Ct)).ShouldBe(parts);
        (await ChannelsDialect.IdsOfAsync(channel.PhoneNumberId, [parts[0]], Ct))[parts[0]].ShouldBe(new ChannelsMessageRef(id, 0, 2));
        (await ChannelsDialect.PartsAsync(channel.PhoneNumberId, early[parts[0]].Id, Ct)).ShouldBeEmpty();
    }
}
