using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulator's conversational components (<see cref="SandboxAutomation"/>), with the channel's token: a simulated
/// user (<c>{waId}</c>, their number) opens the chat, taps an ice breaker or picks a command. The optional body takes
/// the simulator's identity fields (<c>profile_name</c>, <c>username</c>, <c>from_user_id</c>, <c>share_number</c>).
/// </summary>
internal static class SandboxAutomationApi
{
    public static RouteGroupBuilder MapSandboxAutomation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/channels/{phoneNumberId}/users/{waId}").WithTags("Sandbox simulator")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"));
        group.MapPost("/open-chat", OpenChatAsync).ReadsBody(optional: true)
            .WithSummary("A simulated user opens the chat: the first time, the business gets request_welcome when the welcome message is enabled");
        group.MapPost("/ice-breakers", TapIceBreakerAsync).ReadsBody()
            .WithSummary("A simulated user taps one of the channel's ice breakers (prompt): its text arrives as a text message");
        group.MapPost("/commands", TypeCommandAsync).ReadsBody()
            .WithSummary("A simulated user picks one of the channel's commands (command, optional text): '/command text' arrives as a text message");
        return group;
    }

    private static async Task<Results<Ok<SandboxAutomation.ChatView>, Refusal>> OpenChatAsync(
        CallerChannel caller, string waId, JsonBody body, SandboxAutomation automation, CancellationToken cancellationToken)
    {
        if (SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal)
        {
            return refusal;
        }
        var opened = await automation.OpenChatAsync(caller.Value, Request(waId, body), cancellationToken);
        return opened.Succeeded ? TypedResults.Ok(opened.Value) : new Refusal(opened.Error);
    }

    private static async Task<Results<Ok<SandboxApi.InboundAccepted>, Refusal>> TapIceBreakerAsync(
        CallerChannel caller, string waId, JsonBody body, SandboxAutomation automation, CancellationToken cancellationToken)
    {
        if (SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal)
        {
            return refusal;
        }
        var sent = await automation.TapIceBreakerAsync(caller.Value, Request(waId, body), cancellationToken);
        return sent.Succeeded ? TypedResults.Ok(SandboxApi.Accepted(sent.Value)) : new Refusal(sent.Error);
    }

    private static async Task<Results<Ok<SandboxApi.InboundAccepted>, Refusal>> TypeCommandAsync(
        CallerChannel caller, string waId, JsonBody body, SandboxAutomation automation, CancellationToken cancellationToken)
    {
        if (SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal)
        {
            return refusal;
        }
        var sent = await automation.TypeCommandAsync(caller.Value, Request(waId, body), cancellationToken);
        return sent.Succeeded ? TypedResults.Ok(SandboxApi.Accepted(sent.Value)) : new Refusal(sent.Error);
    }

    /// <summary>The body with the path's user as <c>from</c>.</summary>
    private static JsonObject Request(string waId, JsonBody body)
    {
        var request = JsonObject.Create(body.Root)!;
        request["from"] = waId;
        return request;
    }
}
