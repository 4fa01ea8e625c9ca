using Parley.Core.Ids;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private IBirdDialectStore BirdDialect => Stores.Get<IBirdDialectStore>();

    [Fact]
    public async Task BirdDialectGivesEveryAccountAndChannelOneStableUuidFoundBothWays()
    {
        var channel = await NewChannelAsync();

        var workspace = await BirdDialect.WorkspaceIdAsync(channel.AccountId, Ct);
        var channelId = await BirdDialect.ChannelIdAsync(channel.PhoneNumberId, Ct);

        Guid.TryParse(workspace, out _).ShouldBeTrue();
        Guid.TryParse(channelId, out _).ShouldBeTrue();
        (await BirdDialect.WorkspaceIdAsync(channel.AccountId, Ct)).ShouldBe(workspace);
        (await BirdDialect.ChannelIdAsync(channel.PhoneNumberId, Ct)).ShouldBe(channelId);
        (await BirdDialect.FindAccountAsync(workspace, Ct)).ShouldBe(channel.AccountId);
        (await BirdDialect.FindChannelAsync(channelId, Ct)).ShouldBe(channel.PhoneNumberId);
        (await BirdDialect.FindChannelAsync(Guid.NewGuid().ToString(), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task BirdDialectBackfillNamesAccountsAndChannelsCreatedWithoutIt()
    {
        var first = await NewChannelAsync();
        var second = await NewChannelAsync();

        await BirdDialect.BackfillAsync(Ct);
        await BirdDialect.BackfillAsync(Ct);

        foreach (var channel in new[] { first, second })
        {
            var workspace = await BirdDialect.WorkspaceIdAsync(channel.AccountId, Ct);
            (await BirdDialect.FindAccountAsync(workspace, Ct)).ShouldBe(channel.AccountId);
            var channelId = await BirdDialect.ChannelIdAsync(channel.PhoneNumberId, Ct);
            (await BirdDialect.FindChannelAsync(channelId, Ct)).ShouldBe(channel.PhoneNumberId);
        }
        (await BirdDialect.WorkspaceIdAsync(first.AccountId, Ct)).ShouldNotBe(await BirdDialect.WorkspaceIdAsync(second.AccountId, Ct));
    }

    [Fact]
    public async Task BirdDialectAssignedUuidsAreKeptAndNeverReplaced()
    {
        var channel = await NewChannelAsync();
        var workspace = Guid.NewGuid().ToString();
        var channelId = Guid.NewGuid().ToString();

        await BirdDialect.AssignAsync(channel.AccountId, workspace, channel.PhoneNumberId, channelId, Ct);
        await BirdDialect.AssignAsync(channel.AccountId, Guid.NewGuid().ToString(), channel.PhoneNumberId, Guid.NewGuid().ToString(), Ct);

        (await BirdDialect.WorkspaceIdAsync(channel.AccountId, Ct)).ShouldBe(workspace);
        (await BirdDialect.ChannelIdAsync(channel.PhoneNumberId, Ct)).ShouldBe(channelId);
    }

    [Fact]
    public async Task BirdDialectMessageKeepsItsPartsInOrderAndOtherWamidsGetIdsOfTheirOwn()
    {
        var channel = await NewChannelAsync();
        var id = Guid.NewGuid().ToString();
        string[] parts = [MessageIds.NewWamid(), MessageIds.NewWamid(), MessageIds.NewWamid()];
        var record = new BirdMessageRecord(id, channel.PhoneNumberId, """{"body":{"type":"image"}}""", "order-1", T0);

        await BirdDialect.CreateMessageAsync(record, parts, Ct);

        (await BirdDialect.GetMessageAsync(channel.PhoneNumberId, id, Ct)).ShouldBe(record);
        (await BirdDialect.GetMessageAsync("other-channel", id, Ct)).ShouldBeNull();
        (await BirdDialect.PartsAsync(channel.PhoneNumberId, id, Ct)).ShouldBe(parts);
        var inbound = MessageIds.NewWamid();
        var ids = await BirdDialect.IdsOfAsync(channel.PhoneNumberId, [parts[1], inbound], Ct);
        ids[parts[1]].ShouldBe(new BirdMessageRef(id, 1, 3));
        ids[inbound].Parts.ShouldBe(1);
        ids[inbound].Id.ShouldNotBe(id);
        (await BirdDialect.IdsOfAsync(channel.PhoneNumberId, [inbound], Ct))[inbound].ShouldBe(ids[inbound]);
        (await BirdDialect.PartsAsync(channel.PhoneNumberId, ids[inbound].Id, Ct)).ShouldBe([inbound]);
        (await BirdDialect.GetMessageAsync(channel.PhoneNumberId, ids[inbound].Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task BirdDialectMessageRecordedAfterAPartWasGivenAnIdOfItsOwnTakesThatPartOver()
    {
        var channel = await NewChannelAsync();
        string[] parts = [MessageIds.NewWamid(), MessageIds.NewWamid()];
        var early = await BirdDialect.IdsOfAsync(channel.PhoneNumberId, [parts[0]], Ct); // a status webhook of part 1 ran first
        var id = Guid.NewGuid().ToString();

        await BirdDialect.CreateMessageAsync(new BirdMessageRecord(id, channel.PhoneNumberId, "{}", null, T0), parts, Ct);

        early[parts[0]].Id.ShouldNotBe(id);
        (await BirdDialect.PartsAsync(channel.PhoneNumberId, id, Ct)).ShouldBe(parts);
        (await BirdDialect.IdsOfAsync(channel.PhoneNumberId, [parts[0]], Ct))[parts[0]].ShouldBe(new BirdMessageRef(id, 0, 2));
        (await BirdDialect.PartsAsync(channel.PhoneNumberId, early[parts[0]].Id, Ct)).ShouldBeEmpty();
    }
}
