using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Server.Edges;
using Parley.Server.Groups;

namespace Parley.Server.Dialects.OneMsg;

/// <summary>
/// 1msg's group methods (seed 000 "Groups"; digest A.8): create, list, describe, update and delete a group, remove
/// participants, get and reset the invite link. Each calls the channel's group manager (<see cref="GroupManagers"/>:
/// Parley's own groups, or Meta's for a <c>meta</c> channel), the one the Cloud API's Groups API calls, so both dialects
/// see the same groups; every rule is <see cref="GroupRules"/>'s and every error is rendered as 1msg's <c>{"error"}</c>.
/// </summary>
internal static class OneMsgGroupsApi
{
    /// <summary>Update Group's picture field (seed 000: "Profile picture file handle or media ID").</summary>
    private const string PictureField = "profile_picture_file";

    /// <summary>An update's body: a picture of at most 5 MB, also as a base64 data URI, with the other fields.</summary>
    private const long UpdateMaxBytes = (GroupRules.PictureMaxBytes + 2) / 3 * 4 + 64 * 1024;

    private static readonly string[] BodyTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public static void MapOneMsgGroups(this RouteGroupBuilder group)
    {
        group.MapPost("/groups", CreateAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..]).WithSummary("1msg: create a group (its id, chatId and invite link)");
        group.MapGet("/groups", ListAsync).WithSummary("1msg: the channel's active groups ({groups, paging})");
        group.MapGet("/groups/{groupId}", GetAsync).WithSummary("1msg: a group's metadata and participants");
        group.MapPost("/groups/{groupId}", UpdateAsync).ReadsBody(UpdateMaxBytes).Accepts<object>(BodyTypes[0], BodyTypes[1..]).WithSummary("1msg: change a group's subject, description or picture");
        group.MapDelete("/groups/{groupId}", DeleteAsync).WithSummary("1msg: delete a group (the business leaves it)");
        group.MapDelete("/groups/{groupId}/participants", RemoveParticipantsAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg: remove participants from a group");
        group.MapPost("/groups/{groupId}/removeParticipants", RemoveParticipantsAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg: remove participants from a group (for clients that cannot send a DELETE with a body)");
        group.MapGet("/groups/{groupId}/inviteLink", GetInviteLinkAsync).WithSummary("1msg: a group's invite link");
        group.MapPost("/groups/{groupId}/inviteLink", ResetInviteLinkAsync).WithSummary("1msg: a new invite link (the old one stops working)");
        group.MapGet("/groups/{groupId}/joinRequests", ListJoinRequestsAsync).WithSummary("1msg (Parley): the open requests to join a group that needs approval");
        group.MapPost("/groups/{groupId}/joinRequests", ApproveJoinRequestsAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg (Parley): approve join requests");
        group.MapDelete("/groups/{groupId}/joinRequests", RejectJoinRequestsAsync).ReadsBody().Accepts<object>(BodyTypes[0], BodyTypes[1..])
            .WithSummary("1msg (Parley): reject join requests");
    }

    /// <summary>
    /// <c>groupName</c> (or <c>subject</c>, as 1msg's TypeScript cookbook names it), <c>description</c>, and (Parley's,
    /// as the Cloud API's) <c>joinApprovalMode</c>: <c>auto_approve</c> (the default) or <c>approval_required</c>.
    /// Participants cannot be added by the business: they join through the invite link the answer carries.
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> CreateAsync(CallerChannel caller, JsonObjectBody json, GroupManagers managers, CancellationToken cancellationToken)
    {
        var body = json.Value;
        var name = OneMsgFields.Has(body, "groupName") ? "groupName" : "subject";
        if ((CheckText(body, name) ?? CheckText(body, "description") ?? CheckText(body, "joinApprovalMode")) is { } typeError)
        {
            return new Refusal(typeError);
        }
        if (OneMsgFields.Text(body, name) is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return new Refusal(OneMsgMapper.Missing("groupName"));
        }
        if (OneMsgFields.Has(body, "participants"))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With("Participants cannot be added to a group: they join through its invite link (inviteLink in the answer)."));
        }
        var subject = GroupRules.CheckSubject(text);
        var description = OneMsgFields.Text(body, "description") ?? "";
        var mode = OneMsgFields.Text(body, "joinApprovalMode");
        if ((subject.Error ?? GroupRules.CheckDescription(description) ?? GroupRules.CheckJoinApprovalMode(mode)) is { } error)
        {
            return new Refusal(error);
        }
        var created = await managers.ForChannel(caller.Value)
            .CreateAsync(caller.Value, new GroupDraft(subject.Value!, description, mode ?? JoinApprovalModes.AutoApprove), cancellationToken);
        return created.Succeeded ? TypedResults.Ok(OneMsgGroupViews.Created(created.Value)) : new Refusal(created.Error);
    }

    /// <summary><c>limit</c> (1–1024, default 25), <c>before</c> / <c>after</c> cursors of an earlier page (131059 when not).</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> ListAsync(
        CallerChannel caller, HttpRequest http, string? limit, string? after, string? before, GroupManagers managers, CancellationToken cancellationToken)
    {
        var size = GroupsApi.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > GroupsApi.MaxLimit))
        {
            return new Refusal(OneMsgMapper.Invalid($"The parameter limit must be a whole number from 1 to {GroupsApi.MaxLimit}."));
        }
        var page = await managers.ForChannel(caller.Value).ListAsync(caller.Value, size, NullIfEmpty(after), NullIfEmpty(before), cancellationToken);
        if (!page.Succeeded)
        {
            return new Refusal(page.Error);
        }
        return TypedResults.Ok(new JsonObject
        {
            ["groups"] = new JsonArray([.. page.Value.Groups.Select(g => (JsonNode)OneMsgGroupViews.Listed(g))]),
            ["paging"] = OneMsgGroupViews.Paging(http, page.Value),
        });
    }

    /// <summary><c>fields</c>: a comma list of <see cref="OneMsgGroupViews.Fields"/> (all when absent).</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> GetAsync(
        CallerChannel caller, string groupId, string? fields, GroupManagers managers, CancellationToken cancellationToken)
    {
        var asked = OneMsgGroupViews.CheckFields(fields);
        if (!asked.Succeeded)
        {
            return new Refusal(asked.Error);
        }
        var details = await managers.ForChannel(caller.Value).GetAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), cancellationToken);
        return details.Succeeded ? TypedResults.Ok(OneMsgGroupViews.Details(details.Value, asked.Value)) : new Refusal(details.Error);
    }

    /// <summary>
    /// <c>subject</c>, <c>description</c> (an empty one clears it) and / or <c>profile_picture_file</c> (the picture: a
    /// form-data file, a data URI, an https link, or a media id of the channel; a square JPEG of at least 192 pixels);
    /// <c>{"success":true}</c>.
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> UpdateAsync(
        CallerChannel caller, string groupId, JsonObjectBody json, HttpRequest http, GroupManagers managers, OneMsgFiles files, GroupPictures pictures,
        CancellationToken cancellationToken)
    {
        var body = json.Value;
        var channel = caller.Value;
        if ((CheckText(body, "subject") ?? CheckText(body, "description") ?? CheckText(body, PictureField)) is { } typeError)
        {
            return new Refusal(typeError);
        }
        var subjectText = OneMsgFields.Text(body, "subject");
        var description = OneMsgFields.Text(body, "description");
        var hasPicture = OneMsgFields.Has(body, PictureField) || OneMsgRequest.File(http, PictureField) is not null;
        if (subjectText is null && description is null && !hasPicture)
        {
            return new Refusal(ErrorCatalog.RequiredParameterMissing.With($"The parameter subject, description or {PictureField} is required."));
        }
        string? subject = null;
        if (subjectText is not null)
        {
            var checkedSubject = GroupRules.CheckSubject(subjectText);
            if (!checkedSubject.Succeeded)
            {
                return new Refusal(checkedSubject.Error);
            }
            subject = checkedSubject.Value;
        }
        if (GroupRules.CheckDescription(description) is { } error)
        {
            return new Refusal(error);
        }
        OneMsgGroupPicture? picture = null;
        if (hasPicture)
        {
            var found = await OneMsgGroupPicture.FindAsync(channel.PhoneNumberId, http, body, PictureField, files, pictures, cancellationToken);
            if (!found.Succeeded)
            {
                return new Refusal(found.Error);
            }
            picture = found.Value;
        }
        var change = new GroupSettingsChange(subject, description, picture?.Media.Id, picture is null ? null : GroupPictures.Describe(picture.Media));
        if (await managers.ForChannel(channel).UpdateAsync(channel, OneMsgGroupViews.GroupIdOf(groupId), change, cancellationToken) is { } refused)
        {
            if (picture is { StoredForTheCall: true })
            {
                await files.DeleteAsync(picture.Media, CancellationToken.None);
            }
            return new Refusal(refused);
        }
        return Success();
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> DeleteAsync(CallerChannel caller, string groupId, GroupManagers managers, CancellationToken cancellationToken) =>
        await managers.ForChannel(caller.Value).DeleteAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), cancellationToken) is { } refused
            ? new Refusal(refused)
            : Success();

    /// <summary>
    /// <c>participants</c>: 1–8 phone numbers, chat ids or <c>{"user":"…"}</c> objects. <c>{"success":true}</c> with the
    /// chat ids removed and those that were not participants; 131212 when none of them was one.
    /// </summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> RemoveParticipantsAsync(
        CallerChannel caller, string groupId, JsonObjectBody json, GroupManagers managers, CancellationToken cancellationToken)
    {
        var users = OneMsgGroupViews.Participants(json.Value);
        if (!users.Succeeded)
        {
            return new Refusal(users.Error);
        }
        var removal = await managers.ForChannel(caller.Value).RemoveParticipantsAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), users.Value, cancellationToken);
        if (!removal.Succeeded)
        {
            return new Refusal(removal.Error);
        }
        return TypedResults.Ok(new JsonObject
        {
            ["success"] = true,
            ["removedParticipants"] = ChatIds(removal.Value.Removed),
            ["failedParticipants"] = ChatIds(removal.Value.NotParticipants),
        });
    }

    private static async Task<Results<Ok<JsonObject>, Refusal>> GetInviteLinkAsync(CallerChannel caller, string groupId, GroupManagers managers, CancellationToken cancellationToken) =>
        InviteLink(await managers.ForChannel(caller.Value).GetInviteLinkAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), cancellationToken));

    private static async Task<Results<Ok<JsonObject>, Refusal>> ResetInviteLinkAsync(CallerChannel caller, string groupId, GroupManagers managers, CancellationToken cancellationToken) =>
        InviteLink(await managers.ForChannel(caller.Value).ResetInviteLinkAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), cancellationToken));

    /// <summary><c>{"joinRequests": [{id, chatId, user, userId?, time}]}</c>: the open requests, oldest first.</summary>
    private static async Task<Results<Ok<JsonObject>, Refusal>> ListJoinRequestsAsync(CallerChannel caller, string groupId, GroupManagers managers, CancellationToken cancellationToken)
    {
        var requests = await managers.ForChannel(caller.Value).ListJoinRequestsAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), cancellationToken);
        return requests.Succeeded
            ? TypedResults.Ok(new JsonObject { ["joinRequests"] = new JsonArray([.. requests.Value.Select(r => (JsonNode)OneMsgGroupViews.JoinRequest(r))]) })
            : new Refusal(requests.Error);
    }

    /// <summary><c>joinRequests</c>: the ids to approve; <c>{"approved": [ids], "failed": [{id, error}]}</c>.</summary>
    private static Task<Results<Ok<JsonObject>, Refusal>> ApproveJoinRequestsAsync(
        CallerChannel caller, string groupId, JsonObjectBody json, GroupManagers managers, CancellationToken cancellationToken) =>
        JoinRequestsAsync(json.Value, "approved", ids => managers.ForChannel(caller.Value).ApproveJoinRequestsAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), ids, cancellationToken));

    /// <summary><c>joinRequests</c>: the ids to reject; <c>{"rejected": [ids], "failed": [{id, error}]}</c>.</summary>
    private static Task<Results<Ok<JsonObject>, Refusal>> RejectJoinRequestsAsync(
        CallerChannel caller, string groupId, JsonObjectBody json, GroupManagers managers, CancellationToken cancellationToken) =>
        JoinRequestsAsync(json.Value, "rejected", ids => managers.ForChannel(caller.Value).RejectJoinRequestsAsync(caller.Value, OneMsgGroupViews.GroupIdOf(groupId), ids, cancellationToken));

    private static async Task<Results<Ok<JsonObject>, Refusal>> JoinRequestsAsync(
        JsonObject body, string done, Func<IReadOnlyList<string>, Task<Outcome<JoinRequestsResult>>> act)
    {
        var ids = OneMsgGroupViews.JoinRequestIds(body);
        if (!ids.Succeeded)
        {
            return new Refusal(ids.Error);
        }
        var result = await act(ids.Value);
        if (!result.Succeeded)
        {
            return new Refusal(result.Error);
        }
        return TypedResults.Ok(new JsonObject
        {
            [done] = new JsonArray([.. result.Value.Done.Select(id => (JsonNode)id)]),
            ["failed"] = new JsonArray([.. result.Value.Failed.Select(f => (JsonNode)new JsonObject { ["id"] = f.JoinRequestId, ["error"] = f.Error.Message })]),
        });
    }

    private static Results<Ok<JsonObject>, Refusal> InviteLink(Outcome<string> link) =>
        link.Succeeded ? TypedResults.Ok(new JsonObject { ["inviteLink"] = link.Value }) : new Refusal(link.Error);

    private static Ok<JsonObject> Success() => TypedResults.Ok(new JsonObject { ["success"] = true });

    private static JsonArray ChatIds(IReadOnlyList<string> users) => new([.. users.Select(u => (JsonNode)OneMsgRecipient.ChatId(u))]);

    /// <summary>An error when the field is present but not text (a number counts as its digits).</summary>
    private static WhatsAppError? CheckText(JsonObject body, string name) =>
        OneMsgFields.Has(body, name) && OneMsgFields.Text(body, name) is null ? OneMsgMapper.Invalid($"The parameter {name} must be a string.") : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
