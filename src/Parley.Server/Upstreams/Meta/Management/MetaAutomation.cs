using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Automation;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Automation;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Claims the conversational components of every <c>meta</c> channel: Meta keeps them and shows them to users.</summary>
internal sealed class MetaAutomations(MetaGraphClient graph) : IRemoteAutomations
{
    public IRemoteAutomation? ForChannel(Channel channel) =>
        MetaSettings.Of(channel) is { } settings ? new MetaAutomation(settings, graph) : null;
}

/// <summary>
/// A meta channel's conversational components at Meta (Meta, "Conversational Components"): set with
/// <c>POST /{phone-number-id}/conversational_automation</c> (the parameters as a JSON body), read as the number's
/// <c>conversational_automation</c> field.
/// </summary>
internal sealed class MetaAutomation(MetaSettings settings, MetaGraphClient graph) : IRemoteAutomation
{
    public async Task<Outcome<JsonObject>> GetAsync(CancellationToken cancellationToken)
    {
        var answer = await graph.GetAsync(settings, $"{settings.PhoneNumberId}?fields=conversational_automation", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        // A number with no components yet has no field: Meta's defaults.
        return answer.Value["conversational_automation"] is JsonObject automation
            ? automation.DeepClone().AsObject()
            : ConversationalAutomation.None.ToJson();
    }

    public async Task<WhatsAppError?> UpdateAsync(JsonObject parameters, CancellationToken cancellationToken)
    {
        var answer = await graph.PostJsonAsync(settings, $"{settings.PhoneNumberId}/conversational_automation", parameters.ToJsonString(), cancellationToken);
        return answer.Succeeded ? null : answer.Error;
    }
}
