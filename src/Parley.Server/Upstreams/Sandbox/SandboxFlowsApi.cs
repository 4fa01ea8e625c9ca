using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Flows;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Server.Flows;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulator's flows (<see cref="SandboxFlows"/>): a simulated user opens a flow message they received, submits
/// each screen and goes back (with the channel's token); WhatsApp blocks, throttles and restores a published flow
/// (admin key), which sends <c>FLOW_STATUS_CHANGE</c>.
/// </summary>
internal static class SandboxFlowsApi
{
    /// <summary>The statuses WhatsApp moves a published flow between by its health (Meta, "Flows health monitoring").</summary>
    private static readonly string[] HealthStatuses = [FlowStatuses.Published, FlowStatuses.Throttled, FlowStatuses.Blocked];

    public static RouteGroupBuilder MapSandboxFlows(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/channels/{phoneNumberId}/flows").WithTags("Sandbox simulator");
        group.MapPost("/open", OpenAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A simulated user opens the flow of a flow message they received (message_id): the session and the first screen");
        group.MapPost("/submit", SubmitAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("The user taps the screen's action with the form they filled: the next screen, or the flow completes (nfm_reply)");
        group.MapPost("/back", BackAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("The user goes back a screen (on the first screen the flow closes)");
        app.MapPost("/sandbox/flows/{flowId}/status", ChangeStatusAsync).RequireAdminKey().WithTags("Sandbox simulator")
            .WithSummary("WhatsApp throttles, blocks or restores a published flow (FLOW_STATUS_CHANGE) (admin key)");
        return group;
    }

    internal sealed record StatusRequest(string? Status);

    private static Task<Results<Ok<JsonObject>, Refusal>> OpenAsync(CallerChannel caller, JsonBody body, SandboxFlows flows, CancellationToken cancellationToken) =>
        RunAsync(caller, body, flows.OpenAsync, cancellationToken);

    private static Task<Results<Ok<JsonObject>, Refusal>> SubmitAsync(CallerChannel caller, JsonBody body, SandboxFlows flows, CancellationToken cancellationToken) =>
        RunAsync(caller, body, flows.SubmitAsync, cancellationToken);

    private static Task<Results<Ok<JsonObject>, Refusal>> BackAsync(CallerChannel caller, JsonBody body, SandboxFlows flows, CancellationToken cancellationToken) =>
        RunAsync(caller, body, flows.BackAsync, cancellationToken);

    private static async Task<Results<Ok<JsonObject>, Refusal>> RunAsync(
        CallerChannel caller, JsonBody body, Func<Core.Model.Channel, JsonObject, CancellationToken, Task<Core.Outcome<JsonObject>>> step, CancellationToken cancellationToken)
    {
        if (SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal)
        {
            return refusal;
        }
        var outcome = await step(caller.Value, JsonObject.Create(body.Root)!, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : new Refusal(outcome.Error);
    }

    private static async Task<Results<Ok<JsonObject>, NotFound, ProblemHttpResult>> ChangeStatusAsync(
        string flowId, StatusRequest request, IFlowStore store, LocalFlowManager manager, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(flowId, cancellationToken) is not { } flow)
        {
            return TypedResults.NotFound();
        }
        if (request.Status is not { } status || !HealthStatuses.Contains(status))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid status",
                detail: $"status must be one of {string.Join(", ", HealthStatuses)}.");
        }
        if (!HealthStatuses.Contains(flow.Status))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Flow not published",
                detail: $"Flow {flow.Id} is {flow.Status}: WhatsApp throttles and blocks only a published flow.");
        }
        if (flow.Status == status)
        {
            return TypedResults.Ok(View(flow));
        }
        var changed = await manager.ChangeStatusAsync(flow, status, cancellationToken);
        return changed.Succeeded
            ? TypedResults.Ok(View(changed.Value!))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Flow changed", detail: changed.Error!.Details);
    }

    private static JsonObject View(Flow flow) => new() { ["id"] = flow.Id, ["name"] = flow.Name, ["status"] = flow.Status };
}
