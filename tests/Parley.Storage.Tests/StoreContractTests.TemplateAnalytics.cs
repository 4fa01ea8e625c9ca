using Parley.Core.Model;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private ITemplateAnalyticsStore TemplateAnalytics => Stores.Service<ITemplateAnalyticsStore>();

    [Fact]
    public async Task TemplateSendsAreListedWithTheFirstTimeOfEachStatusTheirPriceAndTheirClicks()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var template = Outbound(channel) with
        {
            Type = "template",
            Payload = """{"messaging_product":"whatsapp","to":"15551230000","type":"template","template":{"name":"sale","language":{"code":"en"}}}""",
        };
        var unsent = template with { Id = Core.Ids.MessageIds.NewWamid(), CreatedAt = T0.AddSeconds(1) };
        (await Stores.Messages.AcceptAsync(template, null, Ct)).Replayed.ShouldBeFalse();
        (await Stores.Messages.AcceptAsync(unsent, null, Ct)).Replayed.ShouldBeFalse();
        await AcceptAsync(channel); // a text message is not a template send
        (await Stores.Messages.AcceptAsync(template with { Id = Core.Ids.MessageIds.NewWamid(), ChannelId = other.PhoneNumberId }, null, Ct)).Replayed.ShouldBeFalse();

        await Stores.Events.ApplyAsync([Status(template, MessageStatus.Sent, T0.AddSeconds(2)) with { Pricing = new ConversationPricing("marketing", "regular", true, "NA", 0.025m, "USD") }], T0.AddSeconds(2), Ct);
        await Stores.Events.ApplyAsync([Status(template, MessageStatus.Delivered, T0.AddSeconds(3))], T0.AddSeconds(3), Ct);
        await Stores.Events.ApplyAsync([Status(template, MessageStatus.Read, T0.AddSeconds(4))], T0.AddSeconds(4), Ct);

        var sends = await TemplateAnalytics.ListSendsAsync(channel.PhoneNumberId, T0, T0.AddDays(1), 100, Ct);
        sends.Select(s => s.MessageId).ShouldBe([template.Id, unsent.Id]);
        sends[0].ShouldBe(new TemplateSend(template.Id, channel.PhoneNumberId, template.Payload, T0, T0.AddSeconds(2), T0.AddSeconds(3), T0.AddSeconds(4), 25_000, "USD", "marketing"));
        sends[1].SentAt.ShouldBeNull();
        sends[1].PriceMicros.ShouldBeNull();
        (await TemplateAnalytics.ListSendsAsync(channel.PhoneNumberId, T0.AddSeconds(1), T0.AddDays(1), 100, Ct)).Select(s => s.MessageId).ShouldBe([unsent.Id]);
        (await TemplateAnalytics.ListSendsAsync(channel.PhoneNumberId, T0, T0.AddDays(1), 1, Ct)).Select(s => s.MessageId).ShouldBe([template.Id]);

        var click = new TemplateClick(template.Id, channel.PhoneNumberId, 1, T0.AddMinutes(1));
        (await TemplateAnalytics.RecordClickAsync(click, Ct)).ShouldBeTrue();
        (await TemplateAnalytics.RecordClickAsync(click with { ClickedAt = T0.AddMinutes(2) }, Ct)).ShouldBeFalse();
        (await TemplateAnalytics.RecordClickAsync(click with { ButtonIndex = 0 }, Ct)).ShouldBeTrue();
        (await TemplateAnalytics.ListClicksAsync(channel.PhoneNumberId, T0, T0.AddDays(1), Ct)).OrderBy(c => c.ButtonIndex).ShouldBe([click with { ButtonIndex = 0 }, click]);
        (await TemplateAnalytics.ListClicksAsync(channel.PhoneNumberId, T0.AddSeconds(1), T0.AddDays(1), Ct)).ShouldBeEmpty();
        (await TemplateAnalytics.ListClicksAsync(other.PhoneNumberId, T0, T0.AddDays(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TemplateAnalyticsSettingsAreOffUntilSetAndATemplateInheritsItsAccountsOptOut()
    {
        var settings = Stores.Service<TemplateAnalyticsSettings>();
        var account = NewId();

        (await settings.GetAccountAsync(account, Ct)).ShouldBe(new AccountTemplateAnalytics(false, false));
        (await settings.SetAccountAsync(account, true, null, T0, Ct)).Value.ShouldBe(new AccountTemplateAnalytics(true, false));
        (await settings.IsTemplateOptedOutAsync(account, "7001", Ct)).ShouldBeFalse();
        await settings.SetAccountAsync(account, null, true, T0, Ct);
        (await settings.GetAccountAsync(account, Ct)).ShouldBe(new AccountTemplateAnalytics(true, true));
        (await settings.IsTemplateOptedOutAsync(account, "7001", Ct)).ShouldBeTrue();
        await settings.SetTemplateOptedOutAsync("7001", false, T0, Ct);
        (await settings.IsTemplateOptedOutAsync(account, "7001", Ct)).ShouldBeFalse();
    }
}
