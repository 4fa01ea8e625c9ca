using System.Text.Json.Serialization;

namespace Parley.Server.Dialects.CloudApi;

/// <summary><c>{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id"}]}</c>.</summary>
internal sealed record SendMessageResponse(string MessagingProduct, IReadOnlyList<SendMessageContact> Contacts, IReadOnlyList<SendMessageId> Messages);

internal sealed record SendMessageContact(string Input, string WaId);

/// <summary>
/// A sent message's id; <c>group_id</c> appears only for group sends (digest §1.3), <c>message_status</c> only from
/// v24.0 (<see cref="Parley.Core.Versions.GraphVersions.HasSendMessageStatus"/>).
/// </summary>
internal sealed record SendMessageId(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GroupId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageStatus = null);

/// <summary><c>{"success": true}</c>.</summary>
internal sealed record SuccessResponse(bool Success);
