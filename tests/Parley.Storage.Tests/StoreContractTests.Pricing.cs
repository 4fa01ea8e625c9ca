using Parley.Core.Users;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Pricing;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private static readonly ConversationPricing Marketing = new("marketing", "regular", true, "NA", 0.025m, "USD");

    private IPricingStore Pricing => Stores.Service<IPricingStore>();

    [Fact]
    public async Task AStatusWithPricingRecordsTheMessagesPricingOnce()
    {
        var channel = await NewChannelAsync();
        var message = await AcceptAsync(channel);

        await Stores.Events.ApplyAsync([Status(message, MessageStatus.Sent, T0.AddSeconds(1)) with { Pricing = Marketing }], T0.AddSeconds(1), Ct);
        await Stores.Events.ApplyAsync(
            [Status(message, MessageStatus.Delivered, T0.AddSeconds(2)) with { Pricing = Marketing with { Price = 9m } }], T0.AddSeconds(2), Ct);

        (await Pricing.GetAsync(message.Id, Ct)).ShouldBe(new PricedMessage(message.Id, "marketing", "regular", true, "NA", 0.025m, "USD", T0.AddSeconds(1)));
        (await Pricing.ListAsync(channel.PhoneNumberId, T0, T0.AddDays(1), 100, Ct)).ShouldHaveSingleItem().Price.ShouldBe(0.025m);
    }

    [Fact]
    public async Task PricingIsListedPerChannelAndPeriodOldestFirst()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var first = await AcceptAsync(channel);
        var second = await AcceptAsync(channel);
        var elsewhere = await AcceptAsync(other);
        var free = new ConversationPricing("referral_conversion", "free_entry_point", false, "OTHER", 0m, "USD", new EntryPointConversation("fep-1", null));

        await Stores.Events.ApplyAsync(
        [
            Status(second, MessageStatus.Sent, T0.AddDays(40)) with { Pricing = free },
            Status(first, MessageStatus.Sent, T0.AddSeconds(5)) with { Pricing = Marketing with { Price = 0.0000015m } },
            Status(elsewhere, MessageStatus.Sent, T0.AddSeconds(5)) with { Pricing = Marketing },
        ], T0.AddDays(40), Ct);

        var all = await Pricing.ListAsync(channel.PhoneNumberId, T0, T0.AddDays(41), 100, Ct);
        all.Select(p => p.MessageId).ShouldBe([first.Id, second.Id]);
        all[0].Price.ShouldBe(0.000002m); // kept in whole millionths
        all[1].ShouldBe(new PricedMessage(second.Id, "referral_conversion", "free_entry_point", false, "OTHER", 0m, "USD", T0.AddDays(40)));
        (await Pricing.ListAsync(channel.PhoneNumberId, T0.AddDays(1), T0.AddDays(41), 100, Ct)).Select(p => p.MessageId).ShouldBe([second.Id]);
        (await Pricing.ListAsync(channel.PhoneNumberId, T0, T0.AddDays(41), 1, Ct)).Select(p => p.MessageId).ShouldBe([first.Id]);
    }

    [Fact]
    public async Task AStatusOfAnUnknownMessageRecordsNoPricing()
    {
        var channel = await NewChannelAsync();
        var id = MessageIds.NewWamid();

        await Stores.Events.ApplyAsync([new StatusEvent(channel.PhoneNumberId, T0, id, MessageStatus.Sent, Pricing: Marketing)], T0, Ct);

        (await Pricing.GetAsync(id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task TheLastEntryPointIsTheLatestInboundMessageWithAReferral()
    {
        var channel = await NewChannelAsync();
        const string user = "15557654321";
        var plain = Inbound(channel, T0.AddHours(1), user);
        var referralId = MessageIds.NewWamid();
        var fromAd = new InboundEvent(channel.PhoneNumberId, T0.AddHours(2), referralId, WhatsAppUser.ByPhone(user, "Ana"), "text",
            $$$"""{"from":"{{{user}}}","id":"{{{referralId}}}","timestamp":"1","type":"text","text":{"body":"hi"},"referral":{"source_type":"ad","source_id":"1"}}""");

        await Stores.Events.ApplyAsync([Inbound(channel, T0, user), fromAd, plain with { At = T0.AddHours(3) }], T0.AddHours(3), Ct);

        (await Stores.Messages.GetLastEntryPointAsync(channel.PhoneNumberId, user, T0, Ct)).ShouldBe(T0.AddHours(2));
        (await Stores.Messages.GetLastEntryPointAsync(channel.PhoneNumberId, user, T0.AddHours(2).AddMilliseconds(1), Ct)).ShouldBeNull();
        (await Stores.Messages.GetLastEntryPointAsync(channel.PhoneNumberId, "15550000000", T0, Ct)).ShouldBeNull();
    }
}
