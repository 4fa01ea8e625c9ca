using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Flows;
using Parley.Core.Model;
using Parley.Server.Edges;
using Parley.Server.Flows;
using Parley.Storage;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's flow methods (seed 000 "WhatsApp Flows"; digest A.10): create, list, describe, delete, change the metadata or
/// the Flow JSON, preview, publish and deprecate. A 1msg instance is a channel; flows belong to its business account, so
/// each method calls the account's flow manager (<see cref="FlowManagers"/>: Parley's own flows, or Meta's), the one the
/// Cloud API's Flows API calls: both dialects see the same flows, every rule is <see cref="FlowRules"/>'s and every error
/// is rendered as 1msg's <c>{"error"}</c>. Every method takes the optional <c>wabaAccountId</c> of 1msg's SDK, which must
/// name the instance's own account.
/// </summary>
internal static class OneMsgFlowsApi
{
    /// <summary>A body with a Flow JSON of the largest size, as a file or as (escaped) text, and the other fields.</summary>
    private const long FlowJsonBodyMaxBytes = FlowRules.FlowJsonMaxBytes * 2L + 64 * 1024;

    /// <summary>The flows read from the manager at once while listing every flow.</summary>
    private const int ListPageSize = 100;

    private static readonly string[] BodyTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public static void MapOneMsgFlows(this RouteGroupBuilder group)
    {
        group.MapPost("/flows", CreateAsync).ReadsBody(FlowJsonBodyMaxBytes).Accepts<object>(BodyTypes[2], BodyTypes[..2])
            .WithSummary("1msg: create a flow (a draft; optionally with its Flow JSON, and published at once)");
        group.MapGet("/flows", ListAsync).WithSummary("1msg: the account's flows ({items, paging, count, total})");
        group.MapGet("/flows/{flowId}", GetAsync).WithSummary("1msg: a flow's details");
        group.MapDelete("/flows/{flowId}", DeleteAsync).WithSummary("1msg: delete a draft flow");
        group.MapPatch("/flows/{flowId}/metadata", UpdateMetadataAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg: change a draft flow's name, categories or endpoint");
        group.MapPatch("/flows/{flowId}/assets", UploadFlowJsonAsync).ReadsBody(FlowJsonBodyMaxBytes).Accepts<object>(BodyTypes[2], BodyTypes[..2])
            .WithSummary("1msg: replace a draft flow's Flow JSON ({success, validationErrors})");
        group.MapGet("/flows/{flowId}/preview", PreviewAsync).WithSummary("1msg: a flow's web preview URL");
        group.MapPost("/flows/{flowId}/publish", PublishAsync).WithSummary("1msg: publish a draft flow");
        group.MapPost("/flows/{flowId}/deprecate", DeprecateAsync).WithSummary("1msg: deprecate a published flow");
    }

    /// <summary>
    /// <c>name</c> and <c>categories</c> (an array, or a comma list), <c>endpointUri</c>, <c>cloneFlowId</c> (its Flow JSON
    /// unless one is given), the Flow JSON as <c>flowJson</c> (text or an object) or a <c>file</c>, and <c>publish</c>.
    /// <c>{"id", "success", "flowJson"?: {success, validationErrors}, "publish"?: {success, error?}}</c>: once the flow is
    /// created the answer is 200 with its id, and a publish that failed says why in <c>publish</c> (the flow stays a draft).
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> CreateAsync(
        CallerChannel caller, JsonObjectBody json, HttpRequest http, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken)
    {
        var body = json.Value;
        var accountId = caller.Value.AccountId;
        if ((CheckAccount(caller.Value, wabaAccountId) ?? CheckText(body, "name") ?? CheckText(body, "endpointUri") ?? CheckText(body, "cloneFlowId")) is { } typeError)
        {
            return new Refusal(typeError);
        }
        var name = OneMsgFields.Text(body, "name")?.Trim();
        var categories = OneMsgFlowRequest.Categories(body);
        var endpointUri = NullIfEmpty(OneMsgFields.Text(body, "endpointUri"));
        var publish = OneMsgFields.Boolean(body, "publish");
        if (OneMsgFields.Has(body, "publish") && publish is null)
        {
            return new Refusal(OneMsgMapper.Invalid("The parameter publish must be true or false."));
        }
        if ((FlowRules.CheckName(name) ?? categories.Error ?? FlowRules.CheckCategories(categories.Value) ?? FlowRules.CheckEndpointUri(endpointUri)) is { } error)
        {
            return new Refusal(error);
        }
        var flowJson = await OneMsgFlowRequest.FlowJsonAsync(body, http, required: false, cancellationToken);
        if (!flowJson.Succeeded)
        {
            return new Refusal(flowJson.Error);
        }
        var draft = new FlowDraft(name!, categories.Value!, endpointUri, NullIfEmpty(OneMsgFields.Text(body, "cloneFlowId")), flowJson.Value, publish ?? false);
        var created = await (await managers.ForAccountAsync(accountId, cancellationToken)).CreateAsync(accountId, draft, cancellationToken);
        if (!created.Succeeded)
        {
            return new Refusal(created.Error);
        }
        var flow = created.Value.Flow;
        var answer = new JsonObject { ["id"] = flow.Id, ["success"] = created.Value.PublishError is null };
        if (flowJson.Value is not null)
        {
            answer["flowJson"] = new JsonObject { ["success"] = true, ["validationErrors"] = OneMsgFlowViews.ValidationErrors(flow.ValidationErrors) };
        }
        if (draft.Publish)
        {
            answer["publish"] = created.Value.PublishError is { } refused ? OneMsgFlowViews.Failed(refused) : new JsonObject { ["success"] = true };
        }
        return TypedResults.Ok(answer);
    }

    /// <summary>
    /// Every flow of the account, oldest first (the seed: "Returns all flows for the instance"), with the <c>fields</c>
    /// asked for; <c>limit</c> and <c>offset</c> (as 1msg's <c>/templates</c>) take a part of them. <c>count</c> is the
    /// flows answered, <c>total</c> all of them.
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> ListAsync(
        CallerChannel caller, HttpRequest http, string? fields, string? limit, string? offset, string? wabaAccountId,
        FlowManagers managers, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var take = int.MaxValue;
        var skip = 0;
        if ((limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1))
            || (offset is not null && !int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out skip)))
        {
            return new Refusal(OneMsgMapper.Invalid("The parameters limit and offset must be whole numbers (limit at least 1)."));
        }
        var asked = OneMsgFlowViews.CheckFields(fields, OneMsgFlowViews.ListedFields);
        if (CheckAccount(caller.Value, wabaAccountId) is { } wrongAccount)
        {
            return new Refusal(wrongAccount);
        }
        if (!asked.Succeeded)
        {
            return new Refusal(asked.Error);
        }
        var accountId = caller.Value.AccountId;
        var manager = await managers.ForAccountAsync(accountId, cancellationToken);
        var all = new List<Flow>();
        for (string? after = null; ;)
        {
            var page = await manager.ListAsync(accountId, ListPageSize, after, null, cancellationToken);
            if (!page.Succeeded)
            {
                return new Refusal(page.Error);
            }
            all.AddRange(page.Value.Flows);
            if (!page.Value.HasAfter || page.Value.After is null)
            {
                break;
            }
            after = page.Value.After;
        }
        var account = await AccountAsync(accountId, accounts, cancellationToken);
        var items = new JsonArray();
        foreach (var flow in all.Skip(skip).Take(take))
        {
            var preview = await PreviewIfAskedAsync(manager, flow, asked.Value, http, cancellationToken);
            if (!preview.Succeeded)
            {
                return new Refusal(preview.Error);
            }
            items.Add(OneMsgFlowViews.Flow(flow, asked.Value, preview.Value, account));
        }
        var paging = new JsonObject();
        if (limit is not null || offset is not null)
        {
            paging["offset"] = skip;
            paging["limit"] = limit is null ? null : take;
        }
        return TypedResults.Ok(new JsonObject { ["items"] = items, ["paging"] = paging, ["count"] = items.Count, ["total"] = all.Count });
    }

    /// <summary><c>fields</c>: a comma list of the seed's field names (every field when absent).</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> GetAsync(
        CallerChannel caller, string flowId, HttpRequest http, string? fields, string? wabaAccountId, FlowManagers managers, IAccountStore accounts,
        CancellationToken cancellationToken)
    {
        var asked = OneMsgFlowViews.CheckFields(fields, OneMsgFlowViews.AllFields);
        if (CheckAccount(caller.Value, wabaAccountId) is { } wrongAccount)
        {
            return new Refusal(wrongAccount);
        }
        if (!asked.Succeeded)
        {
            return new Refusal(asked.Error);
        }
        var accountId = caller.Value.AccountId;
        var manager = await managers.ForAccountAsync(accountId, cancellationToken);
        var flow = await manager.GetAsync(accountId, flowId, cancellationToken);
        if (!flow.Succeeded)
        {
            return new Refusal(flow.Error);
        }
        var preview = await PreviewIfAskedAsync(manager, flow.Value, asked.Value, http, cancellationToken);
        return preview.Succeeded
            ? TypedResults.Ok(OneMsgFlowViews.Flow(flow.Value, asked.Value, preview.Value, await AccountAsync(accountId, accounts, cancellationToken)))
            : new Refusal(preview.Error);
    }

    private static Task<Results<Ok<JsonObject>, Refusal>> DeleteAsync(
        CallerChannel caller, string flowId, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken) =>
        SucceedsAsync(caller.Value, wabaAccountId, managers, (manager, accountId) => manager.DeleteAsync(accountId, flowId, cancellationToken), cancellationToken);

    private static Task<Results<Ok<JsonObject>, Refusal>> PublishAsync(
        CallerChannel caller, string flowId, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken) =>
        SucceedsAsync(caller.Value, wabaAccountId, managers, (manager, accountId) => manager.PublishAsync(accountId, flowId, cancellationToken), cancellationToken);

    private static Task<Results<Ok<JsonObject>, Refusal>> DeprecateAsync(
        CallerChannel caller, string flowId, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken) =>
        SucceedsAsync(caller.Value, wabaAccountId, managers, (manager, accountId) => manager.DeprecateAsync(accountId, flowId, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>name</c>, <c>categories</c> (an array, or a comma list) and / or <c>endpointUri</c> (an empty one removes the
    /// endpoint); <c>{"success":true}</c>.
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> UpdateMetadataAsync(
        CallerChannel caller, string flowId, JsonObjectBody json, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken)
    {
        var body = json.Value;
        if ((CheckAccount(caller.Value, wabaAccountId) ?? CheckText(body, "name") ?? CheckText(body, "endpointUri")) is { } typeError)
        {
            return new Refusal(typeError);
        }
        var name = OneMsgFields.Text(body, "name")?.Trim();
        var categories = OneMsgFields.Has(body, "categories") ? OneMsgFlowRequest.Categories(body) : Outcome<IReadOnlyList<string>?>.Success(null);
        var endpointUri = OneMsgFields.Text(body, "endpointUri")?.Trim();
        if (name is null && !OneMsgFields.Has(body, "categories") && endpointUri is null)
        {
            return new Refusal(ErrorCatalog.RequiredParameterMissing.With("The parameter name, categories or endpointUri is required."));
        }
        var error = (name is null ? null : FlowRules.CheckName(name))
            ?? categories.Error
            ?? (categories.Value is null ? null : FlowRules.CheckCategories(categories.Value))
            ?? FlowRules.CheckEndpointUri(NullIfEmpty(endpointUri));
        if (error is not null)
        {
            return new Refusal(error);
        }
        return await SucceedsAsync(caller.Value, null, managers,
            (manager, accountId) => manager.UpdateMetadataAsync(accountId, flowId, new FlowMetadataChange(name, categories.Value, endpointUri), cancellationToken),
            cancellationToken);
    }

    /// <summary>The Flow JSON as <c>flowJson</c> (text or an object) or a <c>file</c>; <c>{"success":true, "validationErrors":[…]}</c> (saved either way).</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> UploadFlowJsonAsync(
        CallerChannel caller, string flowId, JsonObjectBody json, HttpRequest http, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken)
    {
        if (CheckAccount(caller.Value, wabaAccountId) is { } wrongAccount)
        {
            return new Refusal(wrongAccount);
        }
        var flowJson = await OneMsgFlowRequest.FlowJsonAsync(json.Value, http, required: true, cancellationToken);
        if (!flowJson.Succeeded)
        {
            return new Refusal(flowJson.Error);
        }
        var accountId = caller.Value.AccountId;
        var uploaded = await (await managers.ForAccountAsync(accountId, cancellationToken)).UploadFlowJsonAsync(accountId, flowId, flowJson.Value!, cancellationToken);
        return uploaded.Succeeded
            ? TypedResults.Ok(new JsonObject { ["success"] = true, ["validationErrors"] = OneMsgFlowViews.ValidationErrors(uploaded.Value) })
            : new Refusal(uploaded.Error);
    }

    /// <summary><c>invalidate</c>: true for a new preview URL (the old one stops working); <c>{"id", "preview": {previewUrl, expiresAt}}</c>.</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> PreviewAsync(
        CallerChannel caller, string flowId, HttpRequest http, string? invalidate, string? wabaAccountId, FlowManagers managers, CancellationToken cancellationToken)
    {
        var renew = invalidate is null ? false : OneMsgFields.Boolean(new JsonObject { ["invalidate"] = invalidate }, "invalidate");
        if (renew is null)
        {
            return new Refusal(OneMsgMapper.Invalid("The parameter invalidate must be true or false."));
        }
        if (CheckAccount(caller.Value, wabaAccountId) is { } wrongAccount)
        {
            return new Refusal(wrongAccount);
        }
        var accountId = caller.Value.AccountId;
        var preview = await (await managers.ForAccountAsync(accountId, cancellationToken)).PreviewAsync(accountId, flowId, renew.Value, PublicBase(http), cancellationToken);
        return preview.Succeeded
            ? TypedResults.Ok(new JsonObject { ["id"] = flowId, ["preview"] = OneMsgFlowViews.Preview(preview.Value) })
            : new Refusal(preview.Error);
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> SucceedsAsync(
        Channel channel, string? wabaAccountId, FlowManagers managers, Func<IFlowManager, string, Task<WhatsAppError?>> act, CancellationToken cancellationToken)
    {
        if (CheckAccount(channel, wabaAccountId) is { } wrongAccount)
        {
            return new Refusal(wrongAccount);
        }
        var manager = await managers.ForAccountAsync(channel.AccountId, cancellationToken);
        return await act(manager, channel.AccountId) is { } refused ? new Refusal(refused) : TypedResults.Ok(new JsonObject { ["success"] = true });
    }

    /// <summary>The flow's preview when the answer shows it; none otherwise.</summary>
    private static async Task<Outcome<FlowPreview?>> PreviewIfAskedAsync(
        IFlowManager manager, Flow flow, IReadOnlySet<string> fields, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!fields.Contains(OneMsgFlowViews.PreviewField))
        {
            return Outcome<FlowPreview?>.Success(null);
        }
        var preview = await manager.PreviewAsync(flow.AccountId, flow.Id, false, PublicBase(http), cancellationToken);
        return preview.Succeeded ? Outcome<FlowPreview?>.Success(preview.Value) : preview.Error;
    }

    private static async Task<JsonObject> AccountAsync(string accountId, IAccountStore accounts, CancellationToken cancellationToken) =>
        OneMsgFlowViews.Account(accountId, (await accounts.GetAccountAsync(accountId, cancellationToken))?.Name);

    /// <summary>Where this Parley is reached, as the caller reached it: the base of the preview URLs it makes.</summary>
    private static Uri PublicBase(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>1msg's SDK names the account on every flow call (<c>wabaAccountId</c>); an instance reaches only its own.</summary>
    private static WhatsAppError? CheckAccount(Channel channel, string? wabaAccountId) =>
        string.IsNullOrEmpty(wabaAccountId) || wabaAccountId == channel.AccountId
            ? null
            : ErrorCatalog.InvalidParameter.With($"The parameter wabaAccountId must be this instance's WhatsApp Business Account ({channel.AccountId}).");

    /// <summary>An error when the field is present but not text (a number counts as its digits).</summary>
    private static WhatsAppError? CheckText(JsonObject body, string name) =>
        OneMsgFields.Has(body, name) && OneMsgFields.Text(body, name) is null ? OneMsgMapper.Invalid($"The parameter {name} must be a string.") : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
