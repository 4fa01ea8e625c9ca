using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Server.Media;
using Parley.Server.Messaging;
using Parley.Storage;

using Parley.Server.Auth;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// The simulator: make a simulated user send an inbound message to a channel, and move the sandbox clock.
/// Inbound messages need the channel's token; the clock is global and needs the admin key.
/// </summary>
internal static class SandboxApi
{
    public static RouteGroupBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox").WithTags("Sandbox simulator");
        group.MapPost("/channels/{phoneNumberId}/inbound", InboundAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .ReadsBody(InboundBodyBytes)
            .WithSummary("A simulated WhatsApp user sends a message to the channel (any inbound type)");
        group.MapGet("/channels/{phoneNumberId}/users/{waId}/typing", TypingAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .WithSummary("Whether the simulated user sees the business typing (typing indicators end after 25 s or at the next reply)");
        group.MapGet("/clock", GetClock).WithSummary("The sandbox clock");
        group.MapPost("/clock/advance", AdvanceClock).RequireAdminKey().WithSummary("Move the sandbox clock forward (admin key)");
        group.MapPost("/clock/reset", ResetClock).RequireAdminKey().WithSummary("Put the sandbox clock back to real time (admin key)");
        return group;
    }

    private const double MaxAdvanceSeconds = 10 * 365 * 24 * 3600;

    /// <summary>Room for media a simulated user sends inline (base64): 20 times the default body limit.</summary>
    private const long InboundBodyBytes = 20 * 1024 * 1024;

    internal sealed record InboundAccepted(IReadOnlyList<SendMessageId> Messages);
    internal sealed record ClockView(DateTimeOffset Now, double OffsetSeconds);
    internal sealed record AdvanceRequest(double? Seconds);

    private static async Task<Results<Ok<InboundAccepted>, Refusal>> InboundAsync(
        CallerChannel caller, JsonBody body, IMessageStore store, Ingest ingest, SandboxClock clock, InboundMedia media, SandboxRateLimits limits,
        CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (channel.Upstream != Channel.SandboxUpstream)
        {
            return new Refusal(ErrorCatalog.PermissionDenied.With("Only sandbox channels have simulated users."));
        }
        if (body.Root.ValueKind != JsonValueKind.Object)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("The body must be a JSON object."));
        }
        var json = JsonObject.Create(body.Root)!;
        if (await media.StoreAsync(channel, json, cancellationToken) is { } mediaError)
        {
            return new Refusal(mediaError);
        }
        var built = SimulatedInbound.Build(channel, json, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return new Refusal(built.Error);
        }
        var inbound = built.Value;
        if (SimulatedInbound.NeedsContext(inbound.Type) || inbound.Type == "reaction")
        {
            var targetId = inbound.Type == "reaction" ? json["reaction"]?["message_id"]?.ToString() : json["context"]?["id"]?.ToString();
            var target = targetId is null ? null : await store.GetAsync(channel.PhoneNumberId, targetId, cancellationToken);
            if (target is null || target.Peer != inbound.From)
            {
                return new Refusal(ErrorCatalog.ParameterValueNotValid.With($"Message '{targetId}' is not in this user's conversation with the channel."));
            }
        }
        limits.Inbound(channel, inbound.At);
        await ingest.ApplyAsync([inbound], cancellationToken);
        return TypedResults.Ok(new InboundAccepted([new SendMessageId(inbound.MessageId)]));
    }

    private static async Task<Results<Ok<SandboxTyping.View>, Refusal>> TypingAsync(
        CallerChannel caller, string waId, SandboxTyping typing, CancellationToken cancellationToken)
    {
        if (caller.Value.Upstream != Channel.SandboxUpstream)
        {
            return new Refusal(ErrorCatalog.PermissionDenied.With("Only sandbox channels have simulated users."));
        }
        return TypedResults.Ok(await typing.ViewAsync(caller.Value.PhoneNumberId, waId.TrimStart('+'), cancellationToken));
    }

    private static Ok<ClockView> GetClock(SandboxClock clock) => TypedResults.Ok(View(clock));

    private static Results<Ok<ClockView>, ValidationProblem> AdvanceClock(AdvanceRequest request, SandboxClock clock)
    {
        if (request.Seconds is not (> 0 and <= MaxAdvanceSeconds))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seconds"] = ["must be a positive number of seconds, at most ten years"] });
        }
        clock.Advance(TimeSpan.FromSeconds(request.Seconds.Value));
        return TypedResults.Ok(View(clock));
    }

    private static Ok<ClockView> ResetClock(SandboxClock clock)
    {
        clock.Reset();
        return TypedResults.Ok(View(clock));
    }

    private static ClockView View(SandboxClock clock) => new(clock.GetUtcNow(), clock.Offset.TotalSeconds);
}
