using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Users;
using Parley.Server.BusinessPhones;
using Parley.Server.Dialects.CloudApi;
using Parley.Server.Edges;

namespace Parley.Server.Groups;

/// <summary>
/// Who is in a group (Meta, "Group management"): <c>/{group-id}/invite_link</c> (get, reset, delete),
/// <c>/{group-id}/join_requests</c> (list, approve, reject) and <c>/{group-id}/participants</c> (remove; adding is not
/// something WhatsApp offers: groups are invite-only). The Graph edge resolves the group id to its owner and
/// authorizes the token for it; the channel's group manager answers.
/// </summary>
internal static class GroupMembershipApi
{
    public const int DefaultJoinRequestLimit = 25;
    public const int MaxJoinRequestLimit = 1024;

    public static IEndpointRouteBuilder MapGroupMembershipApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version}/{groupId}").WithTags("Groups")
            .WithEdge<GraphEdge>(CallerScope.GraphObject("groupId")).CountsAsManagement("groupId");
        group.MapGet("/invite_link", GetInviteLinkAsync).WithName("GetGroupInviteLink").WithSummary("A group's invite link");
        group.MapPost("/invite_link", ResetInviteLinkAsync).ReadsBody(optional: true).WithName("ResetGroupInviteLink")
            .WithSummary("Make a new invite link (every earlier link stops working)");
        group.MapDelete("/invite_link", DeleteInviteLinkAsync).ReadsBody(optional: true).WithName("DeleteGroupInviteLink")
            .WithSummary("Delete the invite link (nobody joins through a link until a new one is made)");
        group.MapGet("/join_requests", ListJoinRequestsAsync).WithName("ListGroupJoinRequests").WithSummary("A group's open join requests");
        group.MapPost("/join_requests", ApproveJoinRequestsAsync).ReadsBody().WithName("ApproveGroupJoinRequests").WithSummary("Approve join requests");
        group.MapDelete("/join_requests", RejectJoinRequestsAsync).ReadsBody().WithName("RejectGroupJoinRequests").WithSummary("Reject join requests");
        group.MapDelete("/participants", RemoveParticipantsAsync).ReadsBody().WithName("RemoveGroupParticipants").WithSummary("Remove participants from a group");
        group.MapPost("/participants", AddParticipants).WithName("AddGroupParticipants")
            .WithSummary("Not supported: WhatsApp groups are invite-only (send the invite link instead)");
        return app;
    }

    private static async Task<Results<GraphJsonResult, Refusal>> GetInviteLinkAsync(GraphObject target, CallerChannel caller, GroupManagers managers, CancellationToken cancellationToken)
    {
        if (NotAGroup(target, "get") is { } refusal)
        {
            return refusal;
        }
        var link = await managers.ForChannel(caller.Value).GetInviteLinkAsync(caller.Value, target.Id, cancellationToken);
        return link.Succeeded ? InviteLink(link.Value) : new Refusal(link.Error);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ResetInviteLinkAsync(
        GraphObject target, CallerChannel caller, JsonObjectBody body, GroupManagers managers, CancellationToken cancellationToken)
    {
        if ((NotAGroup(target, "post") ?? OptionalMessagingProduct(body.Value)) is { } refusal)
        {
            return refusal;
        }
        var link = await managers.ForChannel(caller.Value).ResetInviteLinkAsync(caller.Value, target.Id, cancellationToken);
        return link.Succeeded ? InviteLink(link.Value) : new Refusal(link.Error);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> DeleteInviteLinkAsync(
        GraphObject target, CallerChannel caller, JsonObjectBody body, GroupManagers managers, CancellationToken cancellationToken)
    {
        if ((NotAGroup(target, "delete") ?? OptionalMessagingProduct(body.Value)) is { } refusal)
        {
            return refusal;
        }
        return await managers.ForChannel(caller.Value).DeleteInviteLinkAsync(caller.Value, target.Id, cancellationToken) is { } error
            ? new Refusal(error)
            : new GraphJsonResult(new JsonObject { ["messaging_product"] = "whatsapp", ["success"] = true });
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ListJoinRequestsAsync(
        GraphObject target, CallerChannel caller, HttpRequest http, GroupManagers managers, string? limit, string? after, string? before,
        CancellationToken cancellationToken)
    {
        if (NotAGroup(target, "get") is { } refusal)
        {
            return refusal;
        }
        var size = DefaultJoinRequestLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxJoinRequestLimit))
        {
            return new Refusal(ErrorCatalog.InvalidParameter.With($"Param limit must be an integer between 1 and {MaxJoinRequestLimit}."));
        }
        var listed = await managers.ForChannel(caller.Value).ListJoinRequestsAsync(caller.Value, target.Id, cancellationToken);
        if (!listed.Succeeded)
        {
            return new Refusal(listed.Error);
        }
        var all = listed.Value;
        // Cursors name a request; the page starts after (or ends before) it. An unknown one is Meta's 131059.
        int start = 0, end;
        if (after is not null || before is not null)
        {
            var at = IndexOf(all, after ?? before!);
            if (at < 0)
            {
                return new Refusal(ErrorCatalog.InvalidCursor.With("The cursor has either expired or become corrupted. Start pagination from the beginning again."));
            }
            start = after is not null ? at + 1 : Math.Max(0, at - size);
            end = after is not null ? Math.Min(all.Count, start + size) : at;
        }
        else
        {
            end = Math.Min(all.Count, size);
        }
        var page = all.Skip(start).Take(end - start).ToList();
        var body = new JsonObject { ["data"] = new JsonArray([.. page.Select(r => (JsonNode)JoinRequest(r))]) };
        if (page.Count > 0)
        {
            body["paging"] = GraphPaging.Of(http, Cursor(page[0].Id), Cursor(page[^1].Id), start > 0, end < all.Count);
        }
        return new GraphJsonResult(body);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> ApproveJoinRequestsAsync(
        GraphObject target, CallerChannel caller, JsonObjectBody body, GroupManagers managers, CancellationToken cancellationToken)
    {
        var ids = JoinRequestIds(body.Value);
        if ((NotAGroup(target, "post") ?? Refused(ids.Error)) is { } refusal)
        {
            return refusal;
        }
        var done = await managers.ForChannel(caller.Value).ApproveJoinRequestsAsync(caller.Value, target.Id, ids.Ids!, cancellationToken);
        return done.Succeeded ? JoinRequestsAnswer("approved_join_requests", done.Value) : new Refusal(done.Error);
    }

    private static async Task<Results<GraphJsonResult, Refusal>> RejectJoinRequestsAsync(
        GraphObject target, CallerChannel caller, JsonObjectBody body, GroupManagers managers, CancellationToken cancellationToken)
    {
        var ids = JoinRequestIds(body.Value);
        if ((NotAGroup(target, "delete") ?? Refused(ids.Error)) is { } refusal)
        {
            return refusal;
        }
        var done = await managers.ForChannel(caller.Value).RejectJoinRequestsAsync(caller.Value, target.Id, ids.Ids!, cancellationToken);
        return done.Succeeded ? JoinRequestsAnswer("rejected_join_requests", done.Value) : new Refusal(done.Error);
    }

    private static async Task<Results<Ok<SuccessResponse>, Refusal>> RemoveParticipantsAsync(
        GraphObject target, CallerChannel caller, JsonObjectBody body, GroupManagers managers, CancellationToken cancellationToken)
    {
        var users = Users(body.Value);
        if ((NotAGroup(target, "delete") ?? Refused(users.Error)) is { } refusal)
        {
            return refusal;
        }
        var removed = await managers.ForChannel(caller.Value).RemoveParticipantsAsync(caller.Value, target.Id, users.Users!, cancellationToken);
        return removed.Succeeded ? TypedResults.Ok(new SuccessResponse(true)) : new Refusal(removed.Error);
    }

    /// <summary>
    /// Meta's API lists no way to add participants ("you cannot manually add participants to the group, simply send a
    /// message with your invite link"): refused, with where to go instead.
    /// </summary>
    private static Refusal AddParticipants(GraphObject target) =>
        NotAGroup(target, "post") ?? new Refusal(ErrorCatalog.UnsupportedRequest.With(
            "Adding participants is not supported: WhatsApp groups are invite-only. Send the group's invite link (GET /{group-id}/invite_link) to the users instead."));

    /// <summary>Graph's unknown-object error when the id on a group path is some other object (a phone number, a template…).</summary>
    private static Refusal? NotAGroup(GraphObject target, string method) =>
        target.Kind == GraphObjectKind.Group ? null : new Refusal(ErrorCatalog.UnknownObject(target.Id, method));

    private static Refusal? Refused(WhatsAppError? error) => error is null ? null : new Refusal(error);

    /// <summary>A body that may be left out; when it names <c>messaging_product</c>, it must be <c>whatsapp</c>.</summary>
    private static Refusal? OptionalMessagingProduct(JsonObject body) =>
        body["messaging_product"] is null ? null : Refused(PhoneNumberRequest.CheckMessagingProduct(body));

    private static GraphJsonResult InviteLink(string link) => new(new JsonObject { ["messaging_product"] = "whatsapp", ["invite_link"] = link });

    /// <summary><c>join_requests</c>: a non-empty array of join request ids.</summary>
    private static (IReadOnlyList<string>? Ids, WhatsAppError? Error) JoinRequestIds(JsonObject body)
    {
        if (PhoneNumberRequest.CheckMessagingProduct(body) is { } productError)
        {
            return (null, productError);
        }
        if (body["join_requests"] is null)
        {
            return (null, ErrorCatalog.RequiredParameterMissing.With("The parameter join_requests is required."));
        }
        if (body["join_requests"] is not JsonArray array || array.Count == 0
            || array.Any(item => item is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length == 0))
        {
            return (null, ErrorCatalog.InvalidParameter.With("Param join_requests must be a non-empty array of join request ids (strings)."));
        }
        return ([.. array.Select(item => item!.GetValue<string>())], null);
    }

    /// <summary><c>participants</c>: an array of <c>{"user": phone number or BSUID}</c> (its count is the manager's rule).</summary>
    private static (IReadOnlyList<string>? Users, WhatsAppError? Error) Users(JsonObject body)
    {
        if (PhoneNumberRequest.CheckMessagingProduct(body) is { } productError)
        {
            return (null, productError);
        }
        if (body["participants"] is null)
        {
            return (null, ErrorCatalog.RequiredParameterMissing.With("The parameter participants is required."));
        }
        if (body["participants"] is not JsonArray array)
        {
            return (null, ErrorCatalog.InvalidParameter.With("Param participants must be an array of objects with a user."));
        }
        var users = new List<string>();
        foreach (var item in array)
        {
            if (PhoneNumberRequest.String(item as JsonObject, "user") is not { Length: > 0 } user)
            {
                return (null, ErrorCatalog.InvalidParameter.With($"Param participants[{users.Count}].user must be a phone number or a business-scoped user ID (a string)."));
            }
            users.Add(user);
        }
        return (users, null);
    }

    /// <summary>The requests done, and (only when some failed) the failed ones with why, as Meta answers them.</summary>
    private static GraphJsonResult JoinRequestsAnswer(string doneName, JoinRequestsResult result)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            [doneName] = new JsonArray([.. result.Done.Select(id => (JsonNode)JsonValue.Create(id))]),
        };
        if (result.Failed.Count > 0)
        {
            body["failed_join_requests"] = new JsonArray([.. result.Failed.Select(f => (JsonNode)new JsonObject
            {
                ["join_request_id"] = f.JoinRequestId,
                ["errors"] = new JsonArray(ErrorItem(f.Error)),
            })]);
        }
        return new GraphJsonResult(body);
    }

    private static JsonObject ErrorItem(WhatsAppError error) => new()
    {
        ["code"] = error.Code,
        ["message"] = error.Message,
        ["title"] = error.Title,
        ["error_data"] = new JsonObject { ["details"] = error.Details },
    };

    private static JsonObject JoinRequest(GroupJoinRequest request)
    {
        var json = new JsonObject { ["join_request_id"] = request.Id };
        if (!Bsuid.IsValid(request.WaId))
        {
            json["wa_id"] = request.WaId;
        }
        if ((request.UserId ?? (Bsuid.IsValid(request.WaId) ? request.WaId : null)) is { } userId)
        {
            json["user_id"] = userId;
        }
        json["creation_timestamp"] = request.CreatedAt.ToUnixTimeSeconds();
        return json;
    }

    private static string Cursor(string joinRequestId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(joinRequestId));

    /// <summary>Where the request a cursor names is in the list; -1 when the cursor is not one or its request is gone.</summary>
    private static int IndexOf(IReadOnlyList<GroupJoinRequest> requests, string cursor)
    {
        var bytes = new byte[cursor.Length];
        if (!Convert.TryFromBase64String(cursor, bytes, out var written))
        {
            return -1;
        }
        var id = Encoding.UTF8.GetString(bytes, 0, written);
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }
}
