using Parley.Core.Templates;

namespace Parley.Storage.Tests;

public abstract partial class StoreContractTests
{
    private ITemplateDeletionStore TemplateDeletions => Stores.Get<ITemplateDeletionStore>();

    [Fact]
    public async Task DeletingTemplatesHoldsTheNamesOfApprovedOnesAndRefusesDisabledOnes()
    {
        var channel = await NewChannelAsync();
        var account = channel.AccountId;
        var approved = NewTemplate(account, "promo", "en_US", TemplateStatuses.Approved);
        var pending = NewTemplate(account, "promo", "es", TemplateStatuses.Pending);
        var disabled = NewTemplate(account, "old", "en_US", TemplateStatuses.Disabled);
        foreach (var template in new[] { approved, pending, disabled })
        {
            await Templates.CreateAsync(template, 250, Ct);
        }

        (await TemplateDeletions.DeleteAsync(account, "old", null, _ => "{}", T0, Ct)).Refusal.ShouldBe(TemplateDeletionRefusal.Disabled);
        (await Templates.GetAsync(disabled.Id, Ct)).ShouldNotBeNull();
        (await TemplateDeletions.DeleteAsync(account, "none", null, _ => "{}", T0, Ct)).Refusal.ShouldBe(TemplateDeletionRefusal.NotFound);
        (await TemplateDeletions.DeleteAsync(account, "promo", ["404"], _ => "{}", T0, Ct)).Refusal.ShouldBe(TemplateDeletionRefusal.NotFound);

        var deletion = await TemplateDeletions.DeleteAsync(account, "promo", null, t => $$"""{"event":"DELETED","id":"{{t.Id}}"}""", T0.AddMinutes(1), Ct);

        deletion.Refusal.ShouldBe(TemplateDeletionRefusal.None);
        deletion.Deleted.Select(t => t.Id).Order().ShouldBe(new[] { approved.Id, pending.Id }.Order());
        (await Templates.GetAsync(approved.Id, Ct)).ShouldBeNull();
        (await TemplateDeletions.ApprovedNameDeletedAtAsync(account, "promo", Ct)).ShouldBe(T0.AddMinutes(1));
        (await TemplateDeletions.ApprovedNameDeletedAtAsync(account, "old", Ct)).ShouldBeNull();
        (await TemplateDeletions.ApprovedNameDeletedAtAsync("other-account", "promo", Ct)).ShouldBeNull();
    }
}
