using Parley.Core.Templates;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private const string BodyOnly = """[{"type":"BODY","text":"Hello"}]""";
    private long _templateSeq = 1_750_000_000_000_000;

    private ITemplateStore Templates => Stores.Get<ITemplateStore>();

    private MessageTemplate NewTemplate(string accountId, string name = "order_update", string language = "en_US", string status = TemplateStatuses.Pending,
        string category = TemplateCategories.Utility, DateTimeOffset? reviewDueAt = null) =>
        new((++_templateSeq).ToString(), accountId, name, language, category, null, TemplateParameterFormats.Positional, status,
            TemplateRejectionReasons.None, BodyOnly, T0, T0, ReviewDueAt: reviewDueAt);

    [Fact]
    public async Task TemplatesAreCreatedOncePerNameAndLanguageAndFoundByIdOrNameAndLanguage()
    {
        var channel = await NewChannelAsync();
        var template = NewTemplate(channel.AccountId);

        (await Templates.CreateAsync(template, 250, Ct)).ShouldBe(TemplateCreateOutcome.Created);
        (await Templates.CreateAsync(template with { Id = "1" }, 250, Ct)).ShouldBe(TemplateCreateOutcome.Duplicate);
        (await Templates.CreateAsync(NewTemplate(channel.AccountId, language: "de"), 250, Ct)).ShouldBe(TemplateCreateOutcome.Created);

        (await Templates.GetAsync(template.Id, Ct)).ShouldBe(template);
        (await Templates.FindAsync(channel.AccountId, "order_update", "en_US", Ct)).ShouldBe(template);
        (await Templates.FindAsync(channel.AccountId, "order_update", "fr", Ct)).ShouldBeNull();
        (await Templates.FindAsync(NewId(), "order_update", "en_US", Ct)).ShouldBeNull();
        (await Templates.CountAsync(channel.AccountId, Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task CreatingBeyondTheAccountLimitIsRefused()
    {
        var channel = await NewChannelAsync();
        (await Templates.CreateAsync(NewTemplate(channel.AccountId, "a"), 2, Ct)).ShouldBe(TemplateCreateOutcome.Created);
        (await Templates.CreateAsync(NewTemplate(channel.AccountId, "b"), 2, Ct)).ShouldBe(TemplateCreateOutcome.Created);
        (await Templates.CreateAsync(NewTemplate(channel.AccountId, "c"), 2, Ct)).ShouldBe(TemplateCreateOutcome.LimitReached);
        (await Templates.CountAsync(channel.AccountId, Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task TemplatesAreListedWithFiltersAndCursorsBothWays()
    {
        var channel = await NewChannelAsync();
        var other = await NewChannelAsync();
        var created = new List<MessageTemplate>();
        for (var i = 0; i < 5; i++)
        {
            var template = NewTemplate(channel.AccountId, $"welcome_{i}", status: i % 2 == 0 ? TemplateStatuses.Approved : TemplateStatuses.Rejected,
                category: i == 4 ? TemplateCategories.Marketing : TemplateCategories.Utility);
            await Templates.CreateAsync(template, 250, Ct);
            created.Add(template);
        }
        await Templates.CreateAsync(NewTemplate(other.AccountId, "welcome_0"), 250, Ct);

        var first = await Templates.ListAsync(new TemplateQuery(channel.AccountId, Limit: 2), Ct);
        first.Items.ShouldBe(created.Take(2));
        first.More.ShouldBeTrue();
        var second = await Templates.ListAsync(new TemplateQuery(channel.AccountId, After: first.Items[^1].Id, Limit: 2), Ct);
        second.Items.ShouldBe(created.Skip(2).Take(2));
        var last = await Templates.ListAsync(new TemplateQuery(channel.AccountId, After: second.Items[^1].Id, Limit: 2), Ct);
        last.Items.ShouldBe(created.Skip(4));
        last.More.ShouldBeFalse();
        var back = await Templates.ListAsync(new TemplateQuery(channel.AccountId, Before: last.Items[0].Id, Limit: 3), Ct);
        back.Items.ShouldBe(created.Skip(1).Take(3));
        back.More.ShouldBeTrue();

        (await Templates.ListAsync(new TemplateQuery(channel.AccountId, Status: TemplateStatuses.Approved), Ct)).Items.Count.ShouldBe(3);
        (await Templates.ListAsync(new TemplateQuery(channel.AccountId, Category: TemplateCategories.Marketing), Ct)).Items.ShouldBe([created[4]]);
        (await Templates.ListAsync(new TemplateQuery(channel.AccountId, Name: "come_3"), Ct)).Items.ShouldBe([created[3]]);
        (await Templates.ListAsync(new TemplateQuery(channel.AccountId, Language: "de"), Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task AStatusChangeIsStoredWithItsWebhookForEveryChannelOfTheAccountOnce()
    {
        var channel = await NewChannelAsync();
        var sibling = await NewChannelAsync(channel.AccountId);
        var stranger = await NewChannelAsync();
        var all = await SubscribeAsync(channel);
        var templatesOnly = await SubscribeAsync(sibling, EventKinds.TemplateStatus);
        await SubscribeAsync(sibling, EventKinds.Messages);
        await SubscribeAsync(stranger);
        var template = NewTemplate(channel.AccountId, reviewDueAt: T0);
        await Templates.CreateAsync(template, 250, Ct);

        var approved = template with { Status = TemplateStatuses.Approved, UpdatedAt = T0.AddSeconds(1), ReviewDueAt = null };
        (await Templates.UpdateAsync(template, approved, """{"event":"APPROVED"}""", T0.AddSeconds(1), Ct)).ShouldBeTrue();
        (await Templates.UpdateAsync(template, approved with { Status = TemplateStatuses.Rejected }, """{"event":"REJECTED"}""", T0.AddSeconds(1), Ct)).ShouldBeFalse();

        (await Templates.GetAsync(template.Id, Ct)).ShouldBe(approved);
        var outbox = await ClaimOutboxAsync(T0.AddSeconds(1));
        outbox.Select(e => e.SubscriptionId).ShouldBe([all.Id, templatesOnly.Id], ignoreOrder: true);
        outbox.ShouldAllBe(e => e.Kind == EventKinds.TemplateStatus && e.Payload == """{"event":"APPROVED"}""");
    }

    [Fact]
    public async Task ReviewsFallDueAtTheirTime()
    {
        var channel = await NewChannelAsync();
        var soon = NewTemplate(channel.AccountId, "soon", reviewDueAt: T0.AddSeconds(1));
        var later = NewTemplate(channel.AccountId, "later", reviewDueAt: T0.AddSeconds(5));
        await Templates.CreateAsync(later, 250, Ct);
        await Templates.CreateAsync(soon, 250, Ct);
        await Templates.CreateAsync(NewTemplate(channel.AccountId, "done", TemplateStatuses.Approved), 250, Ct);

        (await Templates.DueForReviewAsync(T0, 10, Ct)).ShouldBeEmpty();
        (await Templates.DueForReviewAsync(T0.AddSeconds(1), 10, Ct)).ShouldBe([soon]);
        (await Templates.DueForReviewAsync(T0.AddSeconds(9), 10, Ct)).ShouldBe([soon, later]);
    }

    [Fact]
    public async Task TemplatesAreDeletedByNameInEveryLanguageByIdOrInBulkAllOrNothing()
    {
        var channel = await NewChannelAsync();
        var english = NewTemplate(channel.AccountId, "promo");
        var german = NewTemplate(channel.AccountId, "promo", "de");
        var a = NewTemplate(channel.AccountId, "a");
        var b = NewTemplate(channel.AccountId, "b");
        var c = NewTemplate(channel.AccountId, "c");
        foreach (var template in new[] { english, german, a, b, c })
        {
            await Templates.CreateAsync(template, 250, Ct);
        }

        (await Templates.DeleteAsync(channel.AccountId, "promo", null, Ct)).ShouldNotBeNull().Count.ShouldBe(2);
        (await Templates.DeleteAsync(channel.AccountId, "missing", null, Ct)).ShouldNotBeNull().ShouldBeEmpty();
        (await Templates.DeleteAsync(channel.AccountId, "b", [a.Id], Ct)).ShouldBeNull();
        (await Templates.DeleteAsync(channel.AccountId, "a", [a.Id], Ct)).ShouldNotBeNull().ShouldBe([a]);
        (await Templates.DeleteAsync(channel.AccountId, null, [b.Id, "404"], Ct)).ShouldBeNull();
        (await Templates.GetAsync(b.Id, Ct)).ShouldNotBeNull();
        (await Templates.DeleteAsync(channel.AccountId, null, [b.Id, c.Id], Ct)).ShouldNotBeNull().Count.ShouldBe(2);
        (await Templates.CountAsync(channel.AccountId, Ct)).ShouldBe(0);
    }
}
