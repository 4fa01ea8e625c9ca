using Parley.Core.Errors;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Model;
using Parley.Core.Profiles;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Where a channel's phone number, business profile and registration are read and changed: Parley's own directory, or
/// the upstream that owns the number (Meta for a <c>meta</c> channel). The Cloud API endpoints call it after authorizing
/// and checking the request (and after the registration throttle); <see cref="PhoneNumberSources"/> chooses by the
/// channel's upstream. Changes return the error when they were refused, <c>null</c> when made.
/// </summary>
internal interface IPhoneNumberSource
{
    /// <summary><c>GET /{phone-number-id}</c>: the number with the given fields, <c>id</c> being the channel's id in Parley.</summary>
    Task<Outcome<JsonObject>> GetNumberAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary><c>GET /{phone-number-id}/whatsapp_business_profile</c>: <c>{"data":[{…}]}</c> with the given fields.</summary>
    Task<Outcome<JsonObject>> GetProfileAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary>A validated profile update (<paramref name="raw"/> as the client sent it); the error when it was refused.</summary>
    Task<WhatsAppError?> UpdateProfileAsync(Channel channel, BusinessProfileUpdate update, JsonObject raw, CancellationToken cancellationToken);

    /// <summary><c>POST /{phone-number-id}/register</c> with a six-digit <paramref name="pin"/> (<paramref name="raw"/> as sent); 133005 for a wrong PIN.</summary>
    Task<WhatsAppError?> RegisterAsync(Channel channel, string pin, JsonObject raw, CancellationToken cancellationToken);

    /// <summary><c>POST /{phone-number-id}/deregister</c>: the number can no longer send.</summary>
    Task<WhatsAppError?> DeregisterAsync(Channel channel, CancellationToken cancellationToken);

    /// <summary><c>POST /{phone-number-id}/request_code</c> with a valid <c>code_method</c> and <c>language</c> (<paramref name="raw"/> as sent).</summary>
    Task<WhatsAppError?> RequestCodeAsync(Channel channel, JsonObject raw, CancellationToken cancellationToken);

    /// <summary><c>POST /{phone-number-id}/verify_code</c> with a six-digit <c>code</c> (<paramref name="raw"/> as sent): the number is then <c>VERIFIED</c>.</summary>
    Task<WhatsAppError?> VerifyCodeAsync(Channel channel, JsonObject raw, CancellationToken cancellationToken);

    /// <summary><c>POST /{phone-number-id}</c> setting the two-step verification PIN to a six-digit <paramref name="pin"/> (<paramref name="raw"/> as sent).</summary>
    Task<WhatsAppError?> SetPinAsync(Channel channel, string pin, JsonObject raw, CancellationToken cancellationToken);
}

/// <summary>The source of channels whose number lives elsewhere, or null for the channels it does not own.</summary>
internal interface IRemotePhoneNumberSources
{
    IPhoneNumberSource? For(Channel channel);
}

/// <summary>Chooses a channel's phone-number source: an upstream's when it owns the channel, else Parley's directory.</summary>
internal sealed class PhoneNumberSources(LocalPhoneNumberSource local, IEnumerable<IRemotePhoneNumberSources> remotes)
{
    public IPhoneNumberSource For(Channel channel) => Remote(channel) ?? local;

    /// <summary>Whether the channel's number lives at its upstream.</summary>
    public bool IsRemote(Channel channel) => Remote(channel) is not null;

    /// <summary>
    /// The numbers of an account's <paramref name="channels"/>, in that order, with <paramref name="fields"/>: Parley's
    /// own from its directory (one read), the others as their upstream answers them; the first upstream error.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<JsonObject>>> ListAsync(
        string accountId, IReadOnlyList<Channel> channels, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var own = await local.ListAsync(accountId, channels, fields, cancellationToken);
        var numbers = new List<JsonObject>(channels.Count);
        for (var i = 0; i < channels.Count; i++)
        {
            if (Remote(channels[i]) is not { } remote)
            {
                numbers.Add(own[i]);
                continue;
            }
            var number = await remote.GetNumberAsync(channels[i], fields, cancellationToken);
            if (!number.Succeeded)
            {
                return number.Error;
            }
            numbers.Add(number.Value);
        }
        return numbers;
    }

    private IPhoneNumberSource? Remote(Channel channel) => remotes.Select(r => r.For(channel)).FirstOrDefault(s => s is not null);
}

/// <summary>The number and profile as Parley keeps them (<see cref="PhoneNumberDirectory"/>).</summary>
internal sealed class LocalPhoneNumberSource(PhoneNumberDirectory directory, ProfilePictures pictures) : IPhoneNumberSource
{
    public async Task<Outcome<JsonObject>> GetNumberAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        PhoneNumberFields.Render(await directory.GetAsync(channel, cancellationToken), fields);

    /// <summary>The numbers of an account's channels, in the order given, from one read of the directory.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string accountId, IReadOnlyList<Channel> channels, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        [.. (await directory.ListAsync(accountId, channels, cancellationToken)).Select(v => PhoneNumberFields.Render(v, fields))];

    public async Task<Outcome<JsonObject>> GetProfileAsync(Channel channel, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var view = await directory.GetAsync(channel, cancellationToken);
        var picture = await pictures.FindAsync(channel, view.Profile.ProfilePictureHandle, cancellationToken);
        var pictureUrl = picture is null ? null : ProfilePictures.PathOf(channel, picture);
        return new JsonObject { ["data"] = new JsonArray(BusinessProfileApi.Render(view.Profile, pictureUrl, fields)) };
    }

    public async Task<WhatsAppError?> UpdateProfileAsync(Channel channel, BusinessProfileUpdate update, JsonObject raw, CancellationToken cancellationToken)
    {
        if (update.ProfilePictureHandle is { Length: > 0 } handle
            && await pictures.FindAsync(channel, handle, cancellationToken) is null)
        {
            return ErrorCatalog.InvalidProfilePictureHandle.With("The profile picture handle is invalid or expired.");
        }
        await directory.UpdateProfileAsync(channel, update, cancellationToken);
        return null;
    }

    /// <summary>Only a verified number registers (133006 otherwise); the first registration sets the PIN, later ones must give it.</summary>
    public Task<WhatsAppError?> RegisterAsync(Channel channel, string pin, JsonObject raw, CancellationToken cancellationToken) =>
        ChangeAsync(channel, state => state.CodeVerificationStatus == "VERIFIED"
            ? Registration.Register(state, pin)
            : ErrorCatalog.ReVerificationNeeded.With("Verify the phone number with request_code and verify_code before registering it."), cancellationToken);

    public Task<WhatsAppError?> DeregisterAsync(Channel channel, CancellationToken cancellationToken) =>
        ChangeAsync(channel, Registration.Deregister, cancellationToken);

    /// <summary>The sandbox sends no SMS or call: the request is accepted and nothing changes.</summary>
    public Task<WhatsAppError?> RequestCodeAsync(Channel channel, JsonObject raw, CancellationToken cancellationToken) =>
        Task.FromResult<WhatsAppError?>(null);

    /// <summary>The sandbox takes any six-digit code.</summary>
    public Task<WhatsAppError?> VerifyCodeAsync(Channel channel, JsonObject raw, CancellationToken cancellationToken) =>
        ChangeAsync(channel, state => Registration.Verified(state), cancellationToken);

    public Task<WhatsAppError?> SetPinAsync(Channel channel, string pin, JsonObject raw, CancellationToken cancellationToken) =>
        ChangeAsync(channel, state => Registration.SetPin(state, pin), cancellationToken);

    private async Task<WhatsAppError?> ChangeAsync(Channel channel, Func<PhoneNumberState, Outcome<PhoneNumberState>> change, CancellationToken cancellationToken)
    {
        var changed = await directory.ChangeStateAsync(channel, change, cancellationToken);
        return changed.Succeeded ? null : changed.Error;
    }
}
