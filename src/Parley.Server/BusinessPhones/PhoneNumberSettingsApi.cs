using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// <c>GET|POST /{version}/{phone-number-id}/settings</c> (S <c>PhoneNumberSettingsResponse</c>, <c>CallingSettingsRequest</c>,
/// <c>UserIdentityChangeSettingsRequest</c>, <c>PayloadEncryptionSettingsRequest</c>,
/// <c>StorageConfigurationSettingsRequest</c>): the number's calling, user identity change, payload encryption and
/// storage settings, stored per number. A <c>POST</c> carries one or more of the sections; <c>calling</c> is merged
/// into what was set, the others replace theirs. Unset sections answer their defaults (calling and encryption
/// disabled, default storage).
/// </summary>
internal static class PhoneNumberSettingsApi
{
    private const string Calling = "calling", Identity = "user_identity_change", Encryption = "payload_encryption", Storage = "storage_configuration";

    private static readonly string[] EnabledDisabled = ["enabled", "disabled"];

    /// <summary>The parts of <c>calling</c> (S <c>CallingSettings</c>) with the values each takes; null for an object taken as given.</summary>
    private static readonly Dictionary<string, string[]?> CallingFields = new(StringComparer.Ordinal)
    {
        ["status"] = EnabledDisabled,
        ["call_icon_visibility"] = ["visible", "hidden"],
        ["callback_permission_status"] = EnabledDisabled,
        ["srtp_key_exchange_protocol"] = ["DTLS-SRTP", "SDES-SRTP"],
        ["video"] = null,
        ["audio"] = null,
        ["sip"] = null,
        ["call_hours"] = null,
        ["call_icons"] = null,
    };

    public static IEndpointRouteBuilder MapPhoneNumberSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{phoneNumberId}/settings").WithTags("Cloud API")
            .WithEdge<GraphEdge>(CallerScope.Channel("phoneNumberId")).CountsAsManagement("phoneNumberId");
        group.MapGet("", GetAsync).WithName("GetPhoneNumberSettings").WithSummary("A phone number's calling, payload encryption and storage settings");
        group.MapPost("", UpdateAsync).ReadsBody().WithName("UpdatePhoneNumberSettings")
            .WithSummary("Update a phone number's calling, user_identity_change, payload_encryption or storage_configuration settings");
        return app;
    }

    private static async Task<GraphJsonResult> GetAsync(CallerChannel caller, IGraphSettingsStore settings, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(caller.Value, settings, cancellationToken);
        var body = new JsonObject
        {
            [Calling] = CallingView(stored[Calling] as JsonObject),
            [Encryption] = stored[Encryption]?.DeepClone() ?? new JsonObject { ["status"] = "disabled" },
            [Storage] = stored[Storage]?.DeepClone() ?? new JsonObject { ["status"] = "default" },
        };
        if (stored[Identity] is { } identity)
        {
            body[Identity] = identity.DeepClone();
        }
        return new GraphJsonResult(body);
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> UpdateAsync(
        CallerChannel caller, JsonObjectBody body, IGraphSettingsStore settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (request.Select(p => p.Key).FirstOrDefault(k => k is not (Calling or Identity or Encryption or Storage or "messaging_product")) is { } unknown)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param {unknown} is not a setting of a phone number; use {Calling}, {Identity}, {Encryption} or {Storage}."));
        }
        if (request[Calling] is null && request[Identity] is null && request[Encryption] is null && request[Storage] is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"One of the parameters {Calling}, {Identity}, {Encryption}, {Storage} is required."));
        }
        if (new[] { Calling, Identity, Encryption, Storage }.Count(name => request[name] is not null) > 1)
        {
            // S updatePhoneNumberSettings: "Only one feature setting can be specified per request."
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Only one of the parameters {Calling}, {Identity}, {Encryption}, {Storage} can be set per request."));
        }
        var stored = await StoredAsync(caller.Value, settings, cancellationToken);
        foreach (var (name, apply) in new (string, Func<JsonObject, JsonObject, WhatsAppError?>)[]
                 { (Calling, ApplyCalling), (Identity, ApplyIdentity), (Encryption, ApplyEncryption), (Storage, ApplyStorage) })
        {
            if (request[name] is null)
            {
                continue;
            }
            if (request[name] is not JsonObject section)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With($"Param {name} must be a JSON object."));
            }
            if (apply(section, stored) is { } error)
            {
                return new Refusal(error);
            }
        }
        await settings.SetAsync(caller.Value.PhoneNumberId, GraphSettingsScopes.PhoneNumber, stored.ToJsonString(), time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new SuccessResponse(true));
    }

    private static WhatsAppError? ApplyCalling(JsonObject section, JsonObject stored)
    {
        var calling = stored[Calling] as JsonObject ?? [];
        if (section["status"] is null && calling["status"] is null)
        {
            return ErrorCatalog.InvalidParameter.With("Param calling.status is required.");
        }
        foreach (var (key, value) in section)
        {
            if (!CallingFields.TryGetValue(key, out var allowed))
            {
                return ErrorCatalog.InvalidParameter.With($"Param calling.{key} is not a calling setting.");
            }
            if (allowed is null ? value is not JsonObject : Text(value) is not { } text || !allowed.Contains(text))
            {
                return ErrorCatalog.InvalidParameter.With(allowed is null
                    ? $"Param calling.{key} must be a JSON object."
                    : $"Param calling.{key} must be one of {{{string.Join(", ", allowed)}}} - got {value?.ToJsonString() ?? "null"}.");
            }
            if (allowed is null && key is not "call_icons" && Text(value!["status"]) is not ("enabled" or "disabled"))
            {
                return ErrorCatalog.InvalidParameter.With($"Param calling.{key}.status must be one of {{enabled, disabled}}.");
            }
            calling[key] = value!.DeepClone();
        }
        stored[Calling] = calling;
        return null;
    }

    private static WhatsAppError? ApplyIdentity(JsonObject section, JsonObject stored)
    {
        if (section["enabled"] is not JsonValue enabled || enabled.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ErrorCatalog.InvalidParameter.With("Param user_identity_change.enabled must be a boolean.");
        }
        stored[Identity] = new JsonObject { ["enabled"] = enabled.GetValue<bool>() };
        return null;
    }

    private static WhatsAppError? ApplyEncryption(JsonObject section, JsonObject stored)
    {
        var status = Text(section["status"]);
        if (status is not ("enabled" or "disabled"))
        {
            return ErrorCatalog.InvalidParameter.With("Param payload_encryption.status must be one of {enabled, disabled}.");
        }
        if (status == "disabled")
        {
            stored[Encryption] = new JsonObject { ["status"] = "disabled" };
            return null;
        }
        if (Text(section["client_encryption_key"]) is not { Length: > 0 } key)
        {
            return ErrorCatalog.InvalidParameter.With("Param payload_encryption.client_encryption_key is required when enabling payload encryption.");
        }
        if (!PhoneNumberSettingsRules.IsPublicKey(key))
        {
            return ErrorCatalog.InvalidParameter.With("Param payload_encryption.client_encryption_key must be a base64-encoded public key in PEM format.");
        }
        stored[Encryption] = new JsonObject
        {
            ["status"] = "enabled",
            ["client_encryption_key_fingerprint"] = "SHA256:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
        };
        return null;
    }

    private static WhatsAppError? ApplyStorage(JsonObject section, JsonObject stored)
    {
        if (section["enabled"] is not JsonValue enabled || enabled.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ErrorCatalog.InvalidParameter.With("Param storage_configuration.enabled must be a boolean.");
        }
        if (!enabled.GetValue<bool>())
        {
            stored[Storage] = new JsonObject { ["status"] = "default" };
            return null;
        }
        if (Text(section["region"]) is not { Length: > 0 } given)
        {
            return ErrorCatalog.InvalidParameter.With("Param storage_configuration.region is required when enabling local storage.");
        }
        if (PhoneNumberSettingsRules.StorageRegion(given) is not { } region)
        {
            return ErrorCatalog.InvalidParameter.With(
                $"Param storage_configuration.region must be one of {{{string.Join(", ", PhoneNumberSettingsRules.StorageRegions)}}} - got \"{given}\".");
        }
        stored[Storage] = new JsonObject { ["status"] = "in_country_storage_enabled", ["data_localization_region"] = region };
        return null;
    }

    /// <summary>
    /// <c>calling</c> as stored, with the fields S <c>CallingSettingsResponse</c> requires filled with their defaults:
    /// disabled, icon visible, callback permission disabled, and no IP addresses (the sandbox carries no call media).
    /// </summary>
    private static JsonObject CallingView(JsonObject? stored)
    {
        var calling = stored?.DeepClone().AsObject() ?? [];
        calling["status"] ??= "disabled";
        calling["call_icon_visibility"] ??= "visible";
        calling["callback_permission_status"] ??= "disabled";
        calling["ip_addresses"] ??= new JsonObject { ["default"] = new JsonArray() };
        return calling;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static async Task<JsonObject> StoredAsync(Channel channel, IGraphSettingsStore settings, CancellationToken cancellationToken) =>
        await settings.GetAsync(channel.PhoneNumberId, GraphSettingsScopes.PhoneNumber, cancellationToken) is { } json ? JsonNode.Parse(json)!.AsObject() : [];
}
