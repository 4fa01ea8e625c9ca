using System.Text.Json;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Templates;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// What changes a business account's templates: Parley itself (the sandbox review), or Meta for an account whose
/// templates live at Meta (its <c>meta</c> channel names the WABA). The Cloud API endpoints call it after authorizing;
/// <see cref="TemplateManagers"/> chooses the implementation by the account's upstream.
/// </summary>
internal interface ITemplateManager
{
    /// <summary>Before a listing of the local copy: the sample template (local), or the copy brought up to date (Meta); the error when that failed.</summary>
    Task<WhatsAppError?> PrepareListAsync(string accountId, CancellationToken cancellationToken);

    Task<Outcome<MessageTemplate>> CreateAsync(string accountId, JsonElement body, CancellationToken cancellationToken);

    Task<WhatsAppError?> EditAsync(MessageTemplate current, JsonElement body, CancellationToken cancellationToken);

    /// <summary>Deletes by name, or the ids (of that name, when given); the Graph error when nothing matched or Meta refused.</summary>
    Task<WhatsAppError?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken);
}

/// <summary>The template manager of accounts whose templates are elsewhere (Meta), or null for Parley's own accounts.</summary>
internal interface IRemoteTemplateManagers
{
    Task<ITemplateManager?> ForAccountAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>Chooses an account's template manager: a remote one when an upstream claims the account, else Parley's own.</summary>
internal sealed class TemplateManagers(LocalTemplateManager local, IEnumerable<IRemoteTemplateManagers> remotes)
{
    public async Task<ITemplateManager> ForAccountAsync(string accountId, CancellationToken cancellationToken)
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

/// <summary>Templates kept and reviewed by Parley (the sandbox).</summary>
internal sealed class LocalTemplateManager(TemplateService templates, TemplateSendGuard guard) : ITemplateManager
{
    public async Task<WhatsAppError?> PrepareListAsync(string accountId, CancellationToken cancellationToken)
    {
        await guard.EnsureSampleAsync(accountId, cancellationToken);
        return null;
    }

    public Task<Outcome<MessageTemplate>> CreateAsync(string accountId, JsonElement body, CancellationToken cancellationToken) =>
        templates.CreateAsync(accountId, body, cancellationToken);

    public Task<WhatsAppError?> EditAsync(MessageTemplate current, JsonElement body, CancellationToken cancellationToken) =>
        templates.EditAsync(current, body, cancellationToken);

    public async Task<WhatsAppError?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var deletion = await templates.DeleteAsync(accountId, name, ids, cancellationToken);
        return deletion.Refusal switch
        {
            TemplateDeletionRefusal.NotFound => NotFound(name, ids),
            TemplateDeletionRefusal.Disabled => TemplateDeletionRules.DisabledCannotBeDeleted(),
            _ => null,
        };
    }

    public static WhatsAppError NotFound(string? name, IReadOnlyCollection<string>? ids) =>
        ErrorCatalog.InvalidParameter.With(ids is null
            ? $"Message template \"{name}\" could not be found."
            : "Some of the template ids do not exist in this business account (or do not have that name); nothing was deleted.");
}
