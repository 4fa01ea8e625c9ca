using Parley.Core.Flows;

namespace Parley.Storage.Tests;

/// <summary>Flows, their status webhooks and business encryption keys, the same on both stores.</summary>
public abstract partial class StoreContractTests
{
    private IFlowStore Flows => Stores.Get<IFlowStore>();

    private static Flow NewFlow(string accountId, string name, DateTimeOffset at) =>
        new(NewId(), accountId, name, ["SIGN_UP", "OTHER"], FlowStatuses.Draft, """{"version":"7.3","screens":[]}""",
            [new FlowValidationError("INVALID_PROPERTY", "JSON_SCHEMA_ERROR", "bad", 3, 3, 5, 9)], "7.3", null, null, null, null, at, at);

    [Fact]
    public async Task AFlowIsStoredWithItsValidationErrorsAndFoundByIdAndName()
    {
        var channel = await NewChannelAsync();
        var flow = NewFlow(channel.AccountId, "signup", T0);

        (await Flows.CreateAsync(flow, Ct)).ShouldBe(FlowCreateOutcome.Created);

        var stored = await Flows.GetAsync(flow.Id, Ct);
        stored.ShouldNotBeNull();
        stored.Categories.ShouldBe(["SIGN_UP", "OTHER"]);
        stored.ValidationErrors.ShouldBe(flow.ValidationErrors);
        (stored with { Categories = flow.Categories, ValidationErrors = flow.ValidationErrors }).ShouldBe(flow);
        (await Flows.FindByNameAsync(channel.AccountId, "signup", Ct))!.Id.ShouldBe(flow.Id);
        (await Flows.FindByNameAsync(channel.AccountId, "other", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FlowNamesAreUniqueWithinAnAccountOnly()
    {
        var channel = await NewChannelAsync();
        var otherAccount = await NewChannelAsync();
        await Flows.CreateAsync(NewFlow(channel.AccountId, "signup", T0), Ct);

        (await Flows.CreateAsync(NewFlow(channel.AccountId, "signup", T0), Ct)).ShouldBe(FlowCreateOutcome.DuplicateName);
        (await Flows.CreateAsync(NewFlow(otherAccount.AccountId, "signup", T0), Ct)).ShouldBe(FlowCreateOutcome.Created);
    }

    [Fact]
    public async Task AStatusChangeAppliesOnceAndFansItsWebhookOutToEveryChannelOfTheAccount()
    {
        var first = await NewChannelAsync();
        var second = await NewChannelAsync(first.AccountId);
        var wantsFlows = await SubscribeAsync(first, EventKinds.Flows);
        var wantsAll = await SubscribeAsync(second);
        await SubscribeAsync(second, EventKinds.Messages);
        var flow = NewFlow(first.AccountId, "signup", T0);
        await Flows.CreateAsync(flow, Ct);
        var published = flow with { Status = FlowStatuses.Published, UpdatedAt = T0.AddSeconds(1) };

        (await Flows.UpdateAsync(flow, published, ["""{"event":"FLOW_STATUS_CHANGE"}"""], T0, Ct)).ShouldBeTrue();
        (await Flows.UpdateAsync(flow, published with { Status = FlowStatuses.Deprecated }, ["""{"event":"again"}"""], T0, Ct)).ShouldBeFalse();

        (await Flows.GetAsync(flow.Id, Ct))!.Status.ShouldBe(FlowStatuses.Published);
        var events = await ClaimOutboxAsync(T0);
        events.Select(e => (e.Kind, e.SubscriptionId)).OrderBy(e => e.SubscriptionId)
            .ShouldBe(new[] { (EventKinds.Flows, wantsFlows.Id), (EventKinds.Flows, wantsAll.Id) }.OrderBy(e => e.Item2));
        events.ShouldAllBe(e => e.Payload == """{"event":"FLOW_STATUS_CHANGE"}""");
    }

    [Fact]
    public async Task ARenameToAnotherFlowsNameChangesNothing()
    {
        var channel = await NewChannelAsync();
        var first = NewFlow(channel.AccountId, "first", T0);
        var second = NewFlow(channel.AccountId, "second", T0);
        await Flows.CreateAsync(first, Ct);
        await Flows.CreateAsync(second, Ct);

        (await Flows.UpdateAsync(second, second with { Name = "first", UpdatedAt = T0.AddSeconds(1) }, [], T0, Ct)).ShouldBeFalse();

        (await Flows.GetAsync(second.Id, Ct))!.Name.ShouldBe("second");
    }

    [Fact]
    public async Task OnlyDraftsAreDeleted()
    {
        var channel = await NewChannelAsync();
        var draft = NewFlow(channel.AccountId, "draft", T0);
        var published = NewFlow(channel.AccountId, "published", T0) with { Status = FlowStatuses.Published };
        await Flows.CreateAsync(draft, Ct);
        await Flows.CreateAsync(published, Ct);

        (await Flows.DeleteDraftAsync(draft.Id, Ct)).ShouldBeTrue();
        (await Flows.DeleteDraftAsync(published.Id, Ct)).ShouldBeFalse();

        (await Flows.GetAsync(draft.Id, Ct)).ShouldBeNull();
        (await Flows.GetAsync(published.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AnAccountsFlowsArePagedOldestFirstInBothDirections()
    {
        var channel = await NewChannelAsync();
        var flows = new List<Flow>();
        for (var i = 0; i < 4; i++)
        {
            var flow = NewFlow(channel.AccountId, $"flow{i}", T0.AddSeconds(i));
            flows.Add(flow);
            await Flows.CreateAsync(flow, Ct);
        }
        await Flows.CreateAsync(NewFlow((await NewChannelAsync()).AccountId, "elsewhere", T0), Ct);

        var first = await Flows.ListAsync(channel.AccountId, 2, null, null, Ct);
        var second = await Flows.ListAsync(channel.AccountId, 2, new FlowCursor(first[^1].CreatedAt, first[^1].Id), null, Ct);
        var back = await Flows.ListAsync(channel.AccountId, 2, null, new FlowCursor(second[0].CreatedAt, second[0].Id), Ct);

        first.Select(f => f.Name).ShouldBe(["flow0", "flow1"]);
        second.Select(f => f.Name).ShouldBe(["flow2", "flow3"]);
        back.Select(f => f.Name).ShouldBe(["flow0", "flow1"]);
    }

    [Fact]
    public async Task AnAlertReachesTheAccountsSubscriptionsThatWantFlows()
    {
        var channel = await NewChannelAsync();
        var subscription = await SubscribeAsync(channel, EventKinds.Flows);

        await Flows.AddEventAsync(channel.AccountId, """{"event":"ENDPOINT_ERROR_RATE"}""", T0, Ct);

        (await ClaimOutboxAsync(T0)).Select(e => (e.SubscriptionId, e.Kind, e.Payload))
            .ShouldBe([(subscription.Id, EventKinds.Flows, """{"event":"ENDPOINT_ERROR_RATE"}""")]);
    }

    [Fact]
    public async Task ABusinessKeyIsStoredPerNumberAndReplaced()
    {
        var channel = await NewChannelAsync();

        await Flows.SetEncryptionKeyAsync(new BusinessEncryptionKey(channel.PhoneNumberId, "PEM-1", T0), Ct);
        await Flows.SetEncryptionKeyAsync(new BusinessEncryptionKey(channel.PhoneNumberId, "PEM-2", T0.AddSeconds(1)), Ct);

        (await Flows.GetEncryptionKeyAsync(channel.PhoneNumberId, Ct)).ShouldBe(new BusinessEncryptionKey(channel.PhoneNumberId, "PEM-2", T0.AddSeconds(1)));
        (await Flows.GetEncryptionKeyAsync((await NewChannelAsync()).PhoneNumberId, Ct)).ShouldBeNull();
    }
}
