using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.BusinessPhones;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Owns the phone number, profile and registration of every <c>meta</c> channel: they are read from and changed at Meta.</summary>
internal sealed class MetaPhoneNumberSources(MetaGraphClient graph, PhoneNumberDirectory directory) : IRemotePhoneNumberSources
{
    public IPhoneNumberSource? For(Channel channel) =>
        MetaSettings.Of(channel) is { } settings
            ? new MetaPhoneNumberSource(settings, graph, directory)
            : null;
}

/// <summary>
/// A meta channel's number and profile at Meta (<c>GET /{meta-phone-number-id}</c>, <c>…/whatsapp_business_profile</c>),
/// answered as Meta answers them, except that the number's <c>id</c> is the channel's id in Parley. A profile update,
/// registration, deregistration, code verification or PIN is made at Meta (posted as the client sent it), then in
/// Parley's copy: the other dialects read it, and the accept path refuses sends from a deregistered number from it.
/// </summary>
internal sealed class MetaPhoneNumberSource(MetaSettings settings, MetaGraphClient graph, PhoneNumberDirectory directory) : IPhoneNumberSource
{
    public async Task<Outcome<JsonObject>> GetNumberAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var answer = await graph.GetAsync(settings, $"{settings.PhoneNumberId}?fields={Uri.EscapeDataString(string.Join(',', fields))}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        if (answer.Value is not JsonObject number)
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("The Graph API answered the phone number with something that is not an object.");
        }
        number["id"] = channel.PhoneNumberId;
        if (number["conversational_automation"] is JsonObject { } automation && automation["id"] is not null)
        {
            // Meta names the components by its own phone number id too.
            automation["id"] = channel.PhoneNumberId;
        }
        return number;
    }

    public async Task<Outcome<JsonObject>> GetProfileAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var answer = await graph.GetAsync(
            settings, $"{settings.PhoneNumberId}/whatsapp_business_profile?fields={Uri.EscapeDataString(string.Join(',', fields))}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        return answer.Value as JsonObject is { } profile
            ? profile
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("The Graph API answered the profile with something that is not an object.");
    }

    public async Task<WhatsAppError?> UpdateProfileAsync(Channel channel, BusinessProfileUpdate update, JsonObject raw, CancellationToken cancellationToken)
    {
        var answer = await graph.PostJsonAsync(settings, $"{settings.PhoneNumberId}/whatsapp_business_profile", raw.ToJsonString(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        await directory.UpdateProfileAsync(channel, update, cancellationToken);
        return null;
    }

    public Task<WhatsAppError?> RegisterAsync(Channel channel, string pin, JsonObject raw, CancellationToken cancellationToken) =>
        PostThenChangeAsync(channel, "register", raw, state => Registration.Registered(state, pin), cancellationToken);

    public Task<WhatsAppError?> DeregisterAsync(Channel channel, CancellationToken cancellationToken) =>
        PostThenChangeAsync(channel, "deregister", [], state => Registration.Deregistered(state), cancellationToken);

    /// <summary>Meta sends the code by SMS or call; nothing changes in Parley's copy until it is verified.</summary>
    public Task<WhatsAppError?> RequestCodeAsync(Channel channel, JsonObject raw, CancellationToken cancellationToken) =>
        PostThenChangeAsync(channel, "request_code", raw, null, cancellationToken);

    public Task<WhatsAppError?> VerifyCodeAsync(Channel channel, JsonObject raw, CancellationToken cancellationToken) =>
        PostThenChangeAsync(channel, "verify_code", raw, state => Registration.Verified(state), cancellationToken);

    public Task<WhatsAppError?> SetPinAsync(Channel channel, string pin, JsonObject raw, CancellationToken cancellationToken) =>
        PostThenChangeAsync(channel, null, raw, state => Registration.SetPin(state, pin), cancellationToken);

    /// <summary>Posts <paramref name="raw"/> to Meta's <c>/{phone_number_id}[/{edge}]</c>; once Meta accepted it, Parley's copy takes <paramref name="change"/>.</summary>
    private async Task<WhatsAppError?> PostThenChangeAsync(
        Channel channel, string? edge, JsonObject raw, Func<PhoneNumberState, Outcome<PhoneNumberState>>? change, CancellationToken cancellationToken)
    {
        var path = edge is null ? settings.PhoneNumberId : $"{settings.PhoneNumberId}/{edge}";
        var answer = await graph.PostJsonAsync(settings, path, raw.ToJsonString(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        if (change is not null)
        {
            await directory.ChangeStateAsync(channel, change, cancellationToken);
        }
        return null;
    }
}
