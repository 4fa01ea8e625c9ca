using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Commerce;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Storage;

namespace Parley.Server.Commerce;

/// <summary>
/// A phone number's commerce settings, one value for both dialects (Cloud API <c>whatsapp_commerce_settings</c>, 1msg
/// <c>/commerce</c>), kept in the Graph settings store under <see cref="GraphSettingsScopes.Commerce"/>. A channel whose
/// upstream keeps them (Meta, <see cref="IRemoteCommerceSettingsSource"/>) is read there and changed there first; what the
/// upstream took is then mirrored in the store.
/// </summary>
internal sealed class CommerceSettingsStore(IGraphSettingsStore settings, TimeProvider time, IEnumerable<IRemoteCommerceSettings> remotes)
{
    /// <summary>The channel's settings: its upstream's when the upstream keeps them, else Parley's.</summary>
    public async Task<Outcome<CommerceSettings>> ReadAsync(Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Remote(channel) is { } remote ? await remote.GetAsync(cancellationToken) : await GetAsync(channel.PhoneNumberId, cancellationToken);
    }

    /// <summary>Changes what is given (null keeps the current value), at the channel's upstream first when it keeps them.</summary>
    public async Task<WhatsAppError?> ChangeAsync(Channel channel, bool? isCartEnabled, bool? isCatalogVisible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (Remote(channel) is { } remote && await remote.SetAsync(isCartEnabled, isCatalogVisible, cancellationToken) is { } refused)
        {
            return refused;
        }
        await SetAsync(channel.PhoneNumberId, isCartEnabled, isCatalogVisible, cancellationToken);
        return null;
    }

    private IRemoteCommerceSettingsSource? Remote(Channel channel) => remotes.Select(r => r.ForChannel(channel)).FirstOrDefault(s => s is not null);

    public async Task<CommerceSettings> GetAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        if (await settings.GetAsync(phoneNumberId, GraphSettingsScopes.Commerce, cancellationToken) is not { } json || JsonNode.Parse(json) is not JsonObject stored)
        {
            return CommerceSettings.Default;
        }
        return new CommerceSettings(
            stored["is_cart_enabled"]?.GetValue<bool>() ?? CommerceSettings.Default.IsCartEnabled,
            stored["is_catalog_visible"]?.GetValue<bool>() ?? CommerceSettings.Default.IsCatalogVisible);
    }

    /// <summary>Changes what is given (null keeps the current value).</summary>
    public async Task SetAsync(string phoneNumberId, bool? isCartEnabled, bool? isCatalogVisible, CancellationToken cancellationToken)
    {
        var current = await GetAsync(phoneNumberId, cancellationToken);
        var stored = new JsonObject
        {
            ["is_cart_enabled"] = isCartEnabled ?? current.IsCartEnabled,
            ["is_catalog_visible"] = isCatalogVisible ?? current.IsCatalogVisible,
        };
        await settings.SetAsync(phoneNumberId, GraphSettingsScopes.Commerce, stored.ToJsonString(), time.GetUtcNow(), cancellationToken);
    }

    /// <summary>A setting as Graph and 1msg take it: a JSON boolean, or the text <c>true</c>/<c>false</c> (a query or form value).</summary>
    public static bool? ParseFlag(JsonNode? node, string? queried, out bool invalid)
    {
        invalid = false;
        var text = node switch
        {
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            null => queried,
            _ => "?",
        };
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                invalid = true;
                return null;
        }
    }
}
