using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Media;
using Parley.Core.Templates;
using Parley.Server.Configuration;
using Parley.Server.Messaging;
using Parley.Server.Uploads;
using Parley.Server.Upstreams.Sandbox;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// Everything that changes templates: create (sent to review), edit (back to review), status changes by the review or
/// the simulator (each with its <c>message_template_status_update</c> webhook in the same transaction), delete.
/// </summary>
internal sealed class TemplateService(
    ITemplateStore store, TemplateSendGuard guard, WebhookSignal webhooks, ReviewSignal reviews, SandboxClock clock, IOptions<ParleyOptions> options,
    UploadSessions uploads, ITemplateDeletionStore deletions, IFlowStore flows)
{
    private readonly ParleyOptions _options = options.Value;

    private TimeSpan ReviewDelay => TimeSpan.FromMilliseconds(_options.Sandbox.TemplateReviewDelayMs);

    public async Task<Outcome<MessageTemplate>> CreateAsync(string accountId, JsonElement body, CancellationToken cancellationToken)
    {
        var draft = TemplateCreationRules.Validate(body);
        if (!draft.Succeeded)
        {
            return draft.Error;
        }
        var d = draft.Value;
        if ((await CheckSamplesAsync(accountId, d.Components, cancellationToken) ?? await CheckFlowButtonsAsync(accountId, d.Components, cancellationToken)) is { } referenceError)
        {
            return referenceError;
        }
        var now = clock.GetUtcNow();
        if (await deletions.ApprovedNameDeletedAtAsync(accountId, d.Name, cancellationToken) is { } deletedAt && now < deletedAt + TemplateDeletionRules.ApprovedNameHold)
        {
            return TemplateDeletionRules.NameBeingDeleted(d.Name, d.Language);
        }
        var template = new MessageTemplate(
            NewId(now), accountId, d.Name, d.Language, d.Category, d.SubCategory, d.ParameterFormat, TemplateStatuses.Pending,
            TemplateRejectionReasons.None, d.Components, now, now, ReviewDueAt: now + ReviewDelay);
        var max = _options.Templates.MaxPerAccount;
        switch (await store.CreateAsync(template, max, cancellationToken))
        {
            case TemplateCreateOutcome.Duplicate:
                return TemplateCreationRules.Duplicate(d.Name, d.Language);
            case TemplateCreateOutcome.LimitReached:
                return TemplateCreationRules.LimitReached(max);
        }
        reviews.Notify();
        return template;
    }

    /// <summary>Edits: components replaced, back to PENDING and review, with its webhook.</summary>
    public async Task<WhatsAppError?> EditAsync(MessageTemplate current, JsonElement body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var edited = TemplateEditRules.Apply(current, body, now);
        if (!edited.Succeeded)
        {
            return edited.Error;
        }
        if ((await CheckSamplesAsync(current.AccountId, edited.Value.Components, cancellationToken)
            ?? await CheckFlowButtonsAsync(current.AccountId, edited.Value.Components, cancellationToken)) is { } referenceError)
        {
            return referenceError;
        }
        if (!await ChangeAsync(current, edited.Value with { ReviewDueAt = now + ReviewDelay }, now, cancellationToken))
        {
            return ErrorCatalog.InvalidParameter.With("The template changed while it was being edited; read it again and retry.");
        }
        reviews.Notify();
        return null;
    }

    /// <summary>Sets a status (review verdict or simulator); false when the template changed in between.</summary>
    public Task<bool> SetStatusAsync(MessageTemplate current, string status, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = current with
        {
            Status = status,
            RejectedReason = status == TemplateStatuses.Rejected ? reason : TemplateRejectionReasons.None,
            UpdatedAt = now > current.UpdatedAt ? now : current.UpdatedAt.AddMilliseconds(1),
            ReviewDueAt = null,
        };
        return ChangeAsync(current, updated, now, cancellationToken);
    }

    /// <summary>
    /// Deletes templates with Meta's side effects: a DELETED <c>message_template_status_update</c> webhook each, and the
    /// names of approved ones held for 30 days. Nothing is deleted when one of them is DISABLED.
    /// </summary>
    public async Task<TemplateDeletion> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deletion = await deletions.DeleteAsync(accountId, name, ids, t => TemplateDeletionRules.DeletedWebhook(t, now), now, cancellationToken);
        guard.Invalidate();
        if (deletion.Deleted.Count > 0)
        {
            webhooks.Notify();
        }
        return deletion;
    }

    /// <summary>Every media header sample must be an upload handle of the account, of a file that fits the header.</summary>
    private async Task<WhatsAppError?> CheckSamplesAsync(string accountId, string components, CancellationToken cancellationToken)
    {
        foreach (var sample in TemplateHeaderHandles.In(components))
        {
            var upload = await uploads.FindHandleAsync(sample.Handle, accountId, cancellationToken);
            if (upload is null || !ResumableUploadRules.FitsHeader(sample.Format, upload.FileType))
            {
                return TemplateHeaderHandles.InvalidSample(sample.Format);
            }
        }
        return null;
    }

    /// <summary>A FLOW button's flow (by id or name) must be a PUBLISHED flow of the account (<see cref="FlowRules.CheckTemplateButtonFlow"/>).</summary>
    private async Task<WhatsAppError?> CheckFlowButtonsAsync(string accountId, string components, CancellationToken cancellationToken)
    {
        foreach (var reference in FlowButtonReferences.In(components))
        {
            var flow = reference.FlowId is { } id ? await flows.GetAsync(id, cancellationToken) : await flows.FindByNameAsync(accountId, reference.FlowName!, cancellationToken);
            if (FlowRules.CheckTemplateButtonFlow(flow?.AccountId == accountId ? flow : null, reference.Display) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private async Task<bool> ChangeAsync(MessageTemplate current, MessageTemplate updated, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statusEvent = updated.Status != current.Status || updated.Status == TemplateStatuses.Pending ? TemplateEvents.StatusUpdate(updated, now) : null;
        var changed = await store.UpdateAsync(current, updated, statusEvent, now, cancellationToken);
        guard.Invalidate();
        if (changed && statusEvent is not null)
        {
            webhooks.Notify();
        }
        return changed;
    }

    private static long _lastId;

    /// <summary>
    /// Template ids are digits that follow creation time (milliseconds, then three random digits, so that nodes rarely
    /// meet), strictly increasing within the process: listing by id is listing by age.
    /// </summary>
    internal static string NewId(DateTimeOffset now)
    {
        var candidate = now.ToUnixTimeMilliseconds() * 1000 + Random.Shared.Next(1000);
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastId);
            next = Math.Max(candidate, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastId, next, last) != last);
        return next.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>A template was created or edited: the reviewer looks for due reviews.</summary>
internal sealed class ReviewSignal : WorkSignal;
