using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.QrCodes;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// A simulated user scans a channel's message QR code (or opens its deep link) and sends what WhatsApp types in for
/// them: the code's pre-filled message, as an inbound text, the same as <c>/sandbox/channels/{id}/inbound</c> with
/// <c>type: text</c>. The body names the user as the inbound simulator does (<c>from</c>, <c>profile_name</c>, …). A
/// code the channel does not have, or a deleted one, cannot be scanned (803, "QR code not found").
/// </summary>
internal static class SandboxQrCodesApi
{
    public static RouteHandlerBuilder MapSandboxQrCodes(this IEndpointRouteBuilder app) =>
        app.MapPost("/sandbox/channels/{phoneNumberId}/qr/{code}/scan", ScanAsync).WithTags("Sandbox simulator")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A simulated user (from) scans the channel's message QR code and sends its pre-filled message");

    private static async Task<Results<Ok<SandboxApi.InboundAccepted>, Refusal>> ScanAsync(
        CallerChannel caller, string code, JsonBody body, IQrCodeStore codes, SandboxUserMessages userMessages, SandboxClock clock,
        CancellationToken cancellationToken)
    {
        var channel = caller.Value;
        if (SandboxApi.SimulatorRequest(channel, body) is { } refusal)
        {
            return refusal;
        }
        if (!QrCodeRules.IsCodeShaped(code))
        {
            return new Refusal(QrCodeRules.InvalidCode());
        }
        if (await codes.FindAsync(code, cancellationToken) is not { } found || found.ChannelId != channel.PhoneNumberId)
        {
            return new Refusal(QrCodeRules.NotFound(code));
        }
        var request = JsonObject.Create(body.Root)!;
        request["type"] = "text";
        request["text"] = new JsonObject { ["body"] = found.PrefilledMessage };
        foreach (var other in new[] { "context", "referral" })
        {
            request.Remove(other);
        }
        var built = SimulatedInbound.Build(channel, request, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return new Refusal(built.Error);
        }
        return TypedResults.Ok(await userMessages.AnswerAsync(channel, built.Value, cancellationToken));
    }
}
