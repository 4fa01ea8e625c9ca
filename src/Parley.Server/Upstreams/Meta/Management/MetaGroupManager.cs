using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Groups;
using Parley.Core.Model;
using Parley.Server.Groups;
using Parley.Server.Media;
using Parley.Storage;

namespace Parley.Server.Upstreams.Meta.Management;

/// <summary>Claims the groups of every <c>meta</c> channel: they live at Meta.</summary>
internal sealed class MetaGroupManagers(MetaGraphClient graph, MetaGroupMirror mirror, MediaLibrary library, TimeProvider time) : IRemoteGroupManagers
{
    public IGroupManager? ForChannel(Channel channel) =>
        MetaSettings.Of(channel) is { } settings
            ? new MetaGroupManager(settings, graph, mirror, library, time)
            : null;
}

/// <summary>
/// A meta channel's groups at Meta (Meta, "Group management"): every call is made at Meta, under Meta's phone number id,
/// and Meta's refusal is answered as Meta gave it. Parley keeps a mirror of the groups (<see cref="IGroupStore"/>, under
/// Meta's group ids; <see cref="MetaGroupMirror"/>) for what reads them locally: the send check, history and the 1msg views. What Meta does
/// asynchronously (create, delete, settings, removals, approvals) reaches the mirror with Meta's webhooks
/// (<see cref="MetaGroupSync"/>), which also tell the channel's subscribers; what Meta answers at once (lists, a group's
/// details, invite links, rejected join requests) is mirrored when it is answered, without webhooks, as at Meta.
/// </summary>
internal sealed class MetaGroupManager(MetaSettings settings, MetaGraphClient graph, MetaGroupMirror mirror, MediaLibrary library, TimeProvider time)
    : IGroupManager
{
    /// <summary>What <c>GET /{group-id}</c> asks Meta for: every field of a group (Meta answers only the fields asked for).</summary>
    private const string GroupFields = "subject,description,join_approval_mode,suspended,creation_timestamp,participants,total_participant_count";

    /// <summary>At most this many pages of join requests are read per call.</summary>
    private const int MaxJoinRequestPages = 10;

    public async Task<Outcome<GroupCreated>> CreateAsync(Channel channel, GroupDraft draft, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["subject"] = draft.Subject, ["join_approval_mode"] = draft.JoinApprovalMode };
        if (draft.Description.Length > 0)
        {
            body["description"] = draft.Description;
        }
        var answer = await graph.PostJsonAsync(settings, $"{settings.PhoneNumberId}/groups", body.ToJsonString(), cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        // Only the request id: the group (id, invite link) is known when Meta's group_create webhook arrives.
        return MetaGroupJson.Text(answer.Value, "request_id") is { Length: > 0 } requestId
            ? new GroupCreated(requestId, null)
            : ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta took the group without answering its request id.");
    }

    public async Task<Outcome<GroupPage>> ListAsync(Channel channel, int limit, string? after, string? before, CancellationToken cancellationToken)
    {
        var query = $"limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)) + (before is null ? "" : "&before=" + Uri.EscapeDataString(before));
        var answer = await graph.GetAsync(settings, $"{settings.PhoneNumberId}/groups?{query}", cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error;
        }
        var now = time.GetUtcNow();
        var groups = new List<Group>();
        foreach (var item in MetaGroupJson.Objects(answer.Value["data"], "groups"))
        {
            if (MetaGroupJson.Text(item, "id") is { Length: > 0 } id)
            {
                var createdAt = MetaGroupJson.Time(item, "created_at", now);
                groups.Add(await mirror.ListedAsync(channel, id, MetaGroupJson.Text(item, "subject") ?? "", createdAt, cancellationToken));
            }
        }
        var paging = answer.Value["paging"];
        var hasAfter = paging?["next"] is not null;
        var hasBefore = paging?["previous"] is not null;
        if (after is null && before is null && !hasAfter && answer.Value["data"]?["groups"] is JsonArray)
        {
            // The whole list: the mirror's groups Meta no longer lists were deleted at Meta.
            await mirror.ForgetUnlistedAsync(channel, groups, cancellationToken);
        }
        return groups.Count == 0
            ? new GroupPage(groups, null, null, false, false)
            : new GroupPage(groups, MetaGroupJson.Text(paging?["cursors"], "before") ?? "", MetaGroupJson.Text(paging?["cursors"], "after") ?? "", hasBefore, hasAfter);
    }

    public async Task<Outcome<GroupDetails>> GetAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var answer = await graph.GetAsync(settings, $"{Escape(groupId)}?fields={GroupFields}", cancellationToken);
        if (!answer.Succeeded)
        {
            return await FailedAsync(groupId, answer.Error, cancellationToken);
        }
        var now = time.GetUtcNow();
        var mirrored = await mirror.GetAsync(groupId, cancellationToken);
        var group = new Group(
            groupId, channel.PhoneNumberId, MetaGroupJson.Text(answer.Value, "subject") ?? mirrored?.Subject ?? "",
            MetaGroupJson.Text(answer.Value, "description") ?? "", MetaGroupJson.JoinApprovalMode(answer.Value), mirrored?.InviteCode,
            mirrored?.PictureMediaId, GroupStates.Active, MetaGroupJson.Flag(answer.Value, "suspended"),
            MetaGroupJson.Time(answer.Value, "creation_timestamp", mirrored?.CreatedAt ?? now), now);
        var participants = new List<GroupParticipant>();
        foreach (var item in MetaGroupJson.Objects(answer.Value, "participants"))
        {
            if (MetaGroupJson.IdentityOf(item) is { } identity)
            {
                participants.Add(new GroupParticipant(groupId, identity, MetaGroupJson.Text(item, "user_id"), now));
            }
        }
        return new GroupDetails(group, await mirror.DetailsAsync(group, mirrored, participants, cancellationToken));
    }

    public async Task<WhatsAppError?> UpdateAsync(Channel channel, string groupId, GroupSettingsChange change, CancellationToken cancellationToken)
    {
        if (change.Subject is not null || change.Description is not null)
        {
            var body = new JsonObject { ["messaging_product"] = "whatsapp" };
            if (change.Subject is not null)
            {
                body["subject"] = change.Subject;
            }
            if (change.Description is not null)
            {
                body["description"] = change.Description;
            }
            var answer = await graph.PostJsonAsync(settings, Escape(groupId), body.ToJsonString(), cancellationToken);
            if (!answer.Succeeded)
            {
                return await FailedAsync(groupId, answer.Error, cancellationToken);
            }
        }
        if (change.PictureMediaId is { } pictureId)
        {
            if (await UploadPictureAsync(channel, groupId, pictureId, cancellationToken) is { } error)
            {
                return error;
            }
            // Only Parley knows which of its media the picture is; the rest of the change arrives with Meta's webhook.
            await mirror.ChangeAsync(groupId, g => g with { PictureMediaId = pictureId }, cancellationToken);
        }
        return null;
    }

    public async Task<WhatsAppError?> DeleteAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var answer = await graph.SendAsync(settings, HttpMethod.Delete, Escape(groupId), null, cancellationToken);
        return answer.Succeeded ? null : await FailedAsync(groupId, answer.Error, cancellationToken);
    }

    public Task<Outcome<string>> GetInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken) =>
        InviteLinkAsync(HttpMethod.Get, groupId, cancellationToken);

    public Task<Outcome<string>> ResetInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken) =>
        InviteLinkAsync(HttpMethod.Post, groupId, cancellationToken);

    public async Task<WhatsAppError?> DeleteInviteLinkAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var answer = await graph.SendAsync(settings, HttpMethod.Delete, $"{Escape(groupId)}/invite_link", Json(new JsonObject { ["messaging_product"] = "whatsapp" }), cancellationToken);
        if (!answer.Succeeded)
        {
            return await FailedAsync(groupId, answer.Error, cancellationToken);
        }
        await mirror.ChangeAsync(groupId, g => g with { InviteCode = null }, cancellationToken);
        return null;
    }

    public async Task<Outcome<IReadOnlyList<GroupJoinRequest>>> ListJoinRequestsAsync(Channel channel, string groupId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var requests = new List<GroupJoinRequest>();
        string? after = null;
        var complete = false;
        for (var page = 0; page < MaxJoinRequestPages && !complete; page++)
        {
            var cursor = after is null ? "" : "?after=" + Uri.EscapeDataString(after);
            var answer = await graph.GetAsync(settings, $"{Escape(groupId)}/join_requests{cursor}", cancellationToken);
            if (!answer.Succeeded)
            {
                return await FailedAsync(groupId, answer.Error, cancellationToken);
            }
            foreach (var item in MetaGroupJson.Objects(answer.Value, "data"))
            {
                if (MetaGroupJson.Text(item, "join_request_id") is { Length: > 0 } id && MetaGroupJson.IdentityOf(item) is { } identity)
                {
                    requests.Add(new GroupJoinRequest(id, groupId, identity, MetaGroupJson.Text(item, "user_id"), JoinRequestStates.Open,
                        MetaGroupJson.Time(item, "creation_timestamp", now), null));
                }
            }
            after = answer.Value["paging"]?["next"] is not null ? MetaGroupJson.Text(answer.Value["paging"]?["cursors"], "after") : null;
            complete = after is null;
        }
        await mirror.JoinRequestsAsync(groupId, requests, complete, cancellationToken);
        return Outcome<IReadOnlyList<GroupJoinRequest>>.Success(requests);
    }

    public async Task<Outcome<JoinRequestsResult>> ApproveJoinRequestsAsync(Channel channel, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        // The approved users join with Meta's group_participants_add webhook, which closes their requests in the mirror.
        var answer = await JoinRequestsAsync(HttpMethod.Post, groupId, ids, cancellationToken);
        if (!answer.Succeeded)
        {
            return await FailedAsync(groupId, answer.Error, cancellationToken);
        }
        return JoinRequestsResultOf(answer.Value, "approved_join_requests");
    }

    public async Task<Outcome<JoinRequestsResult>> RejectJoinRequestsAsync(Channel channel, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var answer = await JoinRequestsAsync(HttpMethod.Delete, groupId, ids, cancellationToken);
        if (!answer.Succeeded)
        {
            return await FailedAsync(groupId, answer.Error, cancellationToken);
        }
        var result = JoinRequestsResultOf(answer.Value, "rejected_join_requests");
        // Meta sends no webhook for a rejection: the mirror closes the requests now, without one either.
        await mirror.RejectedAsync(groupId, result.Done, cancellationToken);
        return result;
    }

    public async Task<Outcome<ParticipantsRemoval>> RemoveParticipantsAsync(Channel channel, string groupId, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["participants"] = new JsonArray([.. users.Select(u => (JsonNode)new JsonObject { ["user"] = u })]),
        };
        var answer = await graph.SendAsync(settings, HttpMethod.Delete, $"{Escape(groupId)}/participants", Json(body), cancellationToken);
        if (!answer.Succeeded)
        {
            return await FailedAsync(groupId, answer.Error, cancellationToken);
        }
        // Meta answers at once only that it took the request; who was removed (and who was not a participant) arrives
        // in its group_participants_remove webhook, which removes them from the mirror.
        return new ParticipantsRemoval([.. users.Select(u => LocalGroupManager.IdentityOf(u) ?? u)], []);
    }

    private async Task<Outcome<string>> InviteLinkAsync(HttpMethod method, string groupId, CancellationToken cancellationToken)
    {
        var content = method == HttpMethod.Post ? Json(new JsonObject { ["messaging_product"] = "whatsapp" }) : null;
        var answer = await graph.SendAsync(settings, method, $"{Escape(groupId)}/invite_link", content, cancellationToken);
        if (!answer.Succeeded)
        {
            return await FailedAsync(groupId, answer.Error, cancellationToken);
        }
        if (MetaGroupJson.Text(answer.Value, "invite_link") is not { } link || GroupIds.InviteCodeOf(link) is not { } code)
        {
            return ErrorCatalog.ServiceTemporarilyUnavailable.With("Meta answered the invite link call without an invite link.");
        }
        await mirror.ChangeAsync(groupId, g => g.InviteCode == code ? null : g with { InviteCode = code }, cancellationToken);
        return link;
    }

    private Task<Outcome<JsonNode>> JoinRequestsAsync(HttpMethod method, string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["join_requests"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) };
        return graph.SendAsync(settings, method, $"{Escape(groupId)}/join_requests", Json(body), cancellationToken);
    }

    private static JoinRequestsResult JoinRequestsResultOf(JsonNode answer, string doneName)
    {
        var done = answer[doneName] is JsonArray items ? items.Select(i => i is JsonValue v ? v.ToString() : null).OfType<string>().ToList() : [];
        var failed = MetaGroupJson.Objects(answer, "failed_join_requests")
            .Where(f => MetaGroupJson.Text(f, "join_request_id") is not null)
            .Select(f => new FailedJoinRequest(MetaGroupJson.Text(f, "join_request_id")!,
                MetaGroupJson.Objects(f, "errors").FirstOrDefault() is { } error
                    ? MetaGroupJson.ErrorOf(error)
                    : ErrorCatalog.JoinRequestNotFound.With("Group join request does not exist.")))
            .ToList();
        return new JoinRequestsResult(done, failed);
    }

    /// <summary>The group picture (a media of the channel's, a JPEG) uploaded to Meta as the multipart call Meta documents.</summary>
    private async Task<WhatsAppError?> UploadPictureAsync(Channel channel, string groupId, string mediaId, CancellationToken cancellationToken)
    {
        var record = await library.GetLiveAsync(mediaId, cancellationToken);
        if (record is null || record.ChannelId != channel.PhoneNumberId || library.Open(record) is not { } bytes)
        {
            return ErrorCatalog.InvalidParameter.With($"The group picture {mediaId} is not a media of this phone number.");
        }
        await using (bytes)
        {
            using var file = new StreamContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(record.MimeType);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("whatsapp"), "messaging_product" },
                { file, "file", record.FileName ?? "picture.jpg" },
            };
            var answer = await graph.SendAsync(settings, HttpMethod.Post, Escape(groupId), form, cancellationToken);
            return answer.Succeeded ? null : await FailedAsync(groupId, answer.Error, cancellationToken);
        }
    }

    /// <summary>Meta's error, as it is; a group Meta does not know (131041) is no longer active in the mirror either.</summary>
    private async Task<WhatsAppError> FailedAsync(string groupId, WhatsAppError error, CancellationToken cancellationToken)
    {
        if (error.Code == ErrorCatalog.GroupUnknown.Code)
        {
            await mirror.ChangeAsync(groupId, g => g with { State = GroupStates.Deleted }, cancellationToken);
        }
        return error;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static string Escape(string groupId) => Uri.EscapeDataString(groupId);
}
