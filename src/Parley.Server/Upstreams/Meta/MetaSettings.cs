using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.Network;

namespace Parley.Server.Upstreams.Meta;

/// <summary>
/// A <c>meta</c> channel's settings (<see cref="Channel.UpstreamSettings"/>): where Meta's Graph API is, which of Meta's
/// phone numbers the channel is, and the secrets. The secrets are never returned by the admin API and never logged.
/// </summary>
internal sealed partial record MetaSettings(
    string BaseUrl, string ApiVersion, string PhoneNumberId, string? WabaId, string AccessToken, string AppSecret, string? VerifyToken, bool Coexistence)
{
    public const string DefaultBaseUrl = "https://graph.facebook.com";
    public const string DefaultApiVersion = Core.Versions.GraphVersions.NewestName;

    /// <summary>Throughput of a coexistence number (WhatsApp Business app + Cloud API): fixed 20 mps (cloud-api-digest §6).</summary>
    public const int CoexistenceMessagesPerSecond = Throughput.CoexistenceMessagesPerSecond;

    /// <summary>The highest throughput level of a Cloud API number: 1,000 mps after the automatic upgrade (cloud-api-digest §6).</summary>
    public const int MaxMessagesPerSecond = 1000;

    /// <summary>The settings whose values are secret: shown as <c>&lt;name&gt;_set: true</c>.</summary>
    public static readonly string[] SecretNames = ["access_token", "app_secret", "verify_token"];

    /// <summary>Whether <paramref name="upstream"/> names the meta upstream (upstream kinds are matched ignoring case).</summary>
    public static bool IsMeta(string? upstream) => string.Equals(upstream, Channel.MetaUpstream, StringComparison.OrdinalIgnoreCase);

    /// <summary>The channel's Meta settings when it relays to Meta and they parse; null otherwise.</summary>
    public static MetaSettings? Of(Channel channel) => IsMeta(channel.Upstream) ? Parse(channel.UpstreamSettings) : null;

    public static MetaSettings? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject settings ? Parse(settings) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MetaSettings? Parse(JsonObject s) =>
        Text(s, "phone_number_id") is { } pnid && Text(s, "access_token") is { } token && Text(s, "app_secret") is { } secret
            ? new MetaSettings(
                (Text(s, "base_url") ?? DefaultBaseUrl).TrimEnd('/'), Text(s, "api_version") ?? DefaultApiVersion, pnid, Text(s, "waba_id"),
                token, secret, Text(s, "verify_token"), s["coexistence"] is JsonValue v && v.TryGetValue<bool>(out var c) && c)
            : null;

    /// <summary>The Graph endpoint messages are sent to: <c>{base}/{version}/{phone-number-id}/messages</c>.</summary>
    public Uri MessagesUrl => new($"{BaseUrl}/{ApiVersion}/{PhoneNumberId}/messages");

    /// <summary>Whether <paramref name="signature"/> (<c>sha256=&lt;hex&gt;</c>) is the HMAC-SHA256 of <paramref name="body"/> with the app secret; constant time.</summary>
    public bool Signed(ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public bool VerifyTokenMatches(string? candidate) =>
        VerifyToken is not null && candidate is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(VerifyToken), Encoding.UTF8.GetBytes(candidate));

    /// <summary>
    /// Checks a <c>meta</c> channel's settings: the required ones are there, the base URL passes the SSRF guard, the ids are
    /// digits, the version looks like <c>v23.0</c>. Returns (field, problem) pairs.
    /// </summary>
    public static IEnumerable<(string Field, string Problem)> Validate(JsonObject? settings, SsrfGuard guard, int? messagesPerSecond)
    {
        if (settings is null)
        {
            yield return ("upstream_settings", "a meta channel needs phone_number_id, access_token and app_secret");
            yield break;
        }
        foreach (var required in new[] { "phone_number_id", "access_token", "app_secret" })
        {
            if (Text(settings, required) is null)
            {
                yield return ($"upstream_settings.{required}", "is required for a meta channel");
            }
        }
        foreach (var (name, value) in settings)
        {
            if (name != "coexistence" && value is not null && (value.GetValueKind() != JsonValueKind.String))
            {
                yield return ($"upstream_settings.{name}", "must be a string");
            }
        }
        if (settings["coexistence"] is { } coexistence && coexistence.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            yield return ("upstream_settings.coexistence", "must be true or false");
        }
        if (Text(settings, "base_url") is { } baseUrl && guard.Check(baseUrl) is { } problem)
        {
            yield return ("upstream_settings.base_url", problem);
        }
        if (Text(settings, "api_version") is { } version && !VersionPattern().IsMatch(version))
        {
            yield return ("upstream_settings.api_version", "must look like v23.0");
        }
        foreach (var id in new[] { "phone_number_id", "waba_id" })
        {
            if (Text(settings, id) is { } digits && !DigitsPattern().IsMatch(digits))
            {
                yield return ($"upstream_settings.{id}", "must be digits");
            }
        }
        if (Text(settings, "app_secret") is { Length: < 16 })
        {
            yield return ("upstream_settings.app_secret", "must be at least 16 characters long");
        }
        var limit = settings["coexistence"]?.GetValueKind() == JsonValueKind.True ? CoexistenceMessagesPerSecond : MaxMessagesPerSecond;
        if (messagesPerSecond > limit)
        {
            yield return ("messages_per_second", $"must not exceed the number's throughput level, {limit} messages per second");
        }
    }

    /// <summary>The settings as the admin API shows them: every secret replaced by <c>&lt;name&gt;_set: true</c>.</summary>
    public static JsonObject Redact(JsonObject settings)
    {
        var shown = new JsonObject();
        foreach (var (name, value) in settings)
        {
            if (SecretNames.Contains(name))
            {
                shown[name + "_set"] = value is not null;
            }
            else
            {
                shown[name] = value?.DeepClone();
            }
        }
        return shown;
    }

    /// <summary>An update's settings over the stored ones: secrets left out of the update are kept.</summary>
    public static JsonObject Merge(string stored, JsonObject update)
    {
        var merged = JsonNode.Parse(stored) as JsonObject ?? [];
        foreach (var (name, value) in update)
        {
            merged[name] = value?.DeepClone();
        }
        return merged;
    }

    private static string? Text(JsonObject settings, string name) =>
        settings[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[0-9]{1,32}$")]
    private static partial Regex DigitsPattern();
}
