using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Model;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Flows;

/// <summary>
/// Flows by id on the shared <c>/{version}/{id}</c> route (Meta, Flows API): <c>GET</c> reads the fields asked for
/// (<c>preview.invalidate(true)</c> makes a new preview URL), <c>POST</c> changes a draft's <c>name</c>,
/// <c>categories</c> or <c>endpoint_uri</c>, <c>DELETE</c> deletes a draft. A flow is its business account's: the
/// edge authorizes the caller's token for the account, and the account's flow manager answers.
/// </summary>
internal sealed class FlowObjects(IFlowStore store, FlowManagers managers) : IGraphObjectKind
{
    public GraphObjectKind Kind => GraphObjectKind.Flow;

    /// <summary>A flow id is numeric; another shape costs no read.</summary>
    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        id.Length is > 0 and <= 32 && id.All(char.IsAsciiDigit) && await store.GetAsync(id, cancellationToken) is { } flow
            ? new GraphObject(Kind, id, flow, null, flow.AccountId)
            : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var fields = FlowViews.ParseFields(call.Request.Query["fields"].ToString());
        if (!fields.Succeeded)
        {
            return new Refusal(fields.Error);
        }
        var account = AccountOf(call);
        var manager = await managers.ForAccountAsync(account.Id, cancellationToken);
        var found = await manager.GetAsync(account.Id, call.Target.Id, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        FlowPreview? preview = null;
        if (fields.Value.Names.Contains("preview"))
        {
            var made = await manager.PreviewAsync(account.Id, call.Target.Id, fields.Value.InvalidatePreview, FlowPublicUrls.Base(call.Request), cancellationToken);
            if (!made.Succeeded)
            {
                return new Refusal(made.Error);
            }
            preview = made.Value;
        }
        return new GraphJsonResult(FlowViews.Render(found.Value, fields.Value.Names, account, preview));
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var body = call.Body is { ValueKind: JsonValueKind.Object } root ? JsonObject.Create(root)! : [];
        var name = FlowRequest.String(body, "name");
        var categories = FlowRequest.Strings(body, "categories");
        var endpointUri = FlowRequest.String(body, "endpoint_uri");
        var error = name.Error ?? categories.Error ?? endpointUri.Error
            ?? (name.Value is null ? null : FlowRules.CheckName(name.Value.Trim()))
            ?? (categories.Value is null ? null : FlowRules.CheckCategories(categories.Value))
            ?? (string.IsNullOrWhiteSpace(endpointUri.Value) ? null : FlowRules.CheckEndpointUri(endpointUri.Value.Trim()))
            ?? (name.Value is null && categories.Value is null && endpointUri.Value is null
                ? ErrorCatalog.InvalidParameter.With("Give at least one of name, categories or endpoint_uri.")
                : null);
        if (error is not null)
        {
            return new Refusal(error);
        }
        var account = AccountOf(call);
        var change = new FlowMetadataChange(name.Value?.Trim(), categories.Value, endpointUri.Value?.Trim());
        var manager = await managers.ForAccountAsync(account.Id, cancellationToken);
        return await manager.UpdateMetadataAsync(account.Id, call.Target.Id, change, cancellationToken) is { } refused
            ? new Refusal(refused)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    public async Task<IResult> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var account = AccountOf(call);
        var manager = await managers.ForAccountAsync(account.Id, cancellationToken);
        return await manager.DeleteAsync(account.Id, call.Target.Id, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>The flow's account, which the edge authorized the caller's token for.</summary>
    internal static BusinessAccount AccountOf(GraphObjectCall call) => AccountOf(call.Request.HttpContext);

    internal static BusinessAccount AccountOf(HttpContext context) =>
        EdgeCall.Of(context).Account ?? throw new InvalidOperationException("The Graph edge authorizes a flow's account before its handler runs.");
}
