using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Automation;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Automation;

/// <summary>
/// Where a number's conversational components are kept: one value per phone number id, in the Graph settings store
/// (<see cref="GraphSettingsScopes.ConversationalAutomation"/>), read and changed by every dialect and read by the sandbox.
/// A channel whose upstream keeps them (Meta, <see cref="IRemoteAutomation"/>) is read there and changed there first;
/// what the upstream took is then mirrored in the store.
/// </summary>
internal sealed class ConversationalAutomations(IGraphSettingsStore settings, TimeProvider time, IEnumerable<IRemoteAutomations> remotes)
{
    private static readonly string[] Settings =
        [ConversationalAutomation.EnableWelcomeMessageName, ConversationalAutomation.PromptsName, ConversationalAutomation.CommandsName];

    /// <summary>The components the channel's upstream keeps, or null when Parley keeps them.</summary>
    public IRemoteAutomation? RemoteFor(Channel channel) => remotes.Select(r => r.ForChannel(channel)).FirstOrDefault(a => a is not null);

    public async Task<ConversationalAutomation> GetAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        ConversationalAutomation.FromStored(await settings.GetAsync(phoneNumberId, GraphSettingsScopes.ConversationalAutomation, cancellationToken));

    /// <summary>The components as JSON (<c>{enable_welcome_message, prompts, commands}</c>): the upstream's when it keeps them, else Parley's.</summary>
    public async Task<Outcome<JsonObject>> ReadAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return RemoteFor(channel) is { } remote
            ? await remote.GetAsync(cancellationToken)
            : (await GetAsync(channel.PhoneNumberId, cancellationToken)).ToJson();
    }

    /// <summary>
    /// Applies the parameters of <paramref name="request"/> (checked by <see cref="AutomationRules"/>) and stores the
    /// result; for a channel whose upstream keeps them, the upstream takes (or refuses) them first, as sent.
    /// </summary>
    public async Task<Outcome<ConversationalAutomation>> UpdateAsync(Channel channel, JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(request);
        var current = await GetAsync(channel.PhoneNumberId, cancellationToken);
        if (RemoteFor(channel) is { } remote)
        {
            var parameters = new JsonObject();
            foreach (var name in Settings.Where(n => request[n] is not null))
            {
                parameters[name] = request[name]!.DeepClone();
            }
            if (await remote.UpdateAsync(parameters, cancellationToken) is { } refused)
            {
                return refused;
            }
            // The upstream is the authority: a value its rules take and Parley's would not leaves the mirror as it was.
            var mirrored = AutomationRules.Apply(current, request);
            if (!mirrored.Succeeded)
            {
                return current;
            }
            await StoreAsync(channel, mirrored.Value, cancellationToken);
            return mirrored;
        }
        var updated = AutomationRules.Apply(current, request);
        if (updated.Succeeded)
        {
            await StoreAsync(channel, updated.Value, cancellationToken);
        }
        return updated;
    }

    private Task StoreAsync(Channel channel, ConversationalAutomation value, CancellationToken cancellationToken) =>
        settings.SetAsync(channel.PhoneNumberId, GraphSettingsScopes.ConversationalAutomation, value.ToJson().ToJsonString(), time.GetUtcNow(), cancellationToken);
}
