using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// WhatsApp Business Accounts on the shared <c>/{version}/{id}</c> route (S <c>WhatsAppBusinessAccount</c>):
/// <c>GET</c> answers <c>id</c> and <c>name</c>, or the fields <c>fields</c> selects; <c>POST</c> takes what Meta lets a
/// business change, <c>name</c> and <c>timezone_id</c> (a read-only field is refused with 100). Fields Parley has no
/// source for (review and verification state, ownership, namespace) answer as an approved, verified, self-owned account
/// in the sandbox would; <c>health_status</c> is computed from the account's numbers (<see cref="BusinessAccountHealth"/>);
/// fields without a value (country, primary business location) are left out, as Graph leaves out unset fields.
/// </summary>
internal sealed class BusinessAccountObjects(
    IAccountStore accounts, IGraphSettingsStore settings, PhoneNumberDirectory directory, TemplateAnalyticsSettings analytics, TimeProvider time,
    IEnumerable<IWabaNodeField> nodeFields) : IGraphObjectKind
{
    public const string NodeType = "WhatsAppBusinessAccount";

    /// <summary>S: <c>name</c> of an update is 1–100 characters.</summary>
    public const int MaxNameLength = 100;

    private static readonly string[] Defaults = ["id", "name"];

    private static readonly string[] Known =
    [
        "id", "name", "currency", "timezone_id", "message_template_namespace", "account_review_status", "business_verification_status",
        "country", "ownership_type", "primary_business_location", "is_enabled_for_insights", "health_status",
    ];

    /// <summary>The fields other features compute (<see cref="IWabaNodeField"/>, such as the analytics), by name.</summary>
    private readonly Dictionary<string, IWabaNodeField> _nodeFields = nodeFields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>What <c>POST /{waba-id}</c> may change (S <c>updateWhatsAppBusinessAccount</c>); the other fields are read-only.</summary>
    private static readonly string[] Updatable = ["name", "timezone_id"];

    public GraphObjectKind Kind => GraphObjectKind.BusinessAccount;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await accounts.GetAccountAsync(id, cancellationToken) is { } account ? new GraphObject(Kind, id, account, null, account.Id) : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var expanded = FieldSelection.ParseExpanded(call.Request.Query["fields"].ToString(), [.. Known, .. _nodeFields.Keys], NodeType);
        if (!expanded.Succeeded)
        {
            return new Refusal(expanded.Error);
        }
        var selected = expanded.Value?.Select(f => f.Name).ToList();
        var account = call.Target.RecordAs<BusinessAccount>();
        var stored = await StoredAsync(account.Id, cancellationToken);
        var all = new JsonObject
        {
            ["id"] = account.Id,
            ["name"] = account.Name,
            ["currency"] = "USD",
            ["timezone_id"] = stored["timezone_id"]?.GetValue<string>() ?? DefaultTimezoneId,
            ["message_template_namespace"] = TemplateNamespace(account.Id),
            ["account_review_status"] = "APPROVED",
            ["business_verification_status"] = "VERIFIED",
            ["ownership_type"] = "SELF_OWNED",
            ["is_enabled_for_insights"] = (await analytics.GetAccountAsync(account.Id, cancellationToken)).Enabled,
        };
        if (selected?.Contains("health_status") == true)
        {
            var channels = await accounts.ListChannelsAsync(account.Id, cancellationToken);
            all["health_status"] = BusinessAccountHealth.Render(account, await directory.ListAsync(account.Id, channels, cancellationToken));
        }
        var body = new JsonObject();
        foreach (var field in (selected ?? [.. Defaults]).Append("id").Distinct())
        {
            if (_nodeFields.TryGetValue(field, out var computed))
            {
                var rendered = await computed.RenderAsync(account, expanded.Value!.First(f => f.Name == field).Arguments, cancellationToken);
                if (!rendered.Succeeded)
                {
                    return new Refusal(rendered.Error);
                }
                body[field] = rendered.Value;
            }
            else if (all[field] is { } value)
            {
                body[field] = value.DeepClone();
            }
        }
        return new GraphJsonResult(body);
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var account = call.Target.RecordAs<BusinessAccount>();
        var body = call.Body is { ValueKind: JsonValueKind.Object } root ? JsonObject.Create(root)! : [];
        if (body.Select(p => p.Key).FirstOrDefault(k => Known.Contains(k) && !Updatable.Contains(k)) is { } readOnly)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param {readOnly} cannot be updated; a business account's name and timezone_id can."));
        }
        var name = body["name"];
        var timezone = body["timezone_id"];
        // Meta documents the switch as a query parameter (POST /{waba-id}?is_enabled_for_insights=true); a body field works too.
        var insights = body["is_enabled_for_insights"]
            ?? (call.Request.Query.TryGetValue("is_enabled_for_insights", out var query) ? JsonValue.Create(query.ToString()) : null);
        if (name is null && timezone is null && insights is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("At least one of the parameters name, timezone_id, is_enabled_for_insights is required."));
        }
        bool? enableInsights = insights is null ? null : Flag(insights);
        if (insights is not null && enableInsights is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Param is_enabled_for_insights must be a boolean."));
        }
        if (name is not null && (PhoneNumberRequest.String(body, "name") is not { } newName || newName.Trim().Length is 0 or > MaxNameLength))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param name must be a non-empty string of at most {MaxNameLength} characters."));
        }
        if (timezone is not null && TimezoneId(timezone) is null)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Param timezone_id must be a timezone id (a positive integer)."));
        }
        // Turning analytics on is refused for an account with a number of the EU, the UK or Japan, before anything changes.
        if (enableInsights is { } enabled && await analytics.SetAccountAsync(account.Id, enabled, null, time.GetUtcNow(), cancellationToken) is { Error: { } refused })
        {
            return new Refusal(refused);
        }
        if (name is not null)
        {
            await accounts.UpdateAccountAsync(account with { Name = PhoneNumberRequest.String(body, "name")!.Trim() }, cancellationToken);
        }
        if (timezone is not null)
        {
            var stored = await StoredAsync(account.Id, cancellationToken);
            stored["timezone_id"] = TimezoneId(timezone);
            await settings.SetAsync(account.Id, GraphSettingsScopes.BusinessAccount, stored.ToJsonString(), time.GetUtcNow(), cancellationToken);
        }
        return TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>A boolean given as JSON or as the text <c>true</c>/<c>false</c> (a form or the query); null otherwise.</summary>
    private static bool? Flag(JsonNode node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => bool.TryParse(value.GetValue<string>(), out var on) ? on : null,
            _ => null,
        }
        : null;

    /// <summary>Meta's timezone id 1 (America/Los_Angeles), the default of a new account.</summary>
    private const string DefaultTimezoneId = "1";

    /// <summary>The account's settings set through Graph (timezone, subscribed apps), or an empty object.</summary>
    internal async Task<JsonObject> StoredAsync(string accountId, CancellationToken cancellationToken) =>
        await settings.GetAsync(accountId, GraphSettingsScopes.BusinessAccount, cancellationToken) is { } json
            ? JsonNode.Parse(json)!.AsObject()
            : [];

    /// <summary>A timezone id given as a string or a number, as text; null when it is not a positive integer.</summary>
    private static string? TimezoneId(JsonNode node)
    {
        var text = node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? value.ToJsonString().Trim('"') : null;
        return text is { Length: > 0 and <= 6 } && text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0 ? text : null;
    }

    /// <summary>The account's template namespace: stable per account, in Meta's shape (a UUID written with underscores).</summary>
    private static string TemplateNamespace(string accountId)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("template-namespace:" + accountId)));
        return $"{hex[..8]}_{hex[8..12]}_{hex[12..16]}_{hex[16..20]}_{hex[20..32]}";
    }
}
