using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Automation;
using Parley.Core.Errors;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Automation;

/// <summary>
/// <c>POST /{version}/{phone-number-id}/conversational_automation</c> (S <c>configureConversationalAutomation</c>): the
/// number's welcome message switch, ice breakers and commands. The parameters come in the body (JSON or form) or, as
/// Meta's own examples send them, in the query string (<c>?enable_welcome_message=true&amp;prompts=["…"]</c>); the body
/// wins where both name one. Answers <c>{"success": true}</c>; read back with <c>GET /{phone-number-id}?fields=conversational_automation</c>.
/// </summary>
internal static class ConversationalAutomationApi
{
    private static readonly string[] Parameters =
        [ConversationalAutomation.EnableWelcomeMessageName, ConversationalAutomation.PromptsName, ConversationalAutomation.CommandsName];

    /// <summary>Parameters a Graph client may send along that are not settings.</summary>
    private static readonly string[] Ignored = ["messaging_product", "access_token"];

    public static IEndpointRouteBuilder MapConversationalAutomation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{version}/{phoneNumberId}/conversational_automation", UpdateAsync).WithTags("Cloud API")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId").ReadsBody(optional: true)
            .WithName("ConfigureConversationalAutomation")
            .WithSummary("Set a phone number's welcome message, ice breakers (prompts) and commands");
        return app;
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> UpdateAsync(
        CallerChannel caller, JsonObjectBody body, HttpRequest request, ConversationalAutomations automations, CancellationToken cancellationToken)
    {
        var parameters = body.Value.DeepClone().AsObject();
        if (parameters.Select(p => p.Key).FirstOrDefault(k => !Parameters.Contains(k) && !Ignored.Contains(k)) is { } unknown)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param {unknown} is not a conversational automation setting; use {string.Join(", ", Parameters)}."));
        }
        foreach (var name in Parameters)
        {
            if (parameters[name] is null && request.Query[name].ToString() is { Length: > 0 } value)
            {
                parameters[name] = QueryValue(value);
            }
        }
        if (Parameters.All(name => parameters[name] is null))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"One of the parameters {string.Join(", ", Parameters)} is required."));
        }
        var updated = await automations.UpdateAsync(caller.Value, parameters, cancellationToken);
        return updated.Succeeded ? TypedResults.Ok(new SuccessResponse(true)) : new Refusal(updated.Error);
    }

    /// <summary>A query value as Graph reads it: JSON (a boolean, an array) when it is JSON, else the string it is.</summary>
    private static JsonNode? QueryValue(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }
}
