using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Users;

namespace Parley.Storage.Tests;

/// <summary>Each number's blocklist: a block matches every identity of the user, fills up, pages, and changes version.</summary>
public abstract partial class StoreContractTests
{
    private IBlockStore Blocks => Stores.Get<IBlockStore>();

    [Fact]
    public async Task ABlockMatchesEveryIdentityOfTheUserStopsAtCapacityAndUnblocksByAnyIdentity()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        const string phone = "15550100001";
        const string bsuid = "US.900100001";
        // The user wrote with both identities, so the channel knows them as one user.
        var id = MessageIds.NewWamid();
        await Stores.Events.ApplyAsync([new InboundEvent(channel.PhoneNumberId, T0, id, new WhatsAppUser(phone, bsuid, null, null, "Ana"), "text",
            $$$"""{"from":"{{{phone}}}","id":"{{{id}}}","timestamp":"1","type":"text","text":{"body":"hi"}}""")], T0, Ct);

        (await Blocks.BlockAsync(channel.PhoneNumberId, [new BlockedUser(phone, null, T0)], 2, Ct)).ShouldBe([true]);
        (await Blocks.IsBlockedAsync(channel.PhoneNumberId, phone, Ct)).ShouldBeTrue();
        (await Blocks.IsBlockedAsync(channel.PhoneNumberId, bsuid, Ct)).ShouldBeTrue("the BSUID is an alias of the blocked number");
        (await Blocks.IsBlockedAsync(other.PhoneNumberId, phone, Ct)).ShouldBeFalse("a blocklist is one number's");
        (await Blocks.IsBlockedAsync(channel.PhoneNumberId, "15550100002", Ct)).ShouldBeFalse();

        // Blocking the same user again takes no room; the list holds two, so the third user finds it full.
        var before = await Blocks.ListAsync(channel.PhoneNumberId, 0, 10, Ct);
        (await Blocks.BlockAsync(channel.PhoneNumberId,
            [new BlockedUser(bsuid, null, T0.AddSeconds(1)), new BlockedUser("15550100002", null, T0.AddSeconds(2)), new BlockedUser("15550100003", null, T0.AddSeconds(3))],
            2, Ct)).ShouldBe([true, true, false]);
        var page = await Blocks.ListAsync(channel.PhoneNumberId, 0, 10, Ct);
        page.Users.Select(u => u.WaId).ShouldBe(["15550100002", phone], "newest block first");
        page.Total.ShouldBe(2);
        page.Version.ShouldNotBe(before.Version);
        (await Blocks.ListAsync(channel.PhoneNumberId, 1, 1, Ct)).Users.Select(u => u.WaId).ShouldBe([phone]);

        // Unblocking by the BSUID removes the block made by phone number.
        await Blocks.UnblockAsync(channel.PhoneNumberId, [bsuid, "15550100009"], Ct);
        (await Blocks.IsBlockedAsync(channel.PhoneNumberId, phone, Ct)).ShouldBeFalse();
        (await Blocks.ListAsync(channel.PhoneNumberId, 0, 10, Ct)).Users.Select(u => u.WaId).ShouldBe(["15550100002"]);
        var never = await Blocks.ListAsync(other.PhoneNumberId, 0, 10, Ct);
        never.Users.ShouldBeEmpty();
        never.Version.ShouldBe(0, "a number that never blocked anyone");
    }
}
