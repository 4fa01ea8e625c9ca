using Parley.Core.Media;
using Parley.Core.Errors;
using Parley.Server.Uploads;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Model;
using Parley.Core.Profiles;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Where a channel's phone number and business profile are read and changed: Parley's own directory, or the upstream
/// that owns the number (Meta for a <c>meta</c> channel). The Cloud API endpoints call it after authorizing and checking
/// the fields; <see cref="PhoneNumberSources"/> chooses by the channel's upstream.
/// </summary>
internal interface IPhoneNumberSource
{
    /// <summary><c>GET /{phone-number-id}</c>: the number with the given fields, <c>id</c> being the channel's id in Parley.</summary>
    Task<Outcome<JsonObject>> GetNumberAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary><c>GET /{phone-number-id}/whatsapp_business_profile</c>: <c>{"data":[{…}]}</c> with the given fields.</summary>
    Task<Outcome<JsonObject>> GetProfileAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary>A validated profile update (<paramref name="raw"/> as the client sent it); the error when it was refused.</summary>
    Task<Core.Errors.WhatsAppError?> UpdateProfileAsync(Channel channel, BusinessProfileUpdate update, JsonObject raw, CancellationToken cancellationToken);
}

/// <summary>The source of channels whose number lives elsewhere, or null for the channels it does not own.</summary>
internal interface IRemotePhoneNumberSources
{
    IPhoneNumberSource? For(Channel channel);
}

/// <summary>Chooses a channel's phone-number source: an upstream's when it owns the channel, else Parley's directory.</summary>
internal sealed class PhoneNumberSources(LocalPhoneNumberSource local, IEnumerable<IRemotePhoneNumberSources> remotes)
{
    public IPhoneNumberSource For(Channel channel) => remotes.Select(r => r.For(channel)).FirstOrDefault(s => s is not null) ?? local;
}

/// <summary>The number and profile as Parley keeps them (<see cref="PhoneNumberDirectory"/>).</summary>
internal sealed class LocalPhoneNumberSource(PhoneNumberDirectory directory, UploadSessions uploads) : IPhoneNumberSource
{
    public async Task<Outcome<JsonObject>> GetNumberAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        PhoneNumberFields.Render(await directory.GetAsync(channel, cancellationToken), fields);

    public async Task<Outcome<JsonObject>> GetProfileAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var view = await directory.GetAsync(channel, cancellationToken);
        var picture = await uploads.FindHandleAsync(view.Profile.ProfilePictureHandle, channel.AccountId, cancellationToken);
        var pictureUrl = picture is null ? null : $"{BusinessProfileApi.PicturePath}/{channel.PhoneNumberId}/{picture.Id}";
        return new JsonObject { ["data"] = new JsonArray(BusinessProfileApi.Render(view.Profile, pictureUrl, fields)) };
    }

    public async Task<Core.Errors.WhatsAppError?> UpdateProfileAsync(Channel channel, BusinessProfileUpdate update, JsonObject raw, CancellationToken cancellationToken)
    {
        if (update.ProfilePictureHandle is { Length: > 0 } handle
            && (await uploads.FindHandleAsync(handle, channel.AccountId, cancellationToken) is not { } picture
                || !ResumableUploadRules.ImageTypes.Contains(picture.FileType)))
        {
            return ErrorCatalog.InvalidProfilePictureHandle.With("The profile picture handle is invalid or expired.");
        }
        await directory.UpdateProfileAsync(channel, update, cancellationToken);
        return null;
    }
}
