using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.BusinessPhones;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Owns the phone number and profile of every <c>meta</c> channel: they are read from and changed at Meta.</summary>
internal sealed class MetaPhoneNumberSources(MetaGraphClient graph, PhoneNumberDirectory directory) : IRemotePhoneNumberSources
{
    public IPhoneNumberSource? For(Channel channel) =>
        MetaSettings.IsMeta(channel.Upstream) && MetaSettings.Parse(channel.UpstreamSettings) is { } settings
            ? new MetaPhoneNumberSource(settings, graph, directory)
            : null;
}

/// <summary>
/// A meta channel's number and profile at Meta (<c>GET /{meta-phone-number-id}</c>, <c>…/whatsapp_business_profile</c>),
/// answered as Meta answers them, except that the number's <c>id</c> is the channel's id in Parley. A profile update is
/// made at Meta, then in Parley's copy (which the other dialects read).
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
}
