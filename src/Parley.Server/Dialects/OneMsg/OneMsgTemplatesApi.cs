using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Templates;
using Parley.Server.Edges;
using Parley.Server.Templates;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's template methods (seed 000 "Templates": Get templates list, Create template, Remove template; digest A.9) over
/// the business account's templates, the very ones of the Cloud API's <c>/{version}/{waba-id}/message_templates</c>:
/// created by <see cref="TemplateService"/> with the same Core rules, reviewed by the same sandbox review.
/// </summary>
internal static class OneMsgTemplatesApi
{
    /// <summary>The most templates an account holds (Parley:Templates:MaxPerAccount is at most this in practice); one store page.</summary>
    private const int PageSize = 1000;

    /// <summary>MCP's <c>sort</c> values.</summary>
    private static readonly string[] SortFields = ["id", "name", "status"];

    public static void MapOneMsgTemplates(this RouteGroupBuilder group)
    {
        group.MapGet("/templates", ListAsync).WithSummary("1msg: the account's templates ({total, templates})");
        group.MapPost("/addTemplate", AddAsync).WithSummary("1msg: create a template (sent to review)")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data").ReadsBody();
        group.MapPost("/removeTemplate", RemoveAsync).WithSummary("1msg: delete every language of a template")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data").ReadsBody();
    }

    /// <summary>
    /// The template namespace <c>/sendTemplate</c> asks for ("Can be found by method /templates"): Parley has none, so it
    /// is derived from the account id, the same on every node (Meta's form: 8-4-4-4-12 hex digits joined by <c>_</c>).
    /// </summary>
    public static string Namespace(string accountId)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("parley-template-namespace:" + accountId)));
        return $"{hex[..8]}_{hex[8..12]}_{hex[12..16]}_{hex[16..20]}_{hex[20..32]}";
    }

    /// <summary>
    /// <c>{"total":n,"templates":[{…}]}</c>; MCP's <c>limit</c>, <c>offset</c> and <c>sort</c> (<c>id</c>, <c>name</c>,
    /// <c>status</c>) page it; <c>total</c> counts every template.
    /// </summary>
    private static async Task<Results<ContentHttpResult, Refusal>> ListAsync(
        CallerChannel caller, string? limit, string? offset, string? sort, ITemplateStore store, TemplateSendGuard guard, CancellationToken cancellationToken)
    {
        var take = int.MaxValue;
        var skip = 0;
        if ((limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1))
            || (offset is not null && !int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out skip)))
        {
            return new Refusal(OneMsgMapper.Invalid("The parameters limit and offset must be whole numbers (limit at least 1)."));
        }
        if (sort is not null && !SortFields.Contains(sort))
        {
            return new Refusal(OneMsgMapper.Invalid($"The parameter sort must be one of {string.Join(", ", SortFields)}."));
        }
        var accountId = caller.Value.AccountId;
        await guard.EnsureSampleAsync(accountId, cancellationToken);
        var all = new List<MessageTemplate>();
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(new TemplateQuery(accountId, After: after, Limit: PageSize), cancellationToken);
            all.AddRange(page.Items);
            if (!page.More || page.Items.Count == 0)
            {
                break;
            }
            after = page.Items[^1].Id;
        }
        IEnumerable<MessageTemplate> ordered = sort switch
        {
            "name" => all.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal),
            "status" => all.OrderBy(t => t.Status, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal),
            _ => all,
        };
        var templates = new JsonArray([.. ordered.Skip(skip).Take(take).Select(t => (JsonNode)Render(t))]);
        return TemplateViews.Json(new JsonObject { ["total"] = all.Count, ["templates"] = templates });
    }

    /// <summary>
    /// <c>name</c>, <c>category</c>, <c>language</c> (a code such as <c>en_US</c>) and <c>components</c>, as the Cloud API
    /// takes them; the answer is the new template as <c>/templates</c> lists it (status <c>pending</c> until reviewed). A media
    /// header's sample may be a link or an <c>/uploadMedia</c> id: Parley makes the upload handle (<see cref="OneMsgTemplateSamples"/>).
    /// </summary>
    private static async Task<Results<ContentHttpResult, Refusal>> AddAsync(
        CallerChannel caller, JsonObjectBody body, TemplateService templates, OneMsgTemplateSamples samples, CancellationToken cancellationToken)
    {
        body.Value.Remove(OneMsgRequest.TokenParameter);
        if (await samples.ResolveAsync(caller.Value, body.Value, cancellationToken) is { } sampleError)
        {
            return new Refusal(sampleError);
        }
        var created = await templates.CreateAsync(caller.Value.AccountId, JsonSerializer.SerializeToElement(body.Value, OneMsgJsonContext.Default.JsonObject), cancellationToken);
        return created.Succeeded ? TemplateViews.Json(Render(created.Value)) : new Refusal(created.Error);
    }

    /// <summary><c>name</c>: deletes every language of it (MCP); <c>{"result":"success"}</c>.</summary>
    private static async Task<Results<Ok<OneMsgResultResponse>, Refusal>> RemoveAsync(
        CallerChannel caller, JsonObjectBody body, TemplateManagers managers, CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (OneMsgFields.Text(body.Value, "name")?.Trim() is not { Length: > 0 } name)
        {
            return new Refusal(OneMsgMapper.Missing("name"));
        }
        var manager = await managers.ForAccountAsync(channel.AccountId, cancellationToken);
        return await manager.DeleteAsync(channel.AccountId, name, null, cancellationToken) is { } refused
            ? new Refusal(refused)
            : TypedResults.Ok(new OneMsgResultResponse("success"));
    }

    /// <summary>
    /// One template as 1msg lists it (digest A.9: <c>{category, components, language, name:"start", namespace,
    /// rejected_reason:"NONE", status:"approved"}</c>, status in lower case), with its <c>id</c>.
    /// </summary>
    private static JsonObject Render(MessageTemplate template) => new()
    {
        ["category"] = template.Category,
        ["components"] = JsonNode.Parse(template.Components),
        ["language"] = template.Language,
        ["name"] = template.Name,
        ["namespace"] = Namespace(template.AccountId),
        ["rejected_reason"] = template.RejectedReason,
        ["status"] = template.Status.ToLowerInvariant(),
        ["id"] = template.Id,
    };
}
