using System.Text.Json;
using Parley.Core.Templates;
using Parley.Server.Templates;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Meta's <c>message_template_status_update</c> webhooks (cloud-api-digest §3.7): Meta's review verdicts and quality
/// changes update the local copy of the template (found by Meta's id, which is its id in Parley) and, through the same
/// transaction, reach the subscriptions of the account's channels as Parley's own template webhooks. A template of an
/// account no signing meta channel belongs to, an unknown template, or a status Parley does not keep is ignored.
/// </summary>
internal sealed partial class MetaTemplateStatusSync(ITemplateStore store, TemplateService templates, ILogger<MetaTemplateStatusSync> logger)
{
    public const string Field = "message_template_status_update";

    /// <summary>Meta's <c>event</c> values that are template statuses Parley keeps (REINSTATED means approved again).</summary>
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        [TemplateStatuses.Approved] = TemplateStatuses.Approved,
        ["REINSTATED"] = TemplateStatuses.Approved,
        [TemplateStatuses.Rejected] = TemplateStatuses.Rejected,
        [TemplateStatuses.Paused] = TemplateStatuses.Paused,
        [TemplateStatuses.Disabled] = TemplateStatuses.Disabled,
        [TemplateStatuses.Pending] = TemplateStatuses.Pending,
    };

    public async Task ApplyAsync(JsonElement root, IReadOnlyList<MetaChannel> signers, CancellationToken cancellationToken)
    {
        foreach (var value in Updates(root))
        {
            var id = value.TryGetProperty("message_template_id", out var idElement) && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String
                ? idElement.ToString() : null;
            var status = MetaWebhookPayload.Text(value, "event") is { } name && Statuses.TryGetValue(name, out var known) ? known : null;
            if (id is null || status is null)
            {
                continue;
            }
            var template = await store.GetAsync(id, cancellationToken);
            if (template is null || !signers.Any(s => s.Channel.AccountId == template.AccountId))
            {
                Log.UnknownTemplate(logger, id);
                continue;
            }
            var reason = status == TemplateStatuses.Rejected ? MetaWebhookPayload.Text(value, "reason") ?? TemplateRejectionReasons.None : TemplateRejectionReasons.None;
            if (template.Status == status && template.RejectedReason == reason)
            {
                continue; // Meta's redelivery: nothing changed, no second webhook.
            }
            await templates.SetStatusAsync(template, status, reason, cancellationToken);
        }
    }

    private static IEnumerable<JsonElement> Updates(JsonElement root) => MetaWebhookPayload.Fields(root, Field).Select(c => c.Value);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Meta template status update for template {TemplateId}, which no signing meta channel's account has; ignored")]
        public static partial void UnknownTemplate(ILogger logger, string templateId);
    }
}
