using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Model;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulator's groups (<see cref="SandboxGroups"/>): simulated users join through an invite link, take back a join
/// request, leave and post (with the channel's token); WhatsApp suspends a group and clears it (admin key); and what
/// each participant received.
/// </summary>
internal static class SandboxGroupsApi
{
    public static RouteGroupBuilder MapSandboxGroups(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/channels/{phoneNumberId}/groups").WithTags("Sandbox simulator");
        group.MapPost("/join", JoinAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A simulated user opens a group's invite link: joins, or asks to join when the group needs approval");
        group.MapPost("/{groupId}/leave", LeaveAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A participant leaves the group");
        group.MapPost("/{groupId}/join_requests/revoke", RevokeByUserAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A simulated user (from) takes back their open join request");
        group.MapPost("/{groupId}/join_requests/{joinRequestId}/revoke", RevokeAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .WithSummary("A simulated user takes back their open join request, by its id");
        group.MapPost("/{groupId}/messages", PostAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody(SandboxApi.InboundBodyBytes)
            .WithSummary("A participant posts a message in the group (text, media, location, contacts, reaction)");
        group.MapGet("/{groupId}/participants/{waId}/messages", ReceivedAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .WithSummary("The business's group messages a participant received, with their delivered or read status");
        group.MapPost("/{groupId}/suspend", SuspendAsync).RequireAdminKey()
            .WithSummary("WhatsApp suspends the group: it takes no messages (131207) (admin key)");
        group.MapPost("/{groupId}/unsuspend", UnsuspendAsync).RequireAdminKey()
            .WithSummary("WhatsApp clears the group's suspension (admin key)");
        return group;
    }

    private static async Task<Results<Ok<SandboxGroups.GroupAction>, Refusal>> JoinAsync(
        CallerChannel caller, JsonBody body, SandboxGroups groups, CancellationToken cancellationToken) =>
        SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal
            ? refusal
            : Answer(await groups.JoinAsync(caller.Value, JsonObject.Create(body.Root)!, cancellationToken));

    private static async Task<Results<Ok<SandboxGroups.GroupAction>, Refusal>> LeaveAsync(
        CallerChannel caller, string groupId, JsonBody body, SandboxGroups groups, CancellationToken cancellationToken) =>
        SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal
            ? refusal
            : Answer(await groups.LeaveAsync(caller.Value, groupId, JsonObject.Create(body.Root)!, cancellationToken));

    private static async Task<Results<Ok<SandboxGroups.GroupAction>, Refusal>> RevokeByUserAsync(
        CallerChannel caller, string groupId, JsonBody body, SandboxGroups groups, CancellationToken cancellationToken) =>
        SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal
            ? refusal
            : Answer(await groups.RevokeJoinRequestAsync(caller.Value, groupId, null, JsonObject.Create(body.Root)!, cancellationToken));

    private static async Task<Results<Ok<SandboxGroups.GroupAction>, Refusal>> RevokeAsync(
        CallerChannel caller, string groupId, string joinRequestId, SandboxGroups groups, CancellationToken cancellationToken) =>
        SandboxApi.SandboxOnly(caller.Value) is { } refusal
            ? refusal
            : Answer(await groups.RevokeJoinRequestAsync(caller.Value, groupId, joinRequestId, [], cancellationToken));

    private static async Task<Results<Ok<SandboxApi.InboundAccepted>, Refusal>> PostAsync(
        CallerChannel caller, string groupId, JsonBody body, SandboxGroups groups, CancellationToken cancellationToken)
    {
        if (SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal)
        {
            return refusal;
        }
        var posted = await groups.PostAsync(caller.Value, groupId, JsonObject.Create(body.Root)!, cancellationToken);
        return posted.Succeeded ? TypedResults.Ok(SandboxApi.Accepted(posted.Value)) : new Refusal(posted.Error);
    }

    private static async Task<Results<Ok<SandboxGroups.ReceivedView>, Refusal>> ReceivedAsync(
        CallerChannel caller, string groupId, string waId, SandboxGroups groups, CancellationToken cancellationToken) =>
        SandboxApi.SandboxOnly(caller.Value) is { } refusal
            ? refusal
            : Answer(await groups.ReceivedAsync(caller.Value, groupId, waId, cancellationToken));

    private static Task<Results<Ok<SandboxGroups.GroupStatusView>, NotFound, ProblemHttpResult>> SuspendAsync(
        string phoneNumberId, string groupId, IAccountStore accounts, SandboxGroups groups, CancellationToken cancellationToken) =>
        ChangeSuspensionAsync(phoneNumberId, groupId, suspended: true, accounts, groups, cancellationToken);

    private static Task<Results<Ok<SandboxGroups.GroupStatusView>, NotFound, ProblemHttpResult>> UnsuspendAsync(
        string phoneNumberId, string groupId, IAccountStore accounts, SandboxGroups groups, CancellationToken cancellationToken) =>
        ChangeSuspensionAsync(phoneNumberId, groupId, suspended: false, accounts, groups, cancellationToken);

    /// <summary>Only the simulated network suspends groups: a <c>meta</c> channel's groups are suspended by Meta.</summary>
    private static async Task<Results<Ok<SandboxGroups.GroupStatusView>, NotFound, ProblemHttpResult>> ChangeSuspensionAsync(
        string phoneNumberId, string groupId, bool suspended, IAccountStore accounts, SandboxGroups groups, CancellationToken cancellationToken)
    {
        if (await accounts.GetChannelAsync(phoneNumberId, cancellationToken) is not { } channel)
        {
            return TypedResults.NotFound();
        }
        if (channel.Upstream != Channel.SandboxUpstream)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a sandbox channel",
                detail: "Only the groups of sandbox channels are suspended by the simulator; Meta suspends a meta channel's groups.");
        }
        return await groups.SuspendAsync(phoneNumberId, groupId, suspended, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static Results<Ok<T>, Refusal> Answer<T>(Core.Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value) : new Refusal(outcome.Error);
}
