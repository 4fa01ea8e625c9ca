using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Server.Auth;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Flows;

/// <summary>
/// A business account's flows (Meta, Flows API): <c>GET|POST /{version}/{waba-id}/flows</c> lists them (Graph cursor
/// paging, <c>fields</c>) and creates one (optionally with its Flow JSON, a clone's, and published at once), and
/// <c>POST /{version}/{waba-id}/migrate_flows</c> copies flows from another account the caller's token reaches.
/// </summary>
internal static class FlowsApi
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        var flows = app.MapGroup("/{version}/{wabaId}").WithTags("Flows")
            .WithEdge<GraphEdge>(CallerScope.Account("wabaId")).CountsAsManagement("wabaId");
        flows.MapGet("/flows", ListAsync).WithName("ListFlows").WithSummary("A business account's flows");
        flows.MapPost("/flows", CreateAsync).ReadsBody(FlowRules.FlowJsonMaxBytes + FlowPublicUrls.FormOverheadBytes).WithName("CreateFlow")
            .WithSummary("Create a flow (a DRAFT), optionally with its Flow JSON or a clone's, and publish it at once")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data");
        flows.MapPost("/migrate_flows", MigrateAsync).ReadsBody().WithName("MigrateFlows")
            .WithSummary("Copy flows (by name, or all) from another business account into this one")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded", "multipart/form-data");
        return app;
    }

    internal sealed record ListQuery
    {
        public string? Fields { get; init; }

        public string? Limit { get; init; }

        public string? After { get; init; }

        public string? Before { get; init; }
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ListAsync(
        CallerAccount caller, [AsParameters] ListQuery query, HttpRequest http, FlowManagers managers, CancellationToken cancellationToken)
    {
        var fields = FlowViews.ParseFields(query.Fields);
        if (!fields.Succeeded)
        {
            return new Refusal(fields.Error);
        }
        var size = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param limit must be an integer between 1 and {MaxLimit}."));
        }
        if (query.After is not null && query.Before is not null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Use one of the cursors after and before, not both."));
        }
        var account = caller.Value;
        var manager = await managers.ForAccountAsync(account.Id, cancellationToken);
        var page = await manager.ListAsync(account.Id, size, query.After, query.Before, cancellationToken);
        if (!page.Succeeded)
        {
            return new Refusal(page.Error);
        }
        var data = new JsonArray();
        foreach (var flow in page.Value.Flows)
        {
            FlowPreview? preview = null;
            if (fields.Value.Names.Contains("preview"))
            {
                var made = await manager.PreviewAsync(account.Id, flow.Id, fields.Value.InvalidatePreview, FlowPublicUrls.Base(http), cancellationToken);
                if (!made.Succeeded)
                {
                    return new Refusal(made.Error);
                }
                preview = made.Value;
            }
            data.Add(FlowViews.Render(flow, fields.Value.Names, account, preview));
        }
        var body = new JsonObject { ["data"] = data };
        if (page.Value.Flows.Count > 0)
        {
            body["paging"] = GraphPaging.Of(http, page.Value.Before!, page.Value.After!, page.Value.HasBefore, page.Value.HasAfter);
        }
        return new GraphJsonResult(body);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> CreateAsync(
        CallerAccount caller, JsonObjectBody body, FlowManagers managers, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var name = FlowRequest.String(request, "name");
        var categories = FlowRequest.Strings(request, "categories");
        var endpointUri = FlowRequest.String(request, "endpoint_uri");
        var cloneFlowId = FlowRequest.String(request, "clone_flow_id");
        var flowJson = FlowRequest.FlowJson(request);
        var publish = FlowRequest.Boolean(request, "publish");
        var error = name.Error ?? categories.Error ?? endpointUri.Error ?? cloneFlowId.Error ?? flowJson.Error ?? publish.Error
            ?? FlowRules.CheckName(name.Value?.Trim()) ?? FlowRules.CheckCategories(categories.Value) ?? FlowRules.CheckEndpointUri(Blank(endpointUri.Value))
            ?? (request["clone_template"] is not null && cloneFlowId.Value is not null
                ? ErrorCatalog.InvalidParameter.With("Only one clone source can be set: clone_flow_id or clone_template.")
                : null)
            ?? (flowJson.Value is { } json && System.Text.Encoding.UTF8.GetByteCount(json) > FlowRules.FlowJsonMaxBytes
                ? ErrorCatalog.InvalidParameter.With($"Param flow_json must be at most {FlowRules.FlowJsonMaxBytes} bytes.")
                : null)
            ?? FlowRules.CheckEndpointUriForVersion(FlowJsonFacts.Read(flowJson.Value).JsonVersion, Blank(endpointUri.Value));
        if (error is not null)
        {
            return new Refusal(error);
        }
        var accountId = caller.Value.Id;
        var manager = await managers.ForAccountAsync(accountId, cancellationToken);
        var draft = new FlowDraft(name.Value!.Trim(), categories.Value!, Blank(endpointUri.Value), Blank(cloneFlowId.Value), flowJson.Value, publish.Value);
        var created = await manager.CreateAsync(accountId, draft, cancellationToken);
        if (!created.Succeeded)
        {
            return new Refusal(created.Error);
        }
        var flow = created.Value.Flow;
        var answer = new JsonObject { ["id"] = flow.Id };
        if (draft.FlowJson is null && !draft.Publish)
        {
            return new GraphJsonResult(answer);
        }
        // A publish that validation errors stopped answers them (the flow stays a DRAFT); any other failed publish is its error.
        if (created.Value.PublishError is { } publishError && flow.ValidationErrors.Count == 0)
        {
            return new Refusal(publishError);
        }
        answer["success"] = created.Value.PublishError is null;
        answer["validation_errors"] = FlowValidationErrorJson.ToJson(flow.ValidationErrors);
        return new GraphJsonResult(answer);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> MigrateAsync(
        CallerAccount caller, JsonObjectBody body, HttpRequest http, ChannelAccess access, FlowManagers managers, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var source = FlowRequest.String(request, "source_waba_id");
        var names = FlowRequest.Strings(request, "source_flow_names");
        var error = source.Error ?? names.Error
            ?? (string.IsNullOrWhiteSpace(source.Value) ? ErrorCatalog.InvalidParameter.With("The parameter source_waba_id is required.") : null)
            ?? (names.Value is { Count: 0 } ? ErrorCatalog.InvalidParameter.With("Param source_flow_names must name at least one flow (leave it out to migrate all).") : null);
        if (error is not null)
        {
            return new Refusal(error);
        }
        var sourceId = source.Value!.Trim();
        // The caller's token must reach the source account as well as this one (Graph's permission error otherwise).
        var reached = await access.AuthorizeAccountAsync(GraphRequest.BearerToken(http), sourceId, cancellationToken);
        if (!reached.Succeeded)
        {
            return new Refusal(ErrorCatalog.ApiPermission.With(
                $"Flows Migration Error: the access token does not have permission on the source WhatsApp Business Account {sourceId}."));
        }
        var manager = await managers.ForAccountAsync(caller.Value.Id, cancellationToken);
        var migrated = await manager.MigrateAsync(caller.Value.Id, sourceId, names.Value, cancellationToken);
        if (!migrated.Succeeded)
        {
            return new Refusal(migrated.Error);
        }
        return new GraphJsonResult(new JsonObject
        {
            ["migrated_flows"] = new JsonArray([.. migrated.Value.Migrated.Select(m => (JsonNode)new JsonObject
            {
                ["source_name"] = m.SourceName, ["source_id"] = m.SourceId, ["migrated_id"] = m.MigratedId,
            })]),
            ["failed_flows"] = new JsonArray([.. migrated.Value.Failed.Select(f => (JsonNode)new JsonObject
            {
                ["source_name"] = f.SourceName, ["error_code"] = f.ErrorCode, ["error_message"] = f.ErrorMessage,
            })]),
        });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
