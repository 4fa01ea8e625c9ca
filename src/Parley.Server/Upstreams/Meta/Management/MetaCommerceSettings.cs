using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Commerce;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Commerce;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Claims the commerce settings of every <c>meta</c> channel: Meta keeps them and shows the cart and catalog.</summary>
internal sealed class MetaCommerceSettings(MetaGraphClient graph) : IRemoteCommerceSettings
{
    public IRemoteCommerceSettingsSource? ForChannel(Channel channel) =>
        MetaSettings.Of(channel) is { } settings ? new MetaCommerceSettingsSource(settings, graph) : null;
}

/// <summary>
/// A meta channel's commerce settings at Meta (Meta's OpenAPI, <c>getCommerceSettings</c>, <c>setOrUpdateCommerceSettings</c>):
/// <c>GET /{phone-number-id}/whatsapp_commerce_settings</c> answers <c>{"data":[{is_cart_enabled, is_catalog_visible, id}]}</c>;
/// <c>POST</c> takes the settings in the query string, as Meta's reference does.
/// </summary>
internal sealed class MetaCommerceSettingsSource(MetaSettings settings, MetaGraphClient graph) : IRemoteCommerceSettingsSource
{
    private string Path => $"{settings.PhoneNumberId}/whatsapp_commerce_settings";

    public async Task<Outcome<CommerceSettings>> GetAsync(CancellationToken cancellationToken)
    {
        var answer = await graph.GetAsync(settings, Path, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        // A number that never set them has Meta's defaults (an empty data).
        var current = MetaGroupJson.Objects(answer.Value, "data").FirstOrDefault();
        return new CommerceSettings(
            Flag(current, CommerceSettingsApi.CartEnabled) ?? CommerceSettings.Default.IsCartEnabled,
            Flag(current, CommerceSettingsApi.CatalogVisible) ?? CommerceSettings.Default.IsCatalogVisible);
    }

    public async Task<WhatsAppError?> SetAsync(bool? isCartEnabled, bool? isCatalogVisible, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (isCartEnabled is { } cart)
        {
            query.Add($"{CommerceSettingsApi.CartEnabled}={(cart ? "true" : "false")}");
        }
        if (isCatalogVisible is { } visible)
        {
            query.Add($"{CommerceSettingsApi.CatalogVisible}={(visible ? "true" : "false")}");
        }
        var answer = await graph.SendAsync(settings, HttpMethod.Post, $"{Path}?{string.Join('&', query)}", null, cancellationToken);
        return answer.Succeeded ? null : answer.Error;
    }

    private static bool? Flag(JsonObject? node, string name) => node?[name] is JsonValue value
        ? value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.String => value.GetValue<string>() switch { "true" => true, "false" => false, _ => null },
            _ => null,
        }
        : null;
}
