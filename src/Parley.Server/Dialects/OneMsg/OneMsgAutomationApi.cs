using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Automation;
using Parley.Server.Edges;
using Parley.Server.Templates;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// <c>GET|POST /{instanceId}/conversationalAutomation</c> (digest A.4: PY/MCP; absent from seed 000): the channel's welcome
/// message switch, ice breakers (<c>prompts</c>) and commands, the one value the Cloud API's
/// <c>/{phone-number-id}/conversational_automation</c> sets (<see cref="ConversationalAutomations"/>), with the same
/// names and the same limits; errors in 1msg's body. <c>GET</c> answers
/// <c>{"enable_welcome_message", "prompts", "commands"}</c>; <c>POST</c> answers <c>{"success": true}</c> (UNCONFIRMED:
/// 1msg documents no answer; this is its other settings' one).
/// </summary>
internal static class OneMsgAutomationApi
{
    public static void MapOneMsgAutomation(this RouteGroupBuilder group)
    {
        group.MapGet("/conversationalAutomation", GetAsync).WithSummary("1msg: the welcome message switch, ice breakers and commands");
        group.MapPost("/conversationalAutomation", SetAsync).ReadsBody()
            .WithSummary("1msg: set enable_welcome_message, prompts (at most 4, 80 characters) and commands (at most 30)");
    }

    /// <summary>Parley's settings, or Meta's for a <c>meta</c> channel (its <c>id</c> left out, as Parley's have none).</summary>
    private static async Task<Results<ContentHttpResult, Refusal>> GetAsync(CallerChannel caller, ConversationalAutomations automations, CancellationToken cancellationToken)
    {
        var current = await automations.ReadAsync(caller.Value, cancellationToken);
        if (!current.Succeeded)
        {
            return new Refusal(current.Error);
        }
        current.Value.Remove("id");
        return TemplateViews.Json(current.Value);
    }

    private static async Task<Results<ContentHttpResult, Refusal>> SetAsync(
        CallerChannel caller, JsonObjectBody body, ConversationalAutomations automations, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (request["enable_welcome_message"] is null && request["prompts"] is null && request["commands"] is null)
        {
            return new Refusal(OneMsgMapper.Invalid("One of the parameters enable_welcome_message, prompts or commands is required."));
        }
        var updated = await automations.UpdateAsync(caller.Value, request, cancellationToken);
        return updated.Succeeded ? TemplateViews.Json(new JsonObject { ["success"] = true }) : new Refusal(updated.Error);
    }
}
