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
        group.MapPost("/channels/{phoneNumberId}/users/change-number", ChangeNumberAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .ReadsBody()
            .WithSummary("A simulated user changes their phone number (system message user_changed_number; a new BSUID)");
        group.MapPost("/channels/{phoneNumberId}/users/change-user-id", ChangeUserIdAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .ReadsBody()
            .WithSummary("A simulated user's BSUID changes (system message user_changed_user_id)");
        group.MapGet("/channels/{phoneNumberId}/users/{waId}/typing", TypingAsync)
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"))
            .WithSummary("Whether the simulated user sees the business typing (typing indicators end after 25 s or at the next reply)");
        group.MapGet("/clock", GetClock).WithSummary("The sandbox clock");
        group.MapPost("/clock/advance", AdvanceClock).RequireAdminKey().WithSummary("Move the sandbox clock forward (admin key)");
        group.MapPost("/clock/reset", ResetClock).RequireAdminKey().WithSummary("Put the sandbox clock back to real time (admin key)");
        app.MapSandboxGroups();
        app.MapSandboxFlows();
        app.MapSandboxAutomation();
        app.MapSandboxQrCodes();
        app.MapSandboxCommerce();
        app.MapSandboxTemplateClicks();
        return group;
    }

    private const double MaxAdvanceSeconds = 10 * 365 * 24 * 3600;

    /// <summary>Room for media a simulated user sends inline (base64): 20 times the default body limit.</summary>
    internal const long InboundBodyBytes = 20 * 1024 * 1024;

    /// <summary>The simulator's answer: the message ids, and who sent them (<c>contacts[]</c> items as the webhook shows them).</summary>
    /// <param name="Delivered">False when WhatsApp did not deliver the message (the business blocked the user); absent otherwise.</param>
    /// <param name="Reason">Why the message was not delivered.</param>
    internal sealed record InboundAccepted(
        IReadOnlyList<SendMessageId> Messages, IReadOnlyList<SimulatedContact>? Contacts = null, bool? Delivered = null, string? Reason = null);

    /// <summary>A simulated user: <c>wa_id</c> only when they share their number with the business.</summary>
    internal sealed record SimulatedContact(string? WaId, string? UserId, string? Username);
    internal sealed record ClockView(DateTimeOffset Now, double OffsetSeconds);
    internal sealed record AdvanceRequest(double? Seconds);

    private static async Task<Results<Ok<InboundAccepted>, Refusal>> InboundAsync(
        CallerChannel caller, JsonBody body, IMessageStore store, IUserStore users, SandboxClock clock, InboundMedia media, SandboxUserMessages userMessages,
        CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (SimulatorRequest(channel, body) is { } refusal)
        {
            return refusal;
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
            if (target is null || !(await SandboxConversation.IdentitiesAsync(users, inbound.ChannelId, inbound.Identities, cancellationToken)).Contains(target.Peer))
            {
                return new Refusal(ErrorCatalog.ParameterValueNotValid.With($"Message '{targetId}' is not in this user's conversation with the channel."));
            }
        }
        // A blocked user sees their message sent, never delivered; the business never hears of it (Meta, "Block users").
        return TypedResults.Ok(await userMessages.AnswerAsync(channel, inbound, cancellationToken));
    }

    internal static InboundAccepted Accepted(InboundEvent inbound) =>
        new([new SendMessageId(inbound.MessageId)], [new SimulatedContact(inbound.User.WaId, inbound.User.UserId, inbound.User.Username)]);

    private static async Task<Results<Ok<InboundAccepted>, Refusal>> ChangeNumberAsync(
        CallerChannel caller, JsonBody body, IUserStore users, Ingest ingest, SandboxClock clock, CancellationToken cancellationToken) =>
        await ChangeAsync(caller, body, users, ingest, clock, changeNumber: true, cancellationToken);

    private static async Task<Results<Ok<InboundAccepted>, Refusal>> ChangeUserIdAsync(
        CallerChannel caller, JsonBody body, IUserStore users, Ingest ingest, SandboxClock clock, CancellationToken cancellationToken) =>
        await ChangeAsync(caller, body, users, ingest, clock, changeNumber: false, cancellationToken);

    /// <summary>A user who wrote to the channel (named by <c>from</c> or <c>from_user_id</c>) changes number or BSUID; the channel gets the system message.</summary>
    private static async Task<Results<Ok<InboundAccepted>, Refusal>> ChangeAsync(
        CallerChannel caller, JsonBody body, IUserStore users, Ingest ingest, SandboxClock clock, bool changeNumber, CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (SimulatorRequest(channel, body) is { } refusal)
        {
            return refusal;
        }
        var json = JsonObject.Create(body.Root)!;
        var identified = SimulatedInbound.Identify(channel, json);
        if (!identified.Succeeded)
        {
            return new Refusal(identified.Error);
        }
        var identity = identified.Value.WaId ?? identified.Value.UserId!;
        if (await users.FindAsync(channel.PhoneNumberId, identity, cancellationToken) is not { } user)
        {
            return new Refusal(ErrorCatalog.ParameterValueNotValid.With($"No simulated user '{identity}' has written to this channel."));
        }
        var built = SandboxIdentityChange.Build(channel, user, changeNumber, json["new_number"]?.ToString(), clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return new Refusal(built.Error);
        }
        await ingest.ApplyAsync([built.Value], cancellationToken);
        return TypedResults.Ok(Accepted(built.Value));
    }

    internal static Refusal? SimulatorRequest(Channel channel, JsonBody body) =>
        SandboxOnly(channel) ?? (body.Root.ValueKind != JsonValueKind.Object ? new Refusal(ErrorCatalog.InvalidParameter.With("The body must be a JSON object.")) : null);

    /// <summary>A refusal for a channel that is not on the sandbox: only sandbox channels have simulated users.</summary>
    internal static Refusal? SandboxOnly(Channel channel) =>
        channel.Upstream != Channel.SandboxUpstream ? new Refusal(ErrorCatalog.PermissionDenied.With("Only sandbox channels have simulated users.")) : null;

    private static async Task<Results<Ok<SandboxTyping.View>, Refusal>> TypingAsync(
        CallerChannel caller, string waId, SandboxTyping typing, CancellationToken cancellationToken)
    {
        if (SandboxOnly(caller.Value) is { } refusal)
        {
            return refusal;
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
