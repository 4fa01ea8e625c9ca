using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Core.Errors;
using Parley.Core.Templates;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// <c>GET|POST|DELETE /{version}/{waba-id}/message_templates</c>: list, create and delete a business account's
/// message templates (digest §5.1; S <c>paths./{Version}/{WABA-ID}/message_templates</c>).
/// </summary>
internal static class TemplatesApi
{
    private const int DefaultLimit = 25;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapMessageTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{wabaId}/message_templates").WithTags("Cloud API templates").WithEdge<GraphEdge>(CallerScope.Account("wabaId"));
        group.MapGet("", ListAsync).WithName("ListMessageTemplates").WithSummary("List a business account's message templates");
        group.MapPost("", CreateAsync).WithName("CreateMessageTemplate").WithSummary("Create a message template (sent to review)")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data").ReadsBody();
        group.MapDelete("", DeleteAsync).WithName("DeleteMessageTemplates").WithSummary("Delete templates by name, by hsm_id and name, or in bulk by hsm_ids");
        return group;
    }

    internal sealed record ListQuery
    {
        public string? Fields { get; init; }

        public string? Limit { get; init; }

        public string? After { get; init; }

        public string? Before { get; init; }

        public string? Status { get; init; }

        public string? Name { get; init; }

        public string? Category { get; init; }

        public string? Language { get; init; }
    }

    private static async Task<Results<ContentHttpResult, Refusal>> ListAsync(
        CallerAccount caller, [AsParameters] ListQuery query, HttpRequest request, ITemplateStore store, TemplateManagers managers, TemplateAnalyticsSettings analytics,
        CancellationToken cancellationToken)
    {
        var wabaId = caller.Value.Id;
        var (fields, fieldError) = TemplateViews.ParseFields(query.Fields);
        if (fieldError is not null)
        {
            return new Refusal(fieldError);
        }
        var limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param limit must be a number from 1 to {MaxLimit}."));
        }
        if (!Cursor(query.After) || !Cursor(query.Before) || (query.After is not null && query.Before is not null))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Param after or before is not a valid cursor (use one of them)."));
        }
        var manager = await managers.ForAccountAsync(wabaId, cancellationToken);
        if (await manager.PrepareListAsync(wabaId, cancellationToken) is { } prepareError)
        {
            return new Refusal(prepareError);
        }
        var page = await store.ListAsync(new TemplateQuery(
            wabaId, Blank(query.Name), Blank(query.Status)?.ToUpperInvariant(), Blank(query.Category)?.ToUpperInvariant(), Blank(query.Language),
            Blank(query.After), Blank(query.Before), limit), cancellationToken);

        var data = new JsonArray();
        foreach (var template in page.Items)
        {
            data.Add(TemplateViews.Render(template, fields, await TemplateViews.OptedOutAsync(template, fields, analytics, cancellationToken)));
        }
        var body = new JsonObject { ["data"] = data };
        if (page.Items.Count > 0)
        {
            var forward = query.Before is null;
            body["paging"] = GraphPaging.Of(request, page.Items[0].Id, page.Items[^1].Id, forward ? query.After is not null : page.More, !forward || page.More);
        }
        return TemplateViews.Json(body);
    }

    private static async Task<Results<ContentHttpResult, Refusal>> CreateAsync(
        CallerAccount caller, CallerVersion version, JsonBody body, TemplateManagers managers, TemplateAnalyticsSettings analytics, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var wabaId = caller.Value.Id;
        if (TemplateCreationRules.CheckVersion(body.Root, version.Value) is { } versionError)
        {
            return new Refusal(versionError);
        }
        var (optedOut, optOutError) = TemplateViews.ReadOptedOut(body.Root);
        if (optOutError is not null)
        {
            return new Refusal(optOutError);
        }
        var manager = await managers.ForAccountAsync(wabaId, cancellationToken);
        var created = await manager.CreateAsync(wabaId, body.Root, cancellationToken);
        if (!created.Succeeded)
        {
            return new Refusal(created.Error);
        }
        if (optedOut is { } value)
        {
            await analytics.SetTemplateOptedOutAsync(created.Value.Id, value, time.GetUtcNow(), cancellationToken);
        }
        return TemplateViews.Json(new JsonObject { ["id"] = created.Value.Id, ["status"] = created.Value.Status, ["category"] = created.Value.Category });
    }

    /// <summary><c>?name=</c> (all languages), <c>?hsm_id=&amp;name=</c> (one), or <c>?hsm_ids=[…]</c> (bulk, all or nothing).</summary>
    private static async Task<Results<Ok<SuccessResponse>, Refusal>> DeleteAsync(
        CallerAccount caller, string? name, [FromQuery(Name = "hsm_id")] string? hsmId, [FromQuery(Name = "hsm_ids")] string? hsmIds, TemplateManagers managers,
        CancellationToken cancellationToken)
    {
        var wabaId = caller.Value.Id;
        name = Blank(name);
        List<string>? ids;
        if (Blank(hsmIds) is { } bulk)
        {
            if (name is not null || Blank(hsmId) is not null)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With("hsm_ids can't be combined with name or hsm_id."));
            }
            ids = ParseIds(bulk);
            if (ids is null || ids.Count is 0 or > TemplateLimits.BulkDeleteMax)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With($"Param hsm_ids must be a list of 1 to {TemplateLimits.BulkDeleteMax} template ids, such as [\"123\",\"456\"]."));
            }
        }
        else if (name is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("The parameter name is required."));
        }
        else
        {
            ids = Blank(hsmId) is { } one ? [one] : null;
        }
        var manager = await managers.ForAccountAsync(wabaId, cancellationToken);
        if (await manager.DeleteAsync(wabaId, name, ids, cancellationToken) is { } error)
        {
            return new Refusal(error);
        }
        return TypedResults.Ok(new SuccessResponse(true));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Cursor(string? cursor) => Blank(cursor) is not { } value || (value.Length <= 32 && value.All(char.IsAsciiDigit));

    /// <summary><c>["1","2"]</c>, <c>[1,2]</c> or <c>1,2</c>.</summary>
    private static List<string>? ParseIds(string value)
    {
        try
        {
            var parts = value.StartsWith('[')
                ? JsonNode.Parse(value)!.AsArray().Select(n => n?.GetValueKind() is JsonValueKind.Number or JsonValueKind.String ? n.ToString() : "").ToList()
                : [.. value.Split(',', StringSplitOptions.TrimEntries)];
            return parts.All(p => p.Length is > 0 and <= 32 && p.All(char.IsAsciiDigit)) ? parts : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
