using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;
using Parley.Storage;

namespace Parley.Server.Groups;

/// <summary>
/// Groups by id on the shared <c>/{version}/{id}</c> route (Meta, "Group management"): <c>GET</c> reads the fields asked
/// for, <c>POST</c> changes the subject, description or picture, <c>DELETE</c> deletes the group. A group id names its
/// owner even when the group is deleted or unknown (the id holds the phone number id), so the owner's token gets
/// 131041 and any other token Graph's unknown-object error.
/// </summary>
internal sealed class GroupObjects(IGroupStore store, GroupManagers managers, GroupPictures pictures) : IGraphObjectKind
{
    /// <summary>Graph's name of the node, in its "nonexisting field" error.</summary>
    private const string NodeType = "WhatsAppGroup";

    private static readonly string[] KnownFields =
        ["id", "messaging_product", "subject", "description", "participants", "total_participant_count", "join_approval_mode", "suspended", "creation_timestamp"];

    public GraphObjectKind Kind => GraphObjectKind.Group;

    /// <summary>
    /// A group id's owner: the channel of the stored group (Parley's own, or Meta's mirror), else the phone number id the
    /// id itself names. Ids of another shape are not groups and cost no read.
    /// </summary>
    public async Task<GraphObject?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (GroupIds.PhoneNumberIdOf(id) is not { } named)
        {
            return null;
        }
        var owner = (await store.GetAsync(id, cancellationToken))?.ChannelId ?? named;
        return new GraphObject(Kind, id, id, owner, null);
    }

    public async Task<IResult> GetAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var selected = FieldSelection.Parse(call.Request.Query["fields"].ToString(), KnownFields, NodeType);
        if (!selected.Succeeded)
        {
            return new Refusal(selected.Error);
        }
        var channel = ChannelOf(call);
        var found = await managers.ForChannel(channel).GetAsync(channel, call.Target.Id, cancellationToken);
        return found.Succeeded ? new GraphJsonResult(Render(found.Value, selected.Value ?? [])) : new Refusal(found.Error);
    }

    public async Task<IResult> PostAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var body = call.Body is { ValueKind: JsonValueKind.Object } root ? JsonObject.Create(root)! : new JsonObject();
        var subject = PhoneNumberRequest.String(body, "subject");
        var description = PhoneNumberRequest.String(body, "description");
        var file = call.Request.HasFormContentType ? call.Request.Form.Files.GetFile("file") : null;
        var error = PhoneNumberRequest.CheckMessagingProduct(body)
            ?? (body["subject"] is not null && subject is null ? ErrorCatalog.InvalidParameter.With("Param subject must be a string.") : null)
            ?? (body["description"] is not null && description is null ? ErrorCatalog.InvalidParameter.With("Param description must be a string.") : null)
            ?? (subject is null ? null
                : subject.Trim().Length == 0 ? ErrorCatalog.InvalidParameter.With("Param subject must not be empty.") : GroupRules.CheckSubject(subject).Error)
            ?? GroupRules.CheckDescription(description)
            ?? (subject is null && description is null && file is null
                ? ErrorCatalog.RequiredParameterMissing.With("Give at least one of subject, description or file (the group picture, as multipart/form-data).")
                : null);
        if (error is not null)
        {
            return new Refusal(error);
        }
        var channel = ChannelOf(call);
        MediaRecord? stored = null;
        if (file is not null)
        {
            var picture = await pictures.StoreAsync(channel, file, cancellationToken);
            if (!picture.Succeeded)
            {
                return new Refusal(picture.Error);
            }
            stored = picture.Value;
        }
        var change = new GroupSettingsChange(subject?.Trim(), description, stored?.Id, stored is null ? null : GroupPictures.Describe(stored));
        if (await managers.ForChannel(channel).UpdateAsync(channel, call.Target.Id, change, cancellationToken) is { } refused)
        {
            if (stored is not null)
            {
                await pictures.DiscardAsync(stored, cancellationToken);
            }
            return new Refusal(refused);
        }
        return TypedResults.Ok(new SuccessResponse(true));
    }

    public async Task<IResult> DeleteAsync(GraphObjectCall call, CancellationToken cancellationToken)
    {
        var channel = ChannelOf(call);
        return await managers.ForChannel(channel).DeleteAsync(channel, call.Target.Id, cancellationToken) is { } error
            ? new Refusal(error)
            : TypedResults.Ok(new SuccessResponse(true));
    }

    /// <summary>The group's owner, which the edge authorized the caller's token for.</summary>
    private static Channel ChannelOf(GraphObjectCall call) =>
        EdgeCall.Of(call.Request.HttpContext).Channel ?? throw new InvalidOperationException("The Graph edge authorizes a group's channel before its handler runs.");

    /// <summary><c>id</c> and <c>messaging_product</c> always; the other fields when asked for.</summary>
    private static JsonObject Render(GroupDetails details, IReadOnlyList<string> fields)
    {
        var group = details.Group;
        var json = new JsonObject { ["messaging_product"] = "whatsapp", ["id"] = group.Id };
        foreach (var field in fields)
        {
            json[field] = field switch
            {
                "subject" => group.Subject,
                "description" => group.Description,
                "join_approval_mode" => group.JoinApprovalMode,
                "suspended" => group.Suspended,
                "creation_timestamp" => group.CreatedAt.ToUnixTimeSeconds(),
                "total_participant_count" => details.Participants.Count,
                "participants" => new JsonArray([.. details.Participants.Select(Participant)]),
                _ => json[field]?.DeepClone(),
            };
        }
        return json;
    }

    /// <summary>A participant as Graph shows one: <c>wa_id</c> when the phone number is known, <c>user_id</c> (BSUID) when known.</summary>
    internal static JsonObject Participant(GroupParticipant participant)
    {
        var json = new JsonObject();
        if (!Bsuid.IsValid(participant.WaId))
        {
            json["wa_id"] = participant.WaId;
        }
        if ((participant.UserId ?? (Bsuid.IsValid(participant.WaId) ? participant.WaId : null)) is { } userId)
        {
            json["user_id"] = userId;
        }
        return json;
    }
}
