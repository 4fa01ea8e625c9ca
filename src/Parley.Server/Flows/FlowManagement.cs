using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;

namespace Parley.Server.Flows;

/// <summary>What a create call asks for: the metadata (checked by the edge), and optionally a flow to clone, Flow JSON and publishing at once.</summary>
/// <param name="CloneFlowId">A flow of the same account whose Flow JSON the new flow starts with.</param>
/// <param name="FlowJson">The Flow JSON to start with (instead of a clone's).</param>
/// <param name="Publish">Publish right after creating (only when the Flow JSON is valid).</param>
internal sealed record FlowDraft(string Name, IReadOnlyList<string> Categories, string? EndpointUri, string? CloneFlowId, string? FlowJson, bool Publish);

/// <summary>A created flow, and why it was not published when publishing was asked and failed.</summary>
internal sealed record FlowCreated(Flow Flow, WhatsAppError? PublishError);

/// <summary>A page of an account's flows, oldest first, with the cursors of its first and last flow.</summary>
internal sealed record FlowPage(IReadOnlyList<Flow> Flows, string? Before, string? After, bool HasBefore, bool HasAfter);

/// <summary>A metadata change: what is null stays as it is; an empty <paramref name="EndpointUri"/> removes the endpoint.</summary>
internal sealed record FlowMetadataChange(string? Name, IReadOnlyList<string>? Categories, string? EndpointUri);

/// <summary>A flow's web preview: the URL and when it stops working.</summary>
internal sealed record FlowPreview(string Url, DateTimeOffset ExpiresAt);

/// <summary>A flow copied by <c>migrate_flows</c>.</summary>
internal sealed record MigratedFlow(string SourceName, string SourceId, string MigratedId);

/// <summary>A flow <c>migrate_flows</c> could not copy, with Meta's error code (a string, as Meta sends it) and message.</summary>
internal sealed record FailedFlowMigration(string SourceName, string ErrorCode, string ErrorMessage);

internal sealed record FlowMigration(IReadOnlyList<MigratedFlow> Migrated, IReadOnlyList<FailedFlowMigration> Failed);

/// <summary>
/// What manages a business account's flows: Parley itself (the sandbox network), or Meta for an account whose
/// flows live at Meta. Both dialects' endpoints call it after authorizing the account; <see cref="FlowManagers"/>
/// chooses by the account's upstream. Every method answers a WhatsApp error (from <see cref="ErrorCatalog"/>)
/// instead of throwing; a flow of another account is answered as unknown.
/// </summary>
internal interface IFlowManager
{
    Task<Outcome<FlowCreated>> CreateAsync(string accountId, FlowDraft draft, CancellationToken cancellationToken);

    /// <summary>A page of the account's flows; <paramref name="after"/> and <paramref name="before"/> are cursors of an earlier page.</summary>
    Task<Outcome<FlowPage>> ListAsync(string accountId, int limit, string? after, string? before, CancellationToken cancellationToken);

    Task<Outcome<Flow>> GetAsync(string accountId, string flowId, CancellationToken cancellationToken);

    Task<WhatsAppError?> UpdateMetadataAsync(string accountId, string flowId, FlowMetadataChange change, CancellationToken cancellationToken);

    /// <summary>Replaces the flow's Flow JSON (a draft's only) and answers what validating it found (saved either way).</summary>
    Task<Outcome<IReadOnlyList<FlowValidationError>>> UploadFlowJsonAsync(string accountId, string flowId, string flowJson, CancellationToken cancellationToken);

    /// <summary>The flow's preview URL (under <paramref name="publicBase"/> for Parley's own); a new one when <paramref name="invalidate"/>.</summary>
    Task<Outcome<FlowPreview>> PreviewAsync(string accountId, string flowId, bool invalidate, Uri publicBase, CancellationToken cancellationToken);

    Task<WhatsAppError?> PublishAsync(string accountId, string flowId, CancellationToken cancellationToken);

    Task<WhatsAppError?> DeprecateAsync(string accountId, string flowId, CancellationToken cancellationToken);

    Task<WhatsAppError?> DeleteAsync(string accountId, string flowId, CancellationToken cancellationToken);

    /// <summary>Copies the source account's flows (those named, or all) into the destination account under the same names.</summary>
    Task<Outcome<FlowMigration>> MigrateAsync(string destinationAccountId, string sourceAccountId, IReadOnlyList<string>? names, CancellationToken cancellationToken);
}

/// <summary>The flow manager of accounts whose flows are elsewhere (Meta), or null for Parley's own accounts.</summary>
internal interface IRemoteFlowManagers
{
    Task<IFlowManager?> ForAccountAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>Chooses an account's flow manager: a remote one when an upstream claims the account, else Parley's own.</summary>
internal sealed class FlowManagers(LocalFlowManager local, IEnumerable<IRemoteFlowManagers> remotes)
{
    public async Task<IFlowManager> ForAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        foreach (var remote in remotes)
        {
            if (await remote.ForAccountAsync(accountId, cancellationToken) is { } manager)
            {
                return manager;
            }
        }
        return local;
    }
}

/// <summary>
/// WhatsApp's health check of a flow's endpoint before publishing (an encrypted <c>ping</c>): null when the endpoint
/// answered as a healthy one, else the publishing error Meta gives ("Endpoint Not Available").
/// </summary>
internal interface IFlowEndpointProbe
{
    Task<WhatsAppError?> CheckAsync(Flow flow, CancellationToken cancellationToken);
}
