using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Templates;
using Parley.Server.Templates;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>
/// Claims the template management of every account that has a <c>meta</c> channel naming Meta's WABA
/// (<c>waba_id</c>): its templates live at Meta.
/// </summary>
internal sealed class MetaTemplateManagers(IAccountStore accounts, MetaGraphClient graph, ITemplateStore store, TemplateSendGuard guard, TimeProvider time)
    : IRemoteTemplateManagers
{
    public async Task<ITemplateManager?> ForAccountAsync(string accountId, CancellationToken cancellationToken) =>
        await MetaAccounts.SettingsAsync(accounts, accountId, cancellationToken) is { } settings
            ? new MetaTemplateManager(settings, settings.WabaId!, graph, store, guard, time)
            : null;
}

/// <summary>The meta settings of an account: those of its first <c>meta</c> channel that names Meta's WABA.</summary>
internal static class MetaAccounts
{
    public static async Task<MetaSettings?> SettingsAsync(IAccountStore accounts, string accountId, CancellationToken cancellationToken) =>
        (await accounts.ListChannelsAsync(accountId, cancellationToken))
            .Where(c => MetaSettings.IsMeta(c.Upstream))
            .OrderBy(c => c.CreatedAt)
            .Select(c => MetaSettings.Parse(c.UpstreamSettings))
            .FirstOrDefault(s => s?.WabaId is not null);
}

/// <summary>
/// Templates of a WABA at Meta: every change is made at Meta first (answering with Meta's error when it refuses), then
/// mirrored in Parley's local copy, which sending, the template checks and the 1msg dialect read. Meta's template ids
/// are the local copy's ids, so no id is translated. Meta reviews; its verdicts arrive as
/// <c>message_template_status_update</c> webhooks (<see cref="MetaTemplateStatusSync"/>).
/// </summary>
internal sealed class MetaTemplateManager(
    MetaSettings settings, string metaWabaId, MetaGraphClient graph, ITemplateStore store, TemplateSendGuard guard, TimeProvider time) : ITemplateManager
{
    /// <summary>Meta's page size for the copy's refresh (the Graph API's largest <c>limit</c> for templates).</summary>
    private const int PageSize = 1000;

    /// <summary>At most this many pages are read per refresh (10,000 templates, far above the 250 per WABA most have).</summary>
    private const int MaxPages = 10;

    private const string Fields = "id,name,language,status,category,sub_category,parameter_format,components,rejected_reason";

    /// <summary>
    /// Brings the local copy up to date with Meta's list: templates created or changed at Meta directly are mirrored,
    /// those deleted there are deleted here (only after the whole list was read). No webhooks: Meta sends its own.
    /// </summary>
    public async Task<WhatsAppError?> PrepareListAsync(string accountId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var cursor = after is null ? "" : "&after=" + Uri.EscapeDataString(after);
            var answer = await graph.GetAsync(settings, $"{metaWabaId}/message_templates?limit={PageSize}&fields={Fields}{cursor}", cancellationToken);
            if (!answer.Succeeded)
            {
                return answer.Error;
            }
            if (answer.Value["data"] is JsonArray data)
            {
                foreach (var item in data.OfType<JsonObject>())
                {
                    if (await MirrorAsync(accountId, item, cancellationToken) is { } id)
                    {
                        seen.Add(id);
                    }
                }
            }
            after = answer.Value["paging"]?["next"] is not null ? Text(answer.Value["paging"]?["cursors"] ?? new JsonObject(), "after") : null;
            if (after is null)
            {
                var stale = (await AllLocalAsync(accountId, cancellationToken)).Where(t => !seen.Contains(t.Id)).Select(t => t.Id).ToList();
                if (stale.Count > 0)
                {
                    await store.DeleteAsync(accountId, null, stale, cancellationToken);
                }
                break;
            }
        }
        guard.Invalidate();
        return null;
    }

    /// <summary>Creates or updates the local copy of one template of Meta's list; its id, or null when the item is not a template.</summary>
    private async Task<string?> MirrorAsync(string accountId, JsonObject item, CancellationToken cancellationToken)
    {
        if (Text(item, "id") is not { } id || !id.All(char.IsAsciiDigit) || Text(item, "name") is not { } name || Text(item, "language") is not { } language)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var status = Text(item, "status") ?? TemplateStatuses.Pending;
        var category = Text(item, "category") ?? TemplateCategories.Utility;
        var components = item["components"]?.ToJsonString() ?? "[]";
        var reason = Text(item, "rejected_reason") ?? TemplateRejectionReasons.None;
        var local = await store.GetAsync(id, cancellationToken);
        if (local is null)
        {
            var template = new MessageTemplate(
                id, accountId, name, language, category, Text(item, "sub_category"), Text(item, "parameter_format") ?? "POSITIONAL",
                status, reason, components, now, now);
            if (await store.CreateAsync(template, int.MaxValue, cancellationToken) == TemplateCreateOutcome.Duplicate
                && await store.FindAsync(accountId, name, language, cancellationToken) is { } stale)
            {
                await store.DeleteAsync(accountId, null, [stale.Id], cancellationToken);
                await store.CreateAsync(template, int.MaxValue, cancellationToken);
            }
        }
        else if (local.Status != status || local.Category != category || local.RejectedReason != reason || !SameJson(local.Components, components))
        {
            var updated = local with
            {
                Status = status, Category = category, RejectedReason = reason, Components = components,
                UpdatedAt = now > local.UpdatedAt ? now : local.UpdatedAt.AddMilliseconds(1), ReviewDueAt = null,
            };
            await store.UpdateAsync(local, updated, null, now, cancellationToken);
        }
        return id;
    }

    private async Task<List<MessageTemplate>> AllLocalAsync(string accountId, CancellationToken cancellationToken)
    {
        var all = new List<MessageTemplate>();
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(new TemplateQuery(accountId, null, null, null, null, after, null, PageSize), cancellationToken);
            all.AddRange(page.Items);
            if (!page.More || page.Items.Count == 0)
            {
                return all;
            }
            after = page.Items[^1].Id;
        }
    }

    private static bool SameJson(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    public async Task<Outcome<MessageTemplate>> CreateAsync(string accountId, JsonElement body, CancellationToken cancellationToken)
    {
        // Meta's own rules, checked before the call: the same errors without a round trip.
        var draft = TemplateCreationRules.Validate(body);
        if (!draft.Succeeded)
        {
            return draft.Error;
        }
        var answer = await graph.PostJsonAsync(settings, $"{metaWabaId}/message_templates", body.GetRawText(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        if (Text(answer.Value, "id") is not { } id || !id.All(char.IsAsciiDigit))
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta created the template without answering its id.");
        }
        var d = draft.Value;
        var now = time.GetUtcNow();
        var template = new MessageTemplate(
            id, accountId, d.Name, d.Language, Text(answer.Value, "category") ?? d.Category, d.SubCategory, d.ParameterFormat,
            Text(answer.Value, "status") ?? TemplateStatuses.Pending, TemplateRejectionReasons.None, d.Components, now, now);
        if (await store.CreateAsync(template, int.MaxValue, cancellationToken) == TemplateCreateOutcome.Duplicate
            && await store.FindAsync(accountId, d.Name, d.Language, cancellationToken) is { } stale)
        {
            // A local copy Meta no longer has (deleted at Meta directly): Meta's new template replaces it.
            await store.DeleteAsync(accountId, null, [stale.Id], cancellationToken);
            await store.CreateAsync(template, int.MaxValue, cancellationToken);
        }
        guard.Invalidate();
        return template;
    }

    public async Task<WhatsAppError?> EditAsync(MessageTemplate current, JsonElement body, CancellationToken cancellationToken)
    {
        var answer = await graph.PostJsonAsync(settings, current.Id, body.GetRawText(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var now = time.GetUtcNow();
        var edited = TemplateEditRules.Apply(current, body, now);
        var updated = (edited.Succeeded ? edited.Value : current with { Status = TemplateStatuses.Pending, UpdatedAt = now }) with { ReviewDueAt = null };
        // No webhook from here: Meta sends the status change of the edit itself.
        await store.UpdateAsync(current, updated, null, now, cancellationToken);
        guard.Invalidate();
        return null;
    }

    public async Task<WhatsAppError?> DeleteAsync(string accountId, string? name, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (name is not null)
        {
            query.Add("name=" + Uri.EscapeDataString(name));
        }
        if (ids is { Count: 1 } && name is not null)
        {
            query.Add("hsm_id=" + ids.First());
        }
        else if (ids is not null)
        {
            query.Add("hsm_ids=" + Uri.EscapeDataString(new JsonArray([.. ids.Select(i => (JsonNode)i)]).ToJsonString()));
        }
        var answer = await graph.SendAsync(settings, HttpMethod.Delete, $"{metaWabaId}/message_templates?{string.Join('&', query)}", null, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        await store.DeleteAsync(accountId, name, ids, cancellationToken);
        guard.Invalidate();
        return null;
    }

    private static string? Text(JsonNode node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
}
