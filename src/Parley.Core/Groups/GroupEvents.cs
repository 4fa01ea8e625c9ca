using System.Text.Json;
using Parley.Core.Model;

namespace Parley.Core.Groups;

/// <summary>
/// A participant as a group webhook names them: <c>input</c> (what the business sent, on removals and approvals),
/// <c>wa_id</c> (the phone number, when known) and <c>user_id</c> (the BSUID, when known).
/// </summary>
public sealed record GroupEventParticipant(string? Input, string? WaId, string? UserId = null, WebhookError? Error = null);

/// <summary>
/// The canonical group events: one Cloud API <c>groups[]</c> item each (Meta, "Webhooks for Groups API"), in the
/// <c>value {messaging_product, metadata, groups[]}</c> of the fields <c>group_lifecycle_update</c>,
/// <c>group_participants_update</c>, <c>group_settings_update</c> and <c>group_status_update</c>. Every dialect's
/// webhook format maps these; the outbox stores them as they are.
/// </summary>
public static class GroupEvents
{
    public const string Create = "group_create";
    public const string Delete = "group_delete";
    public const string ParticipantsAdd = "group_participants_add";
    public const string ParticipantsRemove = "group_participants_remove";
    public const string JoinRequestCreated = "group_join_request_created";
    public const string JoinRequestRevoked = "group_join_request_revoked";
    public const string SettingsUpdate = "group_settings_update";
    public const string Suspend = "group_suspend";
    public const string SuspendCleared = "group_suspend_cleared";

    /// <summary>Who removed participants: the business (<c>DELETE /{group-id}/participants</c>) or a participant who left.</summary>
    public const string ByBusiness = "business";
    public const string ByParticipant = "participant";

    /// <summary><c>group_create</c>: the group exists; it carries the invite link and the request id of the create call.</summary>
    public static string Created(Group group, string requestId) => Item(group.Id, Create, group.CreatedAt, requestId, w =>
    {
        w.WriteString("subject", group.Subject);
        if (group.Description.Length > 0)
        {
            w.WriteString("description", group.Description);
        }
        if (group.InviteLink is { } link)
        {
            w.WriteString("invite_link", link);
        }
        w.WriteString("join_approval_mode", group.JoinApprovalMode);
    });

    /// <summary><c>group_delete</c>: the business deleted the group (and so left it).</summary>
    public static string Deleted(string groupId, string requestId, DateTimeOffset at) => Item(groupId, Delete, at, requestId, _ => { });

    /// <summary><c>group_participants_add</c>: users joined through the invite link, directly or by an approved join request.</summary>
    public static string ParticipantsAdded(string groupId, DateTimeOffset at, IReadOnlyList<GroupEventParticipant> added) =>
        Item(groupId, ParticipantsAdd, at, null, w =>
        {
            w.WriteString("reason", "invite_link");
            WriteParticipants(w, "added_participants", added);
        });

    /// <summary>
    /// <c>group_participants_remove</c>: the business removed participants (with its request id, and those it could not
    /// remove as <c>failed_participants</c> with the top-level partial-success error), or a participant left.
    /// </summary>
    public static string ParticipantsRemoved(
        string groupId, DateTimeOffset at, string? requestId, string initiatedBy, IReadOnlyList<GroupEventParticipant> removed,
        IReadOnlyList<GroupEventParticipant>? failed = null, WebhookError? error = null) =>
        Item(groupId, ParticipantsRemove, at, requestId, w =>
        {
            if (removed.Count > 0)
            {
                WriteParticipants(w, "removed_participants", removed);
            }
            if (failed is { Count: > 0 })
            {
                WriteParticipants(w, "failed_participants", failed);
            }
            if (error is not null)
            {
                w.WriteStartArray("errors");
                CanonicalEvents.WriteError(w, error);
                w.WriteEndArray();
            }
            w.WriteString("initiated_by", initiatedBy);
        });

    /// <summary><c>group_join_request_created</c> or <c>group_join_request_revoked</c>: a user asked to join, or took the request back.</summary>
    public static string JoinRequest(GroupJoinRequest request, string type, DateTimeOffset at) => Item(request.GroupId, type, at, null, w =>
    {
        w.WriteString("join_request_id", request.Id);
        if (!Users.Bsuid.IsValid(request.WaId))
        {
            w.WriteString("wa_id", request.WaId);
        }
        var userId = request.UserId ?? (Users.Bsuid.IsValid(request.WaId) ? request.WaId : null);
        if (userId is not null)
        {
            w.WriteString("user_id", userId);
        }
    });

    /// <summary>
    /// <c>group_settings_update</c>: each setting the request changed, as <c>{text, update_successful}</c> (the picture as
    /// <c>{mime_type, sha256, update_successful}</c>).
    /// </summary>
    public static string SettingsUpdated(string groupId, DateTimeOffset at, string requestId, string? subject, string? description, GroupPicture? picture) =>
        Item(groupId, SettingsUpdate, at, requestId, w =>
        {
            if (picture is not null)
            {
                w.WriteStartObject("profile_picture");
                w.WriteString("mime_type", picture.MimeType);
                w.WriteBoolean("update_successful", true);
                w.WriteString("sha256", picture.Sha256);
                w.WriteEndObject();
            }
            WriteSetting(w, "group_subject", subject);
            WriteSetting(w, "group_description", description);
        });

    /// <summary><c>group_suspend</c> or <c>group_suspend_cleared</c>.</summary>
    public static string StatusChanged(string groupId, bool suspended, DateTimeOffset at) =>
        Item(groupId, suspended ? Suspend : SuspendCleared, at, null, _ => { });

    private static void WriteSetting(Utf8JsonWriter w, string name, string? text)
    {
        if (text is null)
        {
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteBoolean("update_successful", true);
        w.WriteEndObject();
    }

    private static void WriteParticipants(Utf8JsonWriter w, string name, IReadOnlyList<GroupEventParticipant> participants)
    {
        w.WriteStartArray(name);
        foreach (var p in participants)
        {
            w.WriteStartObject();
            if (p.Input is not null)
            {
                w.WriteString("input", p.Input);
            }
            if (p.WaId is not null)
            {
                w.WriteString("wa_id", p.WaId);
            }
            if (p.UserId is not null)
            {
                w.WriteString("user_id", p.UserId);
            }
            if (p.Error is not null)
            {
                w.WriteStartArray("errors");
                CanonicalEvents.WriteError(w, p.Error);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Item(string groupId, string type, DateTimeOffset at, string? requestId, Action<Utf8JsonWriter> body) =>
        CanonicalEvents.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("timestamp", CanonicalEvents.UnixSeconds(at));
            w.WriteString("group_id", groupId);
            w.WriteString("type", type);
            if (requestId is not null)
            {
                w.WriteString("request_id", requestId);
            }
            body(w);
            w.WriteEndObject();
        });
}

/// <summary>A group picture as the settings webhook names it.</summary>
public sealed record GroupPicture(string MimeType, string Sha256);
