using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Groups;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's group shapes (seed 000 "Groups"; digest A.8) over the canonical <see cref="Group"/>: a group as created, listed
/// and described (<c>{id, subject, description, participants, chatId}</c>), its participants as chat ids, and the group
/// id of a path, which comes without <c>@g.us</c> (the suffix is accepted too). Pure.
/// </summary>
internal static class OneMsgGroupViews
{
    public const string GroupSuffix = "@g.us";

    /// <summary>
    /// What <c>GET /groups/{id}?fields=</c> may ask for, in the order of the seed's sample answer (<c>{id, subject,
    /// description, participants, chatId}</c>) and then Parley's; <c>id</c> and <c>chatId</c> are always answered.
    /// </summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "subject", "description", "participants", "chatId", "inviteLink", "joinApprovalMode", "suspended", "createdAt", "totalParticipantCount"];

    /// <summary>The group id of a path: as given, or without its <c>@g.us</c>.</summary>
    public static string GroupIdOf(string pathId) =>
        pathId.EndsWith(GroupSuffix, StringComparison.Ordinal) ? pathId[..^GroupSuffix.Length] : pathId;

    /// <summary><c>POST /groups</c>'s answer: the group at once (Parley's groups), or only the request id (a group made at Meta arrives later).</summary>
    public static JsonObject Created(GroupCreated created)
    {
        var answer = new JsonObject();
        if (created.Group is { } group)
        {
            answer["id"] = group.Id;
            answer["chatId"] = group.Id + GroupSuffix;
            answer["subject"] = group.Subject;
            answer["description"] = group.Description;
            answer["inviteLink"] = group.InviteLink;
        }
        answer["requestId"] = created.RequestId;
        return answer;
    }

    /// <summary>One group of <c>GET /groups</c>.</summary>
    public static JsonObject Listed(Group group) => new()
    {
        ["id"] = group.Id,
        ["chatId"] = group.Id + GroupSuffix,
        ["subject"] = group.Subject,
        ["createdAt"] = group.CreatedAt.ToUnixTimeSeconds(),
    };

    /// <summary>
    /// <c>GET /groups</c>'s paging: Graph's cursors (what 1msg relays), and <c>next</c> / <c>previous</c> as this call's
    /// URL with the cursor set and without the token.
    /// </summary>
    public static JsonObject Paging(HttpRequest request, GroupPage page) =>
        page.Groups.Count == 0
            ? []
            : GraphPaging.Of(request, page.Before!, page.After!, page.HasBefore, page.HasAfter, OneMsgRequest.TokenParameter);

    /// <summary>The fields a <c>fields</c> parameter names (all when absent); an error naming an unknown one.</summary>
    public static Outcome<IReadOnlySet<string>> CheckFields(string? fields)
    {
        if (fields is null)
        {
            return new HashSet<string>(Fields, StringComparer.Ordinal);
        }
        var asked = new HashSet<string>(StringComparer.Ordinal) { "id", "chatId" };
        foreach (var field in fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Fields.Contains(field))
            {
                return ErrorCatalog.InvalidParameter.With($"The parameter fields may name only {string.Join(", ", Fields)} - got \"{field}\".");
            }
            asked.Add(field);
        }
        return asked;
    }

    /// <summary><c>GET /groups/{id}</c>: the fields asked for, in 1msg's order.</summary>
    public static JsonObject Details(GroupDetails details, IReadOnlySet<string> fields)
    {
        var group = details.Group;
        var all = new Dictionary<string, Func<JsonNode?>>(StringComparer.Ordinal)
        {
            ["id"] = () => group.Id,
            ["subject"] = () => group.Subject,
            ["description"] = () => group.Description,
            ["participants"] = () => new JsonArray([.. details.Participants.Select(p => (JsonNode)Participant(p))]),
            ["chatId"] = () => group.Id + GroupSuffix,
            ["inviteLink"] = () => group.InviteLink,
            ["joinApprovalMode"] = () => group.JoinApprovalMode,
            ["suspended"] = () => group.Suspended,
            ["createdAt"] = () => group.CreatedAt.ToUnixTimeSeconds(),
            ["totalParticipantCount"] = () => details.Participants.Count,
        };
        var answer = new JsonObject();
        foreach (var field in Fields.Where(fields.Contains))
        {
            answer[field] = all[field]();
        }
        return answer;
    }

    /// <summary>A participant as its chat id and, as a remove call takes it back, its <c>user</c>; its BSUID when known.</summary>
    public static JsonObject Participant(GroupParticipant participant)
    {
        var item = new JsonObject { ["chatId"] = OneMsgRecipient.ChatId(participant.WaId), ["user"] = participant.WaId };
        if (participant.UserId is { } userId)
        {
            item["userId"] = userId;
        }
        return item;
    }

    /// <summary>An open join request: its id, the user's chat id and identity, and when they asked (Unix seconds).</summary>
    public static JsonObject JoinRequest(GroupJoinRequest request)
    {
        var item = new JsonObject { ["id"] = request.Id, ["chatId"] = OneMsgRecipient.ChatId(request.WaId), ["user"] = request.WaId };
        if (request.UserId is not null)
        {
            item["userId"] = request.UserId;
        }
        item["time"] = request.CreatedAt.ToUnixTimeSeconds();
        return item;
    }

    /// <summary>The <c>joinRequests</c> of an approve or reject call: a non-empty array of join request ids.</summary>
    public static Outcome<IReadOnlyList<string>> JoinRequestIds(JsonObject body)
    {
        if (!OneMsgFields.Has(body, "joinRequests"))
        {
            return OneMsgMapper.Missing("joinRequests");
        }
        var ids = OneMsgFields.Array(body, "joinRequests")?.Select(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToList();
        return ids is { Count: > 0 } && ids.All(i => i is { Length: > 0 })
            ? Outcome<IReadOnlyList<string>>.Success([.. ids!])
            : ErrorCatalog.InvalidParameter.With("The parameter joinRequests must be a non-empty array of join request ids.");
    }

    /// <summary>
    /// The <c>participants</c> of a remove call (seed 000: "Array of participant phone numbers or objects like
    /// {"user":"..."}"): strings, numbers or <c>{user}</c> objects; a chat id (<c>…@c.us</c>, <c>…@bsuid</c>) names its user.
    /// </summary>
    public static Outcome<IReadOnlyList<string>> Participants(JsonObject body)
    {
        if (!OneMsgFields.Has(body, "participants"))
        {
            return OneMsgMapper.Missing("participants");
        }
        if (OneMsgFields.Array(body, "participants") is not { } array)
        {
            return ErrorCatalog.InvalidParameter.With("The parameter participants must be an array of phone numbers or {\"user\":\"…\"} objects.");
        }
        var users = new List<string>();
        foreach (var item in array)
        {
            var user = item switch
            {
                JsonObject entry => OneMsgFields.Text(entry, "user"),
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            };
            if (user is not { Length: > 0 })
            {
                return ErrorCatalog.InvalidParameter.With($"The parameter participants[{users.Count}] must be a phone number or a {{\"user\":\"…\"}} object.");
            }
            users.Add(UserOf(user.Trim()));
        }
        return users;
    }

    private static string UserOf(string user) =>
        user.EndsWith("@c.us", StringComparison.Ordinal) ? user[..^"@c.us".Length]
        : user.EndsWith(OneMsgRecipient.BsuidSuffix, StringComparison.Ordinal) ? user[..^OneMsgRecipient.BsuidSuffix.Length]
        : user;
}
