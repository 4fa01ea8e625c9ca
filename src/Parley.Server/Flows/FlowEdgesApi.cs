using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Flows;

/// <summary>
/// A flow's edges (Meta, Flows API): <c>/{flow-id}/assets</c> (list the Flow JSON asset with its download URL; upload a
/// new <c>flow.json</c>, answered with its <c>validation_errors</c>), <c>/{flow-id}/publish</c> and
/// <c>/{flow-id}/deprecate</c>. The Graph edge resolves the flow id to its account and authorizes the token for it.
/// </summary>
internal static class FlowEdgesApi
{
    public static IEndpointRouteBuilder MapFlowEdgesApi(this IEndpointRouteBuilder app)
    {
        var flow = app.MapGroup("/{version}/{flowId}").WithTags("Flows")
            .WithEdge<GraphEdge>(CallerScope.GraphObject("flowId")).CountsAsManagement("flowId");
        flow.MapGet("/assets", ListAssetsAsync).WithName("ListFlowAssets").WithSummary("A flow's assets: its Flow JSON, with a download URL");
        flow.MapPost("/assets", UploadAssetAsync).ReadsBody(FlowRules.FlowJsonMaxBytes + FlowPublicUrls.FormOverheadBytes).WithName("UploadFlowJson")
            .WithSummary("Upload a draft's Flow JSON (multipart/form-data: file, name=flow.json, asset_type=FLOW_JSON); answers its validation errors")
            .Accepts<object>("multipart/form-data");
        flow.MapPost("/publish", PublishAsync).ReadsBody(optional: true).WithName("PublishFlow")
            .WithSummary("Publish a draft flow (irreversible: a published flow and its assets are immutable)");
        flow.MapPost("/deprecate", DeprecateAsync).ReadsBody(optional: true).WithName("DeprecateFlow")
            .WithSummary("Deprecate a published flow (irreversible: it can no longer be sent or opened)");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ListAssetsAsync(
        GraphObject target, HttpContext http, FlowManagers managers, FlowPublicUrls urls, string? after, string? before, CancellationToken cancellationToken)
    {
        if (NotAFlow(target, "get") is { } refusal)
        {
            return refusal;
        }
        var account = FlowObjects.AccountOf(http);
        var found = await (await managers.ForAccountAsync(account.Id, cancellationToken)).GetAsync(account.Id, target.Id, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        // One asset at most, so one page: a cursor past it (or before it) is an empty page.
        var data = new JsonArray();
        if (found.Value.FlowJson is not null && after is null && before is null)
        {
            data.Add(new JsonObject
            {
                ["name"] = FlowRules.FlowJsonAssetName,
                ["asset_type"] = FlowRules.FlowJsonAssetType,
                ["download_url"] = urls.AssetDownload(http.Request, found.Value),
            });
        }
        var body = new JsonObject { ["data"] = data };
        if (data.Count > 0)
        {
            var cursor = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(FlowRules.FlowJsonAssetName));
            body["paging"] = GraphPaging.Of(http.Request, cursor, cursor, false, false);
        }
        return new GraphJsonResult(body);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> UploadAssetAsync(
        GraphObject target, HttpContext http, JsonObjectBody body, FlowManagers managers, CancellationToken cancellationToken)
    {
        if (NotAFlow(target, "post") is { } refusal)
        {
            return refusal;
        }
        var name = FlowRequest.String(body.Value, "name");
        var assetType = FlowRequest.String(body.Value, "asset_type");
        var file = http.Request.HasFormContentType ? http.Request.Form.Files.GetFile("file") : null;
        var error = name.Error ?? assetType.Error
            ?? (assetType.Value is null ? ErrorCatalog.InvalidParameter.With($"The parameter asset_type is required: {FlowRules.FlowJsonAssetType}.") : null)
            ?? (assetType.Value != FlowRules.FlowJsonAssetType
                ? ErrorCatalog.InvalidParameter.With($"Param asset_type must be {FlowRules.FlowJsonAssetType}: the Flow JSON is the one asset a flow has.")
                : null)
            ?? (name.Value is not null && name.Value != FlowRules.FlowJsonAssetName
                ? ErrorCatalog.InvalidParameter.With($"Param name must be {FlowRules.FlowJsonAssetName}.")
                : null)
            ?? (file is null ? ErrorCatalog.InvalidParameter.With("The parameter file is required: the Flow JSON, as a multipart/form-data file.") : null)
            ?? (file!.Length > FlowRules.FlowJsonMaxBytes
                ? ErrorCatalog.InvalidParameter.With($"The Flow JSON file must be at most {FlowRules.FlowJsonMaxBytes} bytes.")
                : null);
        if (error is not null)
        {
            return new Refusal(error);
        }
        string flowJson;
        using (var reader = new StreamReader(file!.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                flowJson = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                return new Refusal(ErrorCatalog.FlowUpdatingError.With("Error while processing Flow JSON: the file is not UTF-8 text."));
            }
        }
        var account = FlowObjects.AccountOf(http);
        var uploaded = await (await managers.ForAccountAsync(account.Id, cancellationToken)).UploadFlowJsonAsync(account.Id, target.Id, flowJson, cancellationToken);
        return uploaded.Succeeded
            ? new GraphJsonResult(new JsonObject { ["success"] = true, ["validation_errors"] = FlowValidationErrorJson.ToJson(uploaded.Value) })
            : new Refusal(uploaded.Error);
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> PublishAsync(GraphObject target, HttpContext http, FlowManagers managers, CancellationToken cancellationToken)
    {
        if (NotAFlow(target, "post") is { } refusal)
        {
            return refusal;
        }
        var account = FlowObjects.AccountOf(http);
        return await (await managers.ForAccountAsync(account.Id, cancellationToken)).PublishAsync(account.Id, target.Id, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> DeprecateAsync(GraphObject target, HttpContext http, FlowManagers managers, CancellationToken cancellationToken)
    {
        if (NotAFlow(target, "post") is { } refusal)
        {
            return refusal;
        }
        var account = FlowObjects.AccountOf(http);
        return await (await managers.ForAccountAsync(account.Id, cancellationToken)).DeprecateAsync(account.Id, target.Id, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>Another kind of object has no flow edges: Graph's 100/33, as for an unknown id.</summary>
    private static Refusal? NotAFlow(GraphObject target, string method) =>
        target.Kind == GraphObjectKind.Flow ? null : new Refusal(ErrorCatalog.UnknownObject(target.Id, method));
}
