using Parley.Core.Templates;

namespace Parley.Storage;

/// <summary>Message templates of business accounts, with the sandbox review's due times.</summary>
public interface ITemplateStore
{
    /// <summary>Stores a new template unless the account has one of that name and language, or already holds <paramref name="maxPerAccount"/>.</summary>
    Task<TemplateCreateOutcome> CreateAsync(MessageTemplate template, int maxPerAccount, CancellationToken cancellationToken);

    Task<MessageTemplate?> GetAsync(string id, CancellationToken cancellationToken);

    Task<MessageTemplate?> FindAsync(string accountId, string name, string language, CancellationToken cancellationToken);

    /// <summary>An account's templates by id, filtered, one page in the direction of the cursor.</summary>
    Task<TemplatePage> ListAsync(TemplateQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="current"/> with <paramref name="updated"/> if nobody changed it in between (same status
    /// and update time). With a <paramref name="statusEvent"/>, the same transaction puts it in the webhook outbox for
    /// the subscriptions of every channel of the account that want <see cref="EventKinds.TemplateStatus"/>.
    /// </summary>
    Task<bool> UpdateAsync(MessageTemplate current, MessageTemplate updated, string? statusEvent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an account's templates: all languages of <paramref name="name"/>; or the <paramref name="ids"/> (of that
    /// name, when given). With ids, all or nothing: null when one of them is not the account's (of that name).
    /// </summary>
    Task<IReadOnlyList<MessageTemplate>?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken);

    Task<int> CountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Templates whose review is due at <paramref name="now"/>, oldest due first.</summary>
    Task<IReadOnlyList<MessageTemplate>> DueForReviewAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
}

public enum TemplateCreateOutcome
{
    Created,
    Duplicate,
    LimitReached,
}

/// <summary>Filters and cursor paging of an account's templates (ordered by id, which follows creation).</summary>
/// <param name="Name">Templates whose name contains this.</param>
/// <param name="After">Items after this id; <paramref name="Before"/>: items before this id.</param>
public sealed record TemplateQuery(
    string AccountId,
    string? Name = null,
    string? Status = null,
    string? Category = null,
    string? Language = null,
    string? After = null,
    string? Before = null,
    int Limit = 25);

/// <summary>A page of templates; <paramref name="More"/>: more items exist further in the direction of travel.</summary>
public sealed record TemplatePage(IReadOnlyList<MessageTemplate> Items, bool More);
