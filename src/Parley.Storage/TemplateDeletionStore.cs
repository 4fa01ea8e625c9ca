using Parley.Core.Templates;

namespace Parley.Storage;

/// <summary>What a template deletion did: the templates deleted, or why nothing was.</summary>
public sealed record TemplateDeletion(IReadOnlyList<MessageTemplate> Deleted, TemplateDeletionRefusal Refusal = TemplateDeletionRefusal.None)
{
    /// <summary>
    /// What to delete of the templates that match the name (<paramref name="matching"/>, locked by the caller's
    /// transaction): those with the <paramref name="ids"/> when given, all or nothing — nothing when an id is not among
    /// them, nothing matches, or one of them is DISABLED.
    /// </summary>
    public static TemplateDeletion Plan(IReadOnlyList<MessageTemplate> matching, IReadOnlyCollection<string>? ids)
    {
        ArgumentNullException.ThrowIfNull(matching);
        if (ids is not null)
        {
            matching = [.. matching.Where(t => ids.Contains(t.Id))];
            if (matching.Count != ids.Distinct().Count())
            {
                return new TemplateDeletion([], TemplateDeletionRefusal.NotFound);
            }
        }
        if (matching.Count == 0)
        {
            return new TemplateDeletion([], TemplateDeletionRefusal.NotFound);
        }
        return matching.Any(t => t.Status == TemplateStatuses.Disabled)
            ? new TemplateDeletion([], TemplateDeletionRefusal.Disabled)
            : new TemplateDeletion(matching);
    }
}

public enum TemplateDeletionRefusal
{
    None,
    /// <summary>No template matched, or (with ids) one of the ids is not the account's (of that name).</summary>
    NotFound,
    /// <summary>A matching template is DISABLED: Meta does not delete those (digest §5.1).</summary>
    Disabled,
}

/// <summary>Template deletion with Meta's side effects (digest §5.1): the DELETED webhook and the 30-day hold on approved names.</summary>
public interface ITemplateDeletionStore
{
    /// <summary>
    /// Deletes an account's templates, all or nothing: all languages of <paramref name="name"/>, or the
    /// <paramref name="ids"/> (of that name, when given). In the same transaction each deleted template's
    /// <paramref name="deletedEvent"/> goes to the webhook outbox of every channel of the account, and the names of
    /// deleted APPROVED templates are recorded with <paramref name="now"/>.
    /// </summary>
    Task<TemplateDeletion> DeleteAsync(
        string accountId, string? name, IReadOnlyCollection<string>? ids, Func<MessageTemplate, string> deletedEvent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When an APPROVED template of this name was last deleted in the account, or null.</summary>
    Task<DateTimeOffset?> ApprovedNameDeletedAtAsync(string accountId, string name, CancellationToken cancellationToken);
}
