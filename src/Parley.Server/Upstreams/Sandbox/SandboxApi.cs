using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Admin;
using Parley.Server.Auth;
using Parley.Server.Configuration;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Media;
using Parley.Server.Messaging;
using Parley.Storage;

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
            .WithSummary("A simulated WhatsApp user sends a message to the channel (any inbound type)");
        group.MapGet("/clock", GetClock).WithSummary("The sandbox clock");
        group.MapPost("/clock/advance", AdvanceClock).WithSummary("Move the sandbox clock forward (admin key)");
        group.MapPost("/clock/reset", ResetClock).WithSummary("Put the sandbox clock back to real time (admin key)");
        return group;
    }

    private const double MaxAdvanceSeconds = 10 * 365 * 24 * 3600;

    internal sealed record InboundAccepted(IReadOnlyList<SendMessageId> Messages);
    internal sealed record ClockView(DateTimeOffset Now, double OffsetSeconds);
    internal sealed record AdvanceRequest(double? Seconds);

    private static async Task<Results<Ok<InboundAccepted>, GraphErrorResult>> InboundAsync(
        string phoneNumberId, HttpRequest request, ChannelAccess access, IMessageStore store, Ingest ingest,
        SandboxClock clock, InboundMedia media, IOptions<ParleyOptions> options, CancellationToken cancellationToken)
    {
        var authorized = await access.AuthorizeAsync(GraphRequest.BearerToken(request), phoneNumberId, cancellationToken);
        if (!authorized.Succeeded)
        {
            return new GraphErrorResult(authorized.Error);
        }
        var channel = authorized.Value;
        if (channel.Upstream != Channel.SandboxUpstream)
        {
            return new GraphErrorResult(ErrorCatalog.PermissionDenied.With("Only sandbox channels have simulated users."));
        }
        var body = await GraphRequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes * 20, cancellationToken);
        if (!body.Succeeded)
        {
            return new GraphErrorResult(body.Error);
        }
        using var document = body.Value;
        if (JsonNode.Parse(document.RootElement.GetRawText()) is not JsonObject json)
        {
            return new GraphErrorResult(ErrorCatalog.InvalidParameter.With("The body must be a JSON object."));
        }
        if (await media.StoreAsync(channel, json, cancellationToken) is { } mediaError)
        {
            return new GraphErrorResult(mediaError);
        }
        var built = SimulatedInbound.Build(channel, json, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return new GraphErrorResult(built.Error);
        }
        var inbound = built.Value;
        if (SimulatedInbound.NeedsContext(inbound.Type) || inbound.Type == "reaction")
        {
            var targetId = inbound.Type == "reaction" ? json["reaction"]?["message_id"]?.ToString() : json["context"]?["id"]?.ToString();
            var target = targetId is null ? null : await store.GetAsync(channel.PhoneNumberId, targetId, cancellationToken);
            if (target is null || target.Peer != inbound.From)
            {
                return new GraphErrorResult(ErrorCatalog.ParameterValueNotValid.With($"Message '{targetId}' is not in this user's conversation with the channel."));
            }
        }
        await ingest.ApplyAsync([inbound], cancellationToken);
        return TypedResults.Ok(new InboundAccepted([new SendMessageId(inbound.MessageId)]));
    }

    private static Ok<ClockView> GetClock(SandboxClock clock) => TypedResults.Ok(View(clock));

    private static Results<Ok<ClockView>, ProblemHttpResult, ValidationProblem> AdvanceClock(AdvanceRequest request, HttpRequest http, AdminKey adminKey, SandboxClock clock)
    {
        if (!AdminApi.IsAdmin(http, adminKey.Value))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required");
        }
        if (request.Seconds is not (> 0 and <= MaxAdvanceSeconds))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seconds"] = ["must be a positive number of seconds, at most ten years"] });
        }
        clock.Advance(TimeSpan.FromSeconds(request.Seconds.Value));
        return TypedResults.Ok(View(clock));
    }

    private static Results<Ok<ClockView>, ProblemHttpResult> ResetClock(HttpRequest http, AdminKey adminKey, SandboxClock clock)
    {
        if (!AdminApi.IsAdmin(http, adminKey.Value))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required");
        }
        clock.Reset();
        return TypedResults.Ok(View(clock));
    }

    private static ClockView View(SandboxClock clock) => new(clock.GetUtcNow(), clock.Offset.TotalSeconds);
}
