using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Automation;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Automation;

/// <summary>
/// Where a number's conversational components are kept: one value per phone number id, in the Graph settings store
/// (<see cref="GraphSettingsScopes.ConversationalAutomation"/>), read and changed by every dialect and read by the sandbox.
/// </summary>
internal sealed class ConversationalAutomations(IGraphSettingsStore settings, TimeProvider time)
{
    public async Task<ConversationalAutomation> GetAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        ConversationalAutomation.FromStored(await settings.GetAsync(phoneNumberId, GraphSettingsScopes.ConversationalAutomation, cancellationToken));

    /// <summary>Applies the parameters of <paramref name="request"/> (checked by <see cref="AutomationRules"/>) and stores the result.</summary>
    public async Task<Outcome<ConversationalAutomation>> UpdateAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var current = await GetAsync(channel.PhoneNumberId, cancellationToken);
        var updated = AutomationRules.Apply(current, request);
        if (updated.Succeeded)
        {
            await settings.SetAsync(channel.PhoneNumberId, GraphSettingsScopes.ConversationalAutomation, updated.Value.ToJson().ToJsonString(), time.GetUtcNow(), cancellationToken);
        }
        return updated;
    }
}
