using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Templates;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Server.Messaging;
using Parley.Server.Upstreams.Sandbox;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// The simulator's template endpoints: Meta's side of a template's life (set PAUSED, DISABLED, APPROVED or REJECTED
/// with a reason), what a recipient sees of a template message, and a recipient tapping one of its quick replies.
/// </summary>
internal static class TemplateSimulatorApi
{
    public static RouteGroupBuilder MapTemplateSimulator(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox").WithTags("Sandbox simulator");
        group.MapPost("/templates/{templateId}/status", SetStatusAsync)
            .WithEdge<GraphEdge>(CallerScope.GraphObject("templateId"))
            .WithSummary("Meta changes a template's status: APPROVED, REJECTED (with reason), PAUSED or DISABLED (token of the template's business account)");
        var messages = group.MapGroup("/channels/{phoneNumberId}/messages/{messageId}").WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId"));
        messages.MapGet("/rendered", RenderedAsync)
            .WithSummary("A template message as its recipient sees it: header, body and footer with the parameters put in, and its buttons");
        messages.MapPost("/tap", TapAsync)
            .WithSummary("The recipient of a template message taps one of its quick-reply buttons (inbound 'button' message)");
        return group;
    }

    internal sealed record StatusRequest(string? Status, string? Reason);

    internal sealed record TapRequest(int? ButtonIndex, string? ProfileName);

    private static async Task<Results<ContentHttpResult, Refusal>> SetStatusAsync(
        GraphObject target, StatusRequest request, ITemplateStore store, TemplateService templates, CancellationToken cancellationToken)
    {
        var templateId = target.Id;
        if (target.Kind != GraphObjectKind.Template)
        {
            return new Refusal(ErrorCatalog.UnknownObject(templateId));
        }
        var template = target.RecordAs<MessageTemplate>();
        var status = request.Status?.ToUpperInvariant();
        if (status is null || !TemplateStatuses.Settable.Contains(status))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"status must be one of {string.Join(", ", TemplateStatuses.Settable)}."));
        }
        var reason = request.Reason?.ToUpperInvariant() ?? (status == TemplateStatuses.Rejected ? TemplateRejectionReasons.InvalidFormat : TemplateRejectionReasons.None);
        if (!TemplateRejectionReasons.All.Contains(reason))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"reason must be one of {string.Join(", ", TemplateRejectionReasons.All)}."));
        }
        // The simulator's decision wins over a change made meanwhile (the sandbox's own review falling due): it is
        // applied to the template as it is now.
        for (var attempt = 1; !await templates.SetStatusAsync(template, status, reason, cancellationToken); attempt++)
        {
            if (attempt == 3 || await store.GetAsync(templateId, cancellationToken) is not { } current)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With("The template changed at the same time; try again."));
            }
            template = current;
        }
        var updated = await store.GetAsync(templateId, cancellationToken);
        return TemplateViews.Json(TemplateViews.Render(updated ?? template, [.. TemplateViews.DefaultFields, "rejected_reason"]));
    }

    private static async Task<Results<ContentHttpResult, Refusal>> RenderedAsync(
        CallerChannel caller, string messageId, IMessageStore messages, TemplateSendGuard guard, CancellationToken cancellationToken)
    {
        var found = await FindTemplateMessageAsync(caller.Value, messageId, messages, guard, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        var rendered = found.Value.Rendered;
        var body = new JsonObject
        {
            ["header_format"] = rendered.HeaderFormat,
            ["header"] = rendered.Header,
            ["body"] = rendered.Body,
            ["footer"] = rendered.Footer,
            ["buttons"] = new JsonArray([.. rendered.Buttons.Select(b => (JsonNode)new JsonObject
            {
                ["index"] = b.Index, ["type"] = b.Type, ["text"] = b.Text, ["payload"] = b.Payload, ["url"] = b.Url, ["phone_number"] = b.PhoneNumber,
            })]),
            ["cards"] = rendered.Cards.Count,
            ["text"] = rendered.Text,
        };
        return TemplateViews.Json(body);
    }

    private static async Task<Results<Ok<SandboxApi.InboundAccepted>, Refusal>> TapAsync(
        CallerChannel caller, string messageId, TapRequest request, IMessageStore messages, TemplateSendGuard guard, Ingest ingest, SandboxClock clock,
        CancellationToken cancellationToken)
    {
        var found = await FindTemplateMessageAsync(caller.Value, messageId, messages, guard, cancellationToken);
        if (!found.Succeeded)
        {
            return new Refusal(found.Error);
        }
        var button = found.Value.Rendered.Buttons.FirstOrDefault(b => b.Index == request.ButtonIndex);
        if (button is null || button.Type != "QUICK_REPLY")
        {
            return new Refusal(ErrorCatalog.ParameterValueNotValid.With($"The template message has no quick-reply button at index {request.ButtonIndex}."));
        }
        var inbound = new JsonObject
        {
            [Parley.Core.Users.Bsuid.IsValid(found.Value.Message.Peer) ? "from_user_id" : "from"] = found.Value.Message.Peer,
            ["type"] = "button",
            ["button"] = new JsonObject { ["payload"] = button.Payload, ["text"] = button.Text },
            ["context"] = new JsonObject { ["id"] = messageId },
        };
        if (request.ProfileName is not null)
        {
            inbound["profile_name"] = request.ProfileName;
        }
        var built = SimulatedInbound.Build(caller.Value, inbound, clock.GetUtcNow());
        if (!built.Succeeded)
        {
            return new Refusal(built.Error);
        }
        await ingest.ApplyAsync([built.Value], cancellationToken);
        return TypedResults.Ok(new SandboxApi.InboundAccepted([new SendMessageId(built.Value.MessageId)]));
    }

    private sealed record TemplateMessage(StoredMessage Message, RenderedTemplate Rendered);

    /// <summary>The channel's outbound template message and what its recipient sees, or the error to answer.</summary>
    private static async Task<Outcome<TemplateMessage>> FindTemplateMessageAsync(
        Channel channel, string messageId, IMessageStore messages, TemplateSendGuard guard, CancellationToken cancellationToken)
    {
        var message = await messages.GetAsync(channel.PhoneNumberId, messageId, cancellationToken);
        if (message is null || message.Direction != MessageDirection.Outbound || message.Type != "template")
        {
            return ErrorCatalog.ParameterValueNotValid.With($"Message '{messageId}' is not a template message this channel sent.");
        }
        using var payload = JsonDocument.Parse(message.Payload);
        var template = payload.RootElement.GetProperty("template");
        var name = template.GetProperty("name").GetString() ?? "";
        var language = template.GetProperty("language").GetProperty("code").GetString() ?? "";
        if (await guard.FindAsync(channel.AccountId, name, language, cancellationToken) is not { } stored)
        {
            return ErrorCatalog.TemplateDoesNotExist.With($"template name ({name}) does not exist in {language}");
        }
        return new TemplateMessage(message, TemplateRenderer.Render(stored, template));
    }
}
