using System.Text.Json.Nodes;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Users;

namespace Parley.Storage.Tests;

/// <summary>Users and their aliases: every identity of a user names one conversation (window, history, statuses).</summary>
public abstract partial class StoreContractTests
{
    private const string Phone = "15557650505";
    private const string UserBsuid = "US.13491208655302741918";

    private IUserStore Users => Stores.Get<IUserStore>();

    private static InboundEvent UserWrites(Channel channel, DateTimeOffset at, WhatsAppUser user, string type = "text", IReadOnlyList<string>? previous = null)
    {
        var id = MessageIds.NewWamid();
        var message = new JsonObject();
        if (user.WaId is not null)
        {
            message["from"] = user.WaId;
        }
        message["from_user_id"] = user.UserId;
        message["id"] = id;
        message["timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        message["type"] = type;
        return new InboundEvent(channel.PhoneNumberId, at, id, user, type, message.ToJsonString(), previous);
    }

    [Fact]
    public async Task ABsuidOnlyUserIsFoundByTheirBsuidWithTheirUsernameAndNoNumber()
    {
        var channel = await NewChannelAsync();

        await Stores.Events.ApplyAsync([UserWrites(channel, T0, new WhatsAppUser(null, UserBsuid, null, "ana.b", "Ana"))], T0, Ct);

        (await Users.FindAsync(channel.PhoneNumberId, UserBsuid, Ct)).ShouldBe(new WhatsAppUser(null, UserBsuid, null, "ana.b", "Ana"));
        (await Users.FindAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBeNull();
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, UserBsuid, Ct)).ShouldBe(T0);
        (await Users.FindAsync((await NewChannelAsync()).PhoneNumberId, UserBsuid, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AUserWhoSharesTheirNumberLaterIsOneConversationByEitherIdentity()
    {
        var channel = await NewChannelAsync();
        var bsuidOnly = UserWrites(channel, T0, new WhatsAppUser(null, UserBsuid, null, "ana.b", "Ana"));
        var reply = Outbound(channel, T0.AddMinutes(1), to: UserBsuid);
        await Stores.Events.ApplyAsync([bsuidOnly], T0, Ct);
        (await Stores.Messages.AcceptAsync(reply, null, Ct)).Replayed.ShouldBeFalse();

        // Later the same user writes with their number (and no username in this payload).
        var shared = UserWrites(channel, T0.AddHours(1), new WhatsAppUser(Phone, UserBsuid, null, null, "Ana"));
        await Stores.Events.ApplyAsync([shared], T0.AddHours(1), Ct);

        (await Users.FindAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(new WhatsAppUser(Phone, UserBsuid, null, "ana.b", "Ana"));
        (await Users.IdentitiesAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe([Phone, UserBsuid]);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(T0.AddHours(1));
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, UserBsuid, Ct)).ShouldBe(T0.AddHours(1));
        foreach (var identity in new[] { Phone, UserBsuid })
        {
            var page = await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Peer: identity), Ct);
            page.Items.Select(m => m.Id).ShouldBe([shared.MessageId, reply.Id, bsuidOnly.MessageId]);
        }
    }

    [Fact]
    public async Task TwoIdentitiesSeenApartBecomeOneUserKeepingTheLaterWindow()
    {
        var channel = await NewChannelAsync();
        // The number wrote first (a phone-only payload), the BSUID later on its own: two users until a message shows both.
        await Stores.Events.ApplyAsync([UserWrites(channel, T0, WhatsAppUser.ByPhone(Phone, "Ana"))], T0, Ct);
        await Stores.Events.ApplyAsync([UserWrites(channel, T0.AddHours(2), new WhatsAppUser(null, UserBsuid, null, "ana.b", "Ana"))], T0, Ct);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(T0);

        await Stores.Events.ApplyAsync([UserWrites(channel, T0.AddHours(1), new WhatsAppUser(Phone, UserBsuid, null, null, "Ana"))], T0, Ct);

        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(T0.AddHours(2));
        (await Users.FindAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(new WhatsAppUser(Phone, UserBsuid, null, "ana.b", "Ana"));
        (await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Peer: Phone), Ct)).Items.Count.ShouldBe(3);
    }

    [Fact]
    public async Task AChangeOfNumberKeepsTheConversationAndDoesNotOpenTheWindow()
    {
        var channel = await NewChannelAsync();
        await Stores.Events.ApplyAsync([UserWrites(channel, T0, new WhatsAppUser(Phone, UserBsuid, null, null, "Ana"))], T0, Ct);
        const string newPhone = "15557651234";
        const string newBsuid = "US.99999999999999999999";

        await Stores.Events.ApplyAsync(
            [UserWrites(channel, T0.AddHours(3), new WhatsAppUser(newPhone, newBsuid, null, null, ""), "system", [Phone, UserBsuid])], T0, Ct);

        (await Users.FindAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(new WhatsAppUser(newPhone, newBsuid, null, null, "Ana"));
        (await Users.IdentitiesAsync(channel.PhoneNumberId, newBsuid, Ct)).ShouldBe([Phone, newPhone, UserBsuid, newBsuid]);
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, newPhone, Ct)).ShouldBe(T0);
        (await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Peer: newPhone), Ct)).Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AStatusOfAMessageSentByBsuidNamesTheRecipientByBsuidAndByTheNumberOnceKnown()
    {
        var channel = await NewChannelAsync();
        await SubscribeAsync(channel, events: EventKinds.Statuses);
        await Stores.Events.ApplyAsync([UserWrites(channel, T0, new WhatsAppUser(Phone, UserBsuid, null, "ana.b", "Ana"))], T0, Ct);
        var byBsuid = Outbound(channel, T0, to: UserBsuid);
        var byPhone = Outbound(channel, T0, to: Phone);
        await Stores.Messages.AcceptAsync(byBsuid, null, Ct);
        await Stores.Messages.AcceptAsync(byPhone, null, Ct);

        await Stores.Events.ApplyAsync(
        [
            new StatusEvent(channel.PhoneNumberId, T0, byBsuid.Id, MessageStatus.Sent),
            new StatusEvent(channel.PhoneNumberId, T0, byPhone.Id, MessageStatus.Sent),
        ], T0, Ct);

        var statuses = (await ClaimOutboxAsync(T0.AddSeconds(1))).Select(e => JsonNode.Parse(e.Payload)!).ToDictionary(s => s["id"]!.GetValue<string>());
        statuses[byBsuid.Id]!["recipient_user_id"]!.GetValue<string>().ShouldBe(UserBsuid);
        statuses[byBsuid.Id]!["recipient_id"]!.GetValue<string>().ShouldBe(Phone);
        statuses[byPhone.Id]!["recipient_id"]!.GetValue<string>().ShouldBe(Phone);
        statuses[byPhone.Id]!["recipient_user_id"]!.GetValue<string>().ShouldBe(UserBsuid);
    }

    [Fact]
    public async Task AStatusNamingTheBsuidOfARecipientAddressedByNumberMakesThemOneUser()
    {
        var channel = await NewChannelAsync();
        var byPhone = await AcceptAsync(channel, to: Phone);

        await Stores.Events.ApplyAsync([new StatusEvent(channel.PhoneNumberId, T0, byPhone.Id, MessageStatus.Sent, RecipientUserId: UserBsuid)], T0, Ct);
        var answer = UserWrites(channel, T0.AddMinutes(5), new WhatsAppUser(null, UserBsuid, null, "ana.b", "Ana"));
        await Stores.Events.ApplyAsync([answer], T0, Ct);

        (await Users.FindAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(new WhatsAppUser(Phone, UserBsuid, null, "ana.b", "Ana"));
        (await Stores.Messages.GetLastInboundAsync(channel.PhoneNumberId, Phone, Ct)).ShouldBe(T0.AddMinutes(5));
        (await Stores.Messages.ListAsync(new MessageQuery(channel.PhoneNumberId, Peer: UserBsuid), Ct)).Items.Select(m => m.Id)
            .ShouldBe([answer.MessageId, byPhone.Id]);
    }
}
