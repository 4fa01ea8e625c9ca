using System.Text.Json.Nodes;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// The Graph id of each number's WhatsApp Business Profile object (S <c>WhatsAppBusinessProfileNode</c>) and what the
/// object keeps beside the profile (<c>account_name</c>). An id is made on first use and kept in the Graph settings
/// store twice: on the number (<see cref="GraphSettingsScopes.BusinessProfile"/>) and, to find the number by id, on
/// the id (<see cref="GraphSettingsScopes.BusinessProfileOwner"/>). Ids are made one at a time on this node; two nodes
/// making one at once leave two ids that both name the number, the last one answered from then on.
/// </summary>
internal sealed class BusinessProfileIds(IGraphSettingsStore settings, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _making = new(1, 1);

    /// <summary>The profile object of the number: its id (made now if it has none) and its other stored fields.</summary>
    public async Task<JsonObject> GetAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (await StoredAsync(channel.PhoneNumberId, cancellationToken) is { } stored)
        {
            return stored;
        }
        await _making.WaitAsync(cancellationToken);
        try
        {
            if (await StoredAsync(channel.PhoneNumberId, cancellationToken) is { } made)
            {
                return made;
            }
            var id = MessageIds.NewNumericId();
            var now = time.GetUtcNow();
            await settings.SetAsync(id, GraphSettingsScopes.BusinessProfileOwner,
                new JsonObject { ["phone_number_id"] = channel.PhoneNumberId }.ToJsonString(), now, cancellationToken);
            var profile = new JsonObject { ["id"] = id };
            await settings.SetAsync(channel.PhoneNumberId, GraphSettingsScopes.BusinessProfile, profile.ToJsonString(), now, cancellationToken);
            return profile;
        }
        finally
        {
            _making.Release();
        }
    }

    /// <summary>Replaces the profile object's stored fields (its id kept).</summary>
    public Task SaveAsync(Channel channel, JsonObject profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(profile);
        return settings.SetAsync(channel.PhoneNumberId, GraphSettingsScopes.BusinessProfile, profile.ToJsonString(), time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The phone number id whose profile has this id; null when none has.</summary>
    public async Task<string?> PhoneNumberOfAsync(string profileId, CancellationToken cancellationToken)
    {
        if (profileId.Length is 0 or > 32 || !profileId.All(char.IsAsciiDigit)
            || await settings.GetAsync(profileId, GraphSettingsScopes.BusinessProfileOwner, cancellationToken) is not { } json)
        {
            return null;
        }
        return JsonNode.Parse(json)?["phone_number_id"]?.GetValue<string>();
    }

    private async Task<JsonObject?> StoredAsync(string phoneNumberId, CancellationToken cancellationToken) =>
        await settings.GetAsync(phoneNumberId, GraphSettingsScopes.BusinessProfile, cancellationToken) is { } json ? JsonNode.Parse(json)!.AsObject() : null;

    public void Dispose() => _making.Dispose();
}
