using System.Collections.Concurrent;
using Parley.Core.Messages;
using Parley.Core.Model;
using Parley.Server.Messaging;
using Parley.Storage;

namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// What a simulated user sees of the business typing: a read receipt with <c>typing_indicator</c> shows it, and it
/// disappears after 25 seconds on the sandbox clock or when the business's next message to the user reaches the network,
/// whichever comes first (M:typing-indicators).
/// </summary>
internal sealed class SandboxTyping(SandboxClock clock, IMessageStore store) : IReadReceiptRelay
{
    /// <summary>A typing indicator is dismissed after 25 seconds.</summary>
    public static readonly TimeSpan Lasts = TimeSpan.FromSeconds(25);

    /// <summary>Indicators by (channel, the inbound message read); the user is resolved when first needed.</summary>
    private readonly ConcurrentDictionary<(string Channel, string MessageId), Indicator> _indicators = new();

    /// <summary>The user's view: whether the business is typing, since when and until when at most.</summary>
    public sealed record View(string WaId, bool Typing, DateTimeOffset? Since, DateTimeOffset? ExpiresAt);

    private sealed record Indicator(DateTimeOffset Since, string? User);

    public bool TryRelay(Channel channel, MarkReadRequest request)
    {
        if (channel.Upstream != Channel.SandboxUpstream)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        foreach (var (key, expired) in _indicators.Where(i => now >= i.Value.Since + Lasts))
        {
            _indicators.TryRemove(new KeyValuePair<(string, string), Indicator>(key, expired));
        }
        if (request.ShowTypingIndicator)
        {
            _indicators[(channel.PhoneNumberId, request.MessageId)] = new Indicator(now, null);
        }
        return true;
    }

    /// <summary>The business sent <paramref name="user"/> a message: the indicators shown to the user end.</summary>
    public async Task RepliedAsync(string channelId, string user, CancellationToken cancellationToken)
    {
        foreach (var (key, shownTo) in await ResolveAsync(channelId, cancellationToken))
        {
            if (shownTo == user)
            {
                _indicators.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Whether <paramref name="waId"/> sees the business typing now.</summary>
    public async Task<View> ViewAsync(string channelId, string waId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await ResolveAsync(channelId, cancellationToken);
        var shown = _indicators
            .Where(i => i.Key.Channel == channelId && i.Value.User == waId && now < i.Value.Since + Lasts)
            .Select(i => i.Value.Since)
            .DefaultIfEmpty()
            .Max();
        return shown == default ? new View(waId, false, null, null) : new View(waId, true, shown, shown + Lasts);
    }

    /// <summary>Drops expired indicators of the channel and finds the user of each remaining one.</summary>
    private async Task<List<((string, string) Key, string? User)>> ResolveAsync(string channelId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = new List<((string, string), string?)>();
        foreach (var (key, indicator) in _indicators.Where(i => i.Key.Channel == channelId).ToList())
        {
            if (now >= indicator.Since + Lasts)
            {
                _indicators.TryRemove(key, out _);
                continue;
            }
            var user = indicator.User;
            if (user is null)
            {
                user = (await store.GetAsync(channelId, key.MessageId, cancellationToken))?.Peer;
                _indicators.TryUpdate(key, indicator with { User = user }, indicator);
            }
            found.Add((key, user));
        }
        return found;
    }
}
