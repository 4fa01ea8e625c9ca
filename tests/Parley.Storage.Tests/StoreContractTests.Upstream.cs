namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task UpstreamIdsFindTheirMessagesPerChannel()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var ids = Stores.Get<IUpstreamMessageIds>();

        await ids.RememberAsync(channel.PhoneNumberId, message.Id, "wamid.upstream-1", Ct);
        await ids.RememberAsync(channel.PhoneNumberId, message.Id, "wamid.upstream-1", Ct); // repeating is harmless

        var found = await ids.FindAsync(channel.PhoneNumberId, ["wamid.upstream-1", "wamid.unknown"], Ct);
        found.ShouldBe(new Dictionary<string, string> { ["wamid.upstream-1"] = message.Id });
        (await ids.FindAsync(other.PhoneNumberId, ["wamid.upstream-1"], Ct)).ShouldBeEmpty("upstream ids are per channel");
        (await ids.FindAsync(channel.PhoneNumberId, [], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeferPutsTheJobBackDueLaterWithoutCountingAnAttempt()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);
        var job = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();

        await Stores.Get<IDispatchDeferral>().DeferAsync(job, T0.AddSeconds(6), Ct);

        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddSeconds(5), T0.AddSeconds(5) + Lease, Ct)).ShouldBeEmpty("not due before the deferral ends");
        var again = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0.AddSeconds(6), T0.AddSeconds(6) + Lease, Ct)).ShouldHaveSingleItem();
        again.Message.Id.ShouldBe(message.Id);
        again.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task DeferOfAStaleClaimChangesNothing()
    {
        var channel = await NewChannelAsync();
        await AcceptAsync(channel);
        var stale = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();
        var now = T0 + Lease;
        var current = (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, now, now + Lease, Ct)).ShouldHaveSingleItem();

        await Stores.Get<IDispatchDeferral>().DeferAsync(stale, now.AddHours(1), Ct);

        (await Stores.Queue.ClaimAsync(channel.PhoneNumberId, 10, now + Lease, now + Lease + Lease, Ct)).ShouldHaveSingleItem()
            .Message.Id.ShouldBe(current.Message.Id, "the new claimant's job is not moved by the old claim");
    }
}
