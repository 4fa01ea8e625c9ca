using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Core.Profiles;
using Parley.Server.Auth;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// The WhatsApp Business Profile object by its own id on the shared <c>/{version}/{id}</c> route (S
/// <c>/{WhatsApp-Business-Profile-ID}</c>, <c>WhatsAppBusinessProfileNode</c>): the same profile as
/// <c>/{phone-number-id}/whatsapp_business_profile</c>, plus <c>id</c> and <c>account_name</c>. <c>GET</c> answers every
/// field that is set, or those <c>fields</c> selects; <c>POST</c> takes the profile's fields (the same rules) and
/// <c>account_name</c>, answering <c>{"id","success":true}</c>. The id is learnt from
/// <c>GET /{phone-number-id}/whatsapp_business_profile?fields=id</c>.
/// </summary>
internal sealed class BusinessProfileObjects(ChannelDirectory channels, BusinessProfileIds ids, PhoneNumberSources sources) : IGraphObjectKind
{
    public const string NodeType = "WhatsAppBusinessProfile";

    /// <summary>S <c>WhatsAppBusinessProfileNode.account_name</c>: 1–75 characters.</summary>
    public const int AccountNameMaxLength = 75;

    private const string AccountName = "account_name";

    private static readonly string[] Known = ["id", AccountName, .. BusinessProfileLimits.ReadableFields, "messaging_product"];

    public GraphObjectKind Kind => GraphObjectKind.BusinessProfile;

    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken) =>
        await ids.PhoneNumberOfAsync(id, cancellationToken) is { } phoneNumberId && await channels.GetChannelAsync(phoneNumberId, cancellationToken) is { } channel
            ? new GraphObject(Kind, id, channel, channel.PhoneNumberId, channel.AccountId)
            : null;

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var selected = FieldSelection.Parse(call.Request.Query["fields"].ToString(), Known, NodeType);
        if (!selected.Succeeded)
        {
            return new Refusal(selected.Error);
        }
        var channel = call.Target.RecordAs<Channel>();
        var fields = selected.Value ?? Known;
        var profile = await sources.For(channel).GetProfileAsync(channel, [.. BusinessProfileLimits.ReadableFields.Where(fields.Contains)], cancellationToken);
        if (!profile.Succeeded)
        {
            return new Refusal(profile.Error);
        }
        var stored = await ids.GetAsync(channel, cancellationToken);
        var entry = profile.Value["data"]?.AsArray().OfType<JsonObject>().FirstOrDefault() ?? [];
        var body = new JsonObject { ["id"] = call.Target.Id };
        if (fields.Contains(AccountName))
        {
            body[AccountName] = stored[AccountName]?.GetValue<string>() ?? channel.VerifiedName;
        }
        foreach (var field in BusinessProfileLimits.ReadableFields.Where(fields.Contains))
        {
            if (entry[field] is { } value)
            {
                body[field] = field == "profile_picture_url" && value.GetValue<string>().StartsWith('/')
                    ? $"{call.Request.Scheme}://{call.Request.Host}{call.Request.PathBase}{value.GetValue<string>()}"
                    : value.DeepClone();
            }
        }
        if (fields.Contains("messaging_product"))
        {
            body["messaging_product"] = "whatsapp";
        }
        return new GraphJsonResult(body);
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var channel = call.Target.RecordAs<Channel>();
        if (call.Body is not { ValueKind: JsonValueKind.Object } root)
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("The parameter messaging_product is required."));
        }
        var raw = JsonObject.Create(root)!;
        var accountName = raw[AccountName];
        raw.Remove(AccountName);
        string? name = null;
        if (accountName is not null)
        {
            name = accountName is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : null;
            if (name is not { Length: > 0 } || name.EnumerateRunes().Count() > AccountNameMaxLength)
            {
                return new Refusal(ErrorCatalog.InvalidParameter.With($"Param account_name must be between 1 and {AccountNameMaxLength} characters long."));
            }
        }
        using var rest = JsonDocument.Parse(raw.ToJsonString());
        var update = BusinessProfileRules.ParseUpdate(rest.RootElement);
        if (!update.Succeeded)
        {
            return new Refusal(update.Error);
        }
        if (await sources.For(channel).UpdateProfileAsync(channel, update.Value, raw, cancellationToken) is { } error)
        {
            return new Refusal(error);
        }
        if (name is not null)
        {
            var stored = await ids.GetAsync(channel, cancellationToken);
            stored[AccountName] = name;
            await ids.SaveAsync(channel, stored, cancellationToken);
        }
        return new GraphJsonResult(new JsonObject { ["id"] = call.Target.Id, ["success"] = true });
    }
}
