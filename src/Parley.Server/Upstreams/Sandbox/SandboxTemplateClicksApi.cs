using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Analytics;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Analytics;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// A simulated user taps a URL button of a template message they received and follows its link
/// (<c>POST /sandbox/channels/{phone-number-id}/template_clicks</c>, <c>message_id</c> and <c>button_index</c>, with the
/// channel's token). WhatsApp's tracked link records the click for template analytics, unless the template opted out of
/// URL click tracking (<c>cta_url_link_tracking_opted_out</c>); the answer says which, and the URL followed.
/// </summary>
internal static class SandboxTemplateClicksApi
{
    public static IEndpointRouteBuilder MapSandboxTemplateClicks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/channels/{phoneNumberId}/template_clicks", ClickAsync).WithTags("Sandbox simulator")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).ReadsBody()
            .WithSummary("A simulated user taps a template message's URL button (message_id, button_index): a click when the link is tracked");
        return app;
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> ClickAsync(
        CallerChannel caller, JsonBody body, IMessageStore messages, ITemplateStore templates, TemplateAnalyticsSettings settings,
        ITemplateAnalyticsStore store, SandboxClock clock, CancellationToken cancellationToken)
    {
        if (SandboxApi.SimulatorRequest(caller.Value, body) is { } refusal)
        {
            return refusal;
        }
        var channel = caller.Value;
        var root = body.Root;
        if (!root.TryGetProperty("message_id", out var idValue) || idValue.ValueKind != JsonValueKind.String)
        {
            return Invalid("message_id is required: the id of a template message the user received.");
        }
        if (!root.TryGetProperty("button_index", out var indexValue) || indexValue.ValueKind != JsonValueKind.Number || !indexValue.TryGetInt32(out var index) || index < 0)
        {
            return Invalid("button_index is required: the index (from 0) of the template's URL button.");
        }
        var message = await messages.GetAsync(channel.PhoneNumberId, idValue.GetString()!, cancellationToken);
        if (message is not { Direction: MessageDirection.Outbound, Type: "template" } || TemplateAnalytics.TemplateOf(message.Payload) is not { } key)
        {
            return Invalid("message_id is not a template message of this channel.");
        }
        if (message.Status is not (MessageStatus.Delivered or MessageStatus.Read))
        {
            return Invalid($"The user has not received message {message.Id} (it is {message.Status.ToWire()}).");
        }
        if (await templates.FindAsync(channel.AccountId, key.Name, key.Language, cancellationToken) is not { } template)
        {
            return Invalid($"The template {key.Name} ({key.Language}) of message {message.Id} no longer exists.");
        }
        if (!TemplateUrlButtons.Of(template.Components).TryGetValue(index, out var button))
        {
            return Invalid($"Button {index} of template {template.Name} is not a URL button.");
        }
        var tracked = !await settings.IsTemplateOptedOutAsync(channel.AccountId, template.Id, cancellationToken);
        if (tracked)
        {
            await store.RecordClickAsync(new TemplateClick(message.Id, channel.PhoneNumberId, index, clock.GetUtcNow()), cancellationToken);
        }
        return TypedResults.Ok(new JsonObject
        {
            ["message_id"] = message.Id, ["template_id"] = template.Id, ["button_index"] = index, ["url"] = button.Url, ["tracked"] = tracked,
        });
    }

    private static Refusal Invalid(string details) => new(ErrorCatalog.InvalidParameter.With(details));
}
