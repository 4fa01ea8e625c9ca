using System.Text.Json.Nodes;
using Parley.Core.Model;
using Parley.Server.BusinessPhones;

namespace Parley.Server.Automation;

/// <summary>
/// <c>GET /{phone-number-id}?fields=conversational_automation</c>: the number's conversational components as the
/// phone-number node's field, <c>{"enable_welcome_message", "prompts", "commands"}</c> (M:conversational-components).
/// </summary>
internal sealed class ConversationalAutomationField(ConversationalAutomations automations) : IPhoneNumberNodeField
{
    public string Name => "conversational_automation";

    /// <summary>Meta keeps a meta channel's components: Meta answers the field, with the number's own.</summary>
    public bool ReadAtUpstream => true;

    public async Task<JsonNode?> RenderAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var json = (await automations.GetAsync(channel.PhoneNumberId, cancellationToken)).ToJson();
        json["id"] = channel.PhoneNumberId;
        return json;
    }
}
