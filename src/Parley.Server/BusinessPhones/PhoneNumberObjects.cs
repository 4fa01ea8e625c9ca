using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.Auth;
using Parley.Server.Delivery.Webhooks;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Phone numbers on the shared <c>/{version}/{id}</c> route: <c>GET</c> reads the number (S <c>PhoneNumberInfo</c>;
/// default fields plus those <c>fields</c> asks for, <c>webhook_configuration</c> among them); <c>POST</c> with <c>pin</c> (or
/// <c>whatsapp_business_api_data.pin</c>) sets the two-step verification PIN, and with
/// <c>webhook_configuration.override_callback_uri</c> + <c>verify_token</c> the number's alternate callback URL (an empty
/// URI removes it; M:webhooks/override).
/// </summary>
internal sealed class PhoneNumberObjects(ChannelDirectory channels, PhoneNumberSources sources, WebhookOverrides overrides, IEnumerable<IPhoneNumberNodeField> nodeFields)
    : IGraphObjectKind
{
    private const string WebhookConfiguration = "webhook_configuration";

    /// <summary>The fields other features keep (<see cref="IPhoneNumberNodeField"/>), by name.</summary>
    private readonly Dictionary<string, IPhoneNumberNodeField> _nodeFields = nodeFields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The node's fields: the number's own, where its webhooks go, and those other features keep.</summary>
    private string[] KnownFields => [.. PhoneNumberFields.Known, WebhookConfiguration, .. _nodeFields.Keys];

    public GraphObjectKind Kind => GraphObjectKind.PhoneNumber;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await channels.GetChannelAsync(id, cancellationToken) is { } channel
            ? new GraphObject(Kind, id, channel, channel.PhoneNumberId, channel.AccountId)
            : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var channel = call.Target.RecordAs<Channel>();
        var selected = FieldSelection.Parse(call.Request.Query["fields"].ToString(), KnownFields, PhoneNumberFields.NodeType);
        if (!selected.Succeeded)
        {
            return new Refusal(selected.Error);
        }
        var fields = PhoneNumberFields.NodeDefaults.Concat(selected.Value ?? []).Distinct().ToList();
        var withOverrides = fields.Remove(WebhookConfiguration);
        var remote = sources.IsRemote(channel);
        var kept = fields.Where(f => _nodeFields.TryGetValue(f, out var field) && !(remote && field.ReadAtUpstream)).ToList();
        fields.RemoveAll(kept.Contains);
        var number = await sources.For(channel).GetNumberAsync(channel, fields, cancellationToken);
        if (!number.Succeeded)
        {
            return new Refusal(number.Error);
        }
        if (withOverrides)
        {
            number.Value[WebhookConfiguration] = await WebhookConfigurationAsync(channel, cancellationToken);
        }
        foreach (var name in kept)
        {
            number.Value[name] = await _nodeFields[name].RenderAsync(channel, cancellationToken);
        }
        return new GraphJsonResult(number.Value);
    }

    /// <summary>Where the number's messages webhooks go, by level, as Graph answers <c>webhook_configuration</c>: only the levels that are set.</summary>
    private async Task<JsonObject> WebhookConfigurationAsync(Channel channel, CancellationToken cancellationToken)
    {
        var configuration = new JsonObject();
        foreach (var (name, level) in new[] { ("phone_number", WebhookSubscription.PhoneNumberOverride), ("whatsapp_business_account", WebhookSubscription.WabaOverride), ("application", 0) })
        {
            if (await overrides.UrlAsync(channel.PhoneNumberId, level, cancellationToken) is { } url)
            {
                configuration[name] = url;
            }
        }
        return configuration;
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var channel = call.Target.RecordAs<Channel>();
        var body = call.Body is { ValueKind: System.Text.Json.JsonValueKind.Object } root ? JsonObject.Create(root)! : [];
        if (body[WebhookConfiguration] is { } configuration && body["pin"] is null && body["whatsapp_business_api_data"] is null)
        {
            return await SetWebhookOverrideAsync(channel, configuration, cancellationToken);
        }
        var pin = PhoneNumberRequest.String(body, "pin") ?? PhoneNumberRequest.String(body["whatsapp_business_api_data"] as JsonObject, "pin");
        if (Registration.CheckPin(pin) is { } invalid)
        {
            return new Refusal(invalid);
        }
        return await sources.For(channel).SetPinAsync(channel, pin!, body, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    private async Task<IResult> SetWebhookOverrideAsync(Channel channel, JsonNode configuration, CancellationToken cancellationToken)
    {
        if (configuration is not JsonObject settings)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Param webhook_configuration must be a JSON object."));
        }
        var uri = PhoneNumberRequest.String(settings, "override_callback_uri");
        if (uri is { Length: 0 })
        {
            await overrides.ClearAsync([channel.PhoneNumberId], WebhookSubscription.PhoneNumberOverride, cancellationToken);
            return TypedResults.Ok(new SuccessResponse(true));
        }
        return await overrides.SetAsync([channel.PhoneNumberId], WebhookSubscription.PhoneNumberOverride, uri, PhoneNumberRequest.String(settings, "verify_token"), cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }
}
