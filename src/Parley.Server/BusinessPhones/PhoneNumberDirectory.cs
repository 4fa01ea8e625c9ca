using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Storage;
using Parley.Server.Messaging;
using Parley.Core.Messages;

namespace Parley.Server.BusinessPhones;

/// <summary>A channel as WhatsApp describes it: its settings, business profile and phone-number state, defaults applied.</summary>
internal sealed record PhoneNumberView(Channel Channel, BusinessProfile Profile, PhoneNumberState Phone)
{
    /// <summary>
    /// Whether the number is also on the WhatsApp Business app (coexistence): set on the number, or a <c>meta</c> channel
    /// configured with <c>upstream_settings.coexistence</c>.
    /// </summary>
    public bool OnBizApp => Phone.OnBizApp || MetaCoexistence(Channel);

    /// <summary>
    /// The level set for the number, or the one its pacing implies (80 mps STANDARD, above that HIGH); a coexistence
    /// number's is STANDARD (<see cref="PhoneNumberValues.ThroughputLevel"/>).
    /// </summary>
    public string ThroughputLevel => PhoneNumberValues.ThroughputLevel(
        Phone.ThroughputLevel ?? PhoneNumberValues.ThroughputFor(Channel.MessagesPerSecond), OnBizApp);

    /// <summary>
    /// The <c>meta</c> upstream's <c>coexistence</c> setting, read here rather than through the upstream's settings type so
    /// that the meta upstream, which builds on this folder, stays the only one depending on the other.
    /// </summary>
    private static bool MetaCoexistence(Channel channel)
    {
        if (!string.Equals(channel.Upstream, Channel.MetaUpstream, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            using var settings = JsonDocument.Parse(channel.UpstreamSettings);
            return settings.RootElement.ValueKind == JsonValueKind.Object
                && settings.RootElement.TryGetProperty("coexistence", out var coexistence) && coexistence.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>
/// The one place every dialect reads and writes a channel's business profile and registration state. Reads apply the
/// defaults for channels without a stored row; writes are read-modify-write, serialized on this node. The "can this
/// number send" check is cached briefly (no upstream I/O) and refreshed at once on this node's own changes.
/// </summary>
internal sealed class PhoneNumberDirectory(IChannelProfileStore store, TimeProvider time) : ISendCheck, IDisposable
{
    public int Order => 0;

    ValueTask<WhatsAppError?> ISendCheck.CheckAsync(Channel channel, SendMessageRequest request, CancellationToken cancellationToken) =>
        CheckCanSendAsync(channel, cancellationToken);

    /// <summary>How long another node's registration change may take to be seen by the accept path.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (bool Registered, DateTimeOffset Until)> _registered = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);

    public async Task<PhoneNumberView> GetAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var stored = await store.GetAsync(channel.PhoneNumberId, cancellationToken);
        return View(channel, stored);
    }

    /// <summary>Every channel of the account, in the order given, with its profile and state.</summary>
    public async Task<IReadOnlyList<PhoneNumberView>> ListAsync(string accountId, IReadOnlyList<Channel> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var stored = (await store.ListAsync(accountId, cancellationToken)).ToDictionary(p => p.ChannelId, StringComparer.Ordinal);
        return [.. channels.Select(c => View(c, stored.GetValueOrDefault(c.PhoneNumberId)))];
    }

    /// <summary>Applies a partial profile update (already validated by <see cref="BusinessProfileRules"/>).</summary>
    public async Task<BusinessProfile> UpdateProfileAsync(Channel channel, BusinessProfileUpdate update, CancellationToken cancellationToken)
    {
        var saved = await ChangeAsync(channel, view => Outcome<PhoneNumberView>.Success(view with { Profile = view.Profile.With(update) }), cancellationToken);
        return saved.Value!.Profile;
    }

    /// <summary>Changes the phone-number state with <paramref name="change"/> (a <see cref="Registration"/> rule or a simulator edit).</summary>
    public async Task<Outcome<PhoneNumberState>> ChangeStateAsync(Channel channel, Func<PhoneNumberState, Outcome<PhoneNumberState>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var saved = await ChangeAsync(channel, view =>
        {
            var changed = change(view.Phone);
            return changed.Succeeded ? view with { Phone = changed.Value } : changed.Error;
        }, cancellationToken);
        return saved.Succeeded ? saved.Value.Phone : saved.Error;
    }

    /// <summary>
    /// Meta's 133010 when the channel's number is deregistered, otherwise <c>null</c>: what every dialect's send path
    /// asks before accepting. Cached for a few seconds; no upstream I/O.
    /// </summary>
    public async ValueTask<WhatsAppError?> CheckCanSendAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = time.GetUtcNow();
        if (!_registered.TryGetValue(channel.PhoneNumberId, out var cached) || cached.Until <= now)
        {
            var stored = await store.GetAsync(channel.PhoneNumberId, cancellationToken);
            cached = ((stored?.Phone ?? PhoneNumberState.Default).Registered, now + CacheFor);
            _registered[channel.PhoneNumberId] = cached;
        }
        return cached.Registered ? null : Registration.NotRegistered();
    }

    private async Task<Outcome<PhoneNumberView>> ChangeAsync(Channel channel, Func<PhoneNumberView, Outcome<PhoneNumberView>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var current = await GetAsync(channel, cancellationToken);
            var changed = change(current);
            if (!changed.Succeeded)
            {
                return changed;
            }
            var next = changed.Value;
            await store.SaveAsync(new ChannelProfile(channel.PhoneNumberId, next.Profile, next.Phone, time.GetUtcNow()), cancellationToken);
            _registered[channel.PhoneNumberId] = (next.Phone.Registered, time.GetUtcNow() + CacheFor);
            return next;
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose() => _writes.Dispose();

    private static PhoneNumberView View(Channel channel, ChannelProfile? stored) =>
        new(channel, stored?.Profile ?? BusinessProfile.Empty, stored?.Phone ?? PhoneNumberState.Default);
}
