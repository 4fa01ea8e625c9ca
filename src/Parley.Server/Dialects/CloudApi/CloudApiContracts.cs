using System.Text.Json.Serialization;

namespace Parley.Server.Dialects.CloudApi;

/// <summary><c>{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id"}]}</c>.</summary>
internal sealed record SendMessageResponse(string MessagingProduct, IReadOnlyList<SendMessageContact> Contacts, IReadOnlyList<SendMessageId> Messages);

/// <summary>
/// A send's <c>contacts[]</c> item: <c>input</c> as sent, and <c>wa_id</c> for a send by phone number or <c>user_id</c>
/// for a send by BSUID (Meta, "Business-scoped user IDs").
/// </summary>
internal sealed record SendMessageContact(
    string Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WaId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null)
{
    public static SendMessageContact For(string input, string to) =>
        Parley.Core.Users.Bsuid.IsValid(to) ? new(input, null, to) : new(input, to);
}

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
