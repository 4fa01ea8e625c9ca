using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Ids;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Flows;

/// <summary>
/// Flows kept by Parley (the sandbox network): WhatsApp's lifecycle rules (<see cref="FlowRules"/>), Flow JSON
/// validated on every upload (<see cref="FlowJsonValidator"/>), the endpoint's health checked before publishing, and a
/// <c>flows</c> webhook with every status change, stored with it in one transaction.
/// </summary>
internal sealed class LocalFlowManager(IFlowStore store, IAccountStore accounts, IFlowEndpointProbe probe, WebhookSignal webhooks, TimeProvider time) : IFlowManager
{
    public async Task<Outcome<FlowCreated>> CreateAsync(string accountId, FlowDraft draft, CancellationToken cancellationToken)
    {
        var flowJson = draft.FlowJson;
        if (draft.CloneFlowId is not null)
        {
            var source = await store.GetAsync(draft.CloneFlowId, cancellationToken);
            if (source is null || source.AccountId != accountId)
            {
                return ErrorCatalog.InvalidParameter.With($"Param clone_flow_id: flow {draft.CloneFlowId} does not exist in this WhatsApp Business Account.");
            }
            flowJson ??= source.FlowJson;
        }
        var now = time.GetUtcNow();
        var flow = WithJson(new Flow(MessageIds.NewNumericId(16), accountId, draft.Name, draft.Categories, FlowStatuses.Draft, null, [], null, null,
            draft.EndpointUri, null, null, now, now), flowJson);
        if (await store.CreateAsync(flow, cancellationToken) == FlowCreateOutcome.DuplicateName)
        {
            return FlowRules.NameNotUnique();
        }
        if (!draft.Publish)
        {
            return new FlowCreated(flow, null);
        }
        var published = await PublishAsync(flow, cancellationToken);
        return new FlowCreated(published.Value ?? flow, published.Error);
    }

    public async Task<Outcome<FlowPage>> ListAsync(string accountId, int limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var afterCursor = after is null ? null : CreationCursor.Decode(after);
        var beforeCursor = before is null ? null : CreationCursor.Decode(before);
        if ((after is not null && afterCursor is null) || (before is not null && beforeCursor is null))
        {
            return ErrorCatalog.InvalidParameter.With("The cursor has either expired or become corrupted. Start pagination from the beginning again.");
        }
        var found = await store.ListAsync(accountId, limit + 1, Cursor(afterCursor), Cursor(beforeCursor), cancellationToken);
        var (page, hasBefore, hasAfter) = CreationCursor.Slice(found, limit, afterCursor is not null, beforeCursor is not null);
        return page.Count == 0
            ? new FlowPage(page, null, null, false, false)
            : new FlowPage(page, CreationCursor.Encode(page[0].CreatedAt, page[0].Id), CreationCursor.Encode(page[^1].CreatedAt, page[^1].Id), hasBefore, hasAfter);
    }

    public async Task<Outcome<Flow>> GetAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        var flow = await store.GetAsync(flowId, cancellationToken);
        return flow is not null && flow.AccountId == accountId ? flow : ErrorCatalog.UnknownObject(flowId, "get");
    }

    public async Task<WhatsAppError?> UpdateMetadataAsync(string accountId, string flowId, FlowMetadataChange change, CancellationToken cancellationToken)
    {
        var found = await GetAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var flow = found.Value;
        if (FlowRules.CheckUpdatable(flow) is { } refused)
        {
            return refused;
        }
        var updated = flow with
        {
            Name = change.Name ?? flow.Name,
            Categories = change.Categories ?? flow.Categories,
            EndpointUri = change.EndpointUri switch { null => flow.EndpointUri, "" => null, var uri => uri },
            UpdatedAt = time.GetUtcNow(),
        };
        return await store.UpdateAsync(flow, updated, [], updated.UpdatedAt, cancellationToken)
            ? null
            : await ConflictAsync(flow, updated, cancellationToken);
    }

    public async Task<Outcome<IReadOnlyList<FlowValidationError>>> UploadFlowJsonAsync(string accountId, string flowId, string flowJson, CancellationToken cancellationToken)
    {
        var found = await GetAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var flow = found.Value;
        if (FlowRules.CheckUpdatable(flow) is { } refused)
        {
            return refused;
        }
        var updated = WithJson(flow, flowJson) with { UpdatedAt = time.GetUtcNow() };
        return await store.UpdateAsync(flow, updated, [], updated.UpdatedAt, cancellationToken)
            ? Outcome<IReadOnlyList<FlowValidationError>>.Success(updated.ValidationErrors)
            : await ConflictAsync(flow, updated, cancellationToken);
    }

    public async Task<Outcome<FlowPreview>> PreviewAsync(string accountId, string flowId, bool invalidate, Uri publicBase, CancellationToken cancellationToken)
    {
        var found = await GetAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        var flow = found.Value;
        var now = time.GetUtcNow();
        if (invalidate || flow.PreviewToken is null || flow.PreviewExpiresAt <= now)
        {
            var updated = flow with { PreviewToken = MessageIds.RandomToken(24), PreviewExpiresAt = now + FlowRules.PreviewLifetime, UpdatedAt = now };
            if (!await store.UpdateAsync(flow, updated, [], now, cancellationToken))
            {
                return ErrorCatalog.ServiceTemporarilyUnavailable.With("The flow changed while its preview was made; try again.");
            }
            flow = updated;
        }
        return new FlowPreview(PreviewUrl(publicBase, flow), flow.PreviewExpiresAt!.Value);
    }

    /// <summary>Where Parley serves a flow's preview: the flow id and the preview token, which invalidating replaces.</summary>
    public static string PreviewUrl(Uri publicBase, Flow flow) =>
        new Uri(publicBase, $"flows/{Uri.EscapeDataString(flow.Id)}/preview?token={Uri.EscapeDataString(flow.PreviewToken!)}").ToString();

    public async Task<WhatsAppError?> PublishAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        var found = await GetAsync(accountId, flowId, cancellationToken);
        return found.Succeeded ? (await PublishAsync(found.Value, cancellationToken)).Error : found.Error;
    }

    public async Task<WhatsAppError?> DeprecateAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        var found = await GetAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        return FlowRules.CheckDeprecatable(found.Value) ?? (await ChangeStatusAsync(found.Value, FlowStatuses.Deprecated, cancellationToken)).Error;
    }

    public async Task<WhatsAppError?> DeleteAsync(string accountId, string flowId, CancellationToken cancellationToken)
    {
        var found = await GetAsync(accountId, flowId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }
        if (FlowRules.CheckDeletable(found.Value) is { } refused)
        {
            return refused;
        }
        return await store.DeleteDraftAsync(flowId, cancellationToken) ? null : FlowRules.CheckDeletable(found.Value with { Status = FlowStatuses.Published });
    }

    public async Task<Outcome<FlowMigration>> MigrateAsync(string destinationAccountId, string sourceAccountId, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var sources = new List<Flow>();
        for (FlowCursor? after = null; ;)
        {
            var page = await store.ListAsync(sourceAccountId, 100, after, null, cancellationToken);
            sources.AddRange(page);
            if (page.Count < 100)
            {
                break;
            }
            after = new FlowCursor(page[^1].CreatedAt, page[^1].Id);
        }
        var migrated = new List<MigratedFlow>();
        var failed = new List<FailedFlowMigration>();
        foreach (var name in names ?? [.. sources.Select(s => s.Name)])
        {
            if (sources.FirstOrDefault(s => s.Name == name) is not { } source)
            {
                failed.Add(new FailedFlowMigration(name, MigrationNameNotFound, "Flows Migration Error: Flow name not found in source WABA."));
                continue;
            }
            var now = time.GetUtcNow();
            var copy = source with
            {
                Id = MessageIds.NewNumericId(16), AccountId = destinationAccountId, Status = FlowStatuses.Draft,
                PreviewToken = null, PreviewExpiresAt = null, CreatedAt = now, UpdatedAt = now,
            };
            if (await store.CreateAsync(copy, cancellationToken) == FlowCreateOutcome.DuplicateName)
            {
                failed.Add(new FailedFlowMigration(name, MigrationNameTaken, "Flows Migration Error: A flow with this name already exists in the destination WABA."));
                continue;
            }
            migrated.Add(new MigratedFlow(name, source.Id, copy.Id));
        }
        return new FlowMigration(migrated, failed);
    }

    /// <summary>Meta's <c>error_code</c> (a string) for a name the source WABA does not have (Meta's example).</summary>
    private const string MigrationNameNotFound = "4233041";

    /// <summary>The code Parley gives a name the destination WABA has already (Meta documents none; UNCONFIRMED).</summary>
    private const string MigrationNameTaken = "4233042";

    private async Task<Outcome<Flow>> PublishAsync(Flow flow, CancellationToken cancellationToken)
    {
        var hasKey = !flow.UsesEndpoint || await AccountHasKeyAsync(flow.AccountId, cancellationToken);
        if (FlowRules.CheckPublishable(flow, hasKey) is { } refused)
        {
            return refused;
        }
        if (flow.UsesEndpoint && await probe.CheckAsync(flow, cancellationToken) is { } unhealthy)
        {
            return unhealthy;
        }
        return await ChangeStatusAsync(flow, FlowStatuses.Published, cancellationToken);
    }

    /// <summary>Moves the flow to <paramref name="status"/> with its <c>FLOW_STATUS_CHANGE</c> webhook.</summary>
    internal async Task<Outcome<Flow>> ChangeStatusAsync(Flow flow, string status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var updated = flow with { Status = status, UpdatedAt = now };
        if (!await store.UpdateAsync(flow, updated, [FlowEvents.StatusChanged(flow, flow.Status, status)], now, cancellationToken))
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("The flow changed meanwhile; read it and try again.");
        }
        webhooks.Notify();
        return updated;
    }

    private async Task<bool> AccountHasKeyAsync(string accountId, CancellationToken cancellationToken)
    {
        foreach (var channel in await accounts.ListChannelsAsync(accountId, cancellationToken))
        {
            if (await store.GetEncryptionKeyAsync(channel.PhoneNumberId, cancellationToken) is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Why an update did not apply: the new name is another flow's, or the flow changed meanwhile.</summary>
    private async Task<WhatsAppError> ConflictAsync(Flow current, Flow updated, CancellationToken cancellationToken) =>
        updated.Name != current.Name && await store.FindByNameAsync(current.AccountId, updated.Name, cancellationToken) is not null
            ? FlowRules.NameNotUnique()
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("The flow changed meanwhile; read it and try again.");

    /// <summary>The flow with this Flow JSON, validated, and the versions it declares.</summary>
    private static Flow WithJson(Flow flow, string? flowJson)
    {
        if (flowJson is null)
        {
            return flow;
        }
        var (jsonVersion, dataApiVersion) = FlowJsonFacts.Read(flowJson);
        return flow with { FlowJson = flowJson, ValidationErrors = FlowJsonValidator.Validate(flowJson), JsonVersion = jsonVersion, DataApiVersion = dataApiVersion };
    }

    private static FlowCursor? Cursor((DateTimeOffset CreatedAt, string Id)? position) =>
        position is { } p ? new FlowCursor(p.CreatedAt, p.Id) : null;
}
