using Parley.Core.Errors;

namespace Parley.Core.Templates;

/// <summary>What deleting a template does besides deleting it (digest §5.1, Meta "template management").</summary>
public static class TemplateDeletionRules
{
    /// <summary>Digest §5.1: "deleted approved name unusable for 30 days".</summary>
    public static readonly TimeSpan ApprovedNameHold = TimeSpan.FromDays(30);

    /// <summary>The webhook event of a deleted template (digest §3.7 <c>event</c> DELETED).</summary>
    public const string DeletedEvent = "DELETED";

    /// <summary>The name is held after an approved template of that name was deleted: code 100, subcode 2388023.</summary>
    public static WhatsAppError NameBeingDeleted(string name, string language) => ErrorCatalog.InvalidParameter.With(
        $"Message Template Language Is Being Deleted: new {language} content can't be added to {name} while the deleted content is being removed. " +
        "Try again in 4 weeks or consider creating a new message template.", ErrorCatalog.TemplateNameBeingDeletedSubcode);

    /// <summary>Digest §5.1: "DISABLED templates cannot be deleted".</summary>
    public static WhatsAppError DisabledCannotBeDeleted() => ErrorCatalog.InvalidParameter.With(
        "DISABLED message templates can't be deleted; nothing was deleted.");

    /// <summary>The <c>message_template_status_update</c> value announcing the deletion.</summary>
    public static string DeletedWebhook(MessageTemplate template, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(template);
        return TemplateEvents.StatusUpdate(template with { Status = DeletedEvent }, at);
    }
}
