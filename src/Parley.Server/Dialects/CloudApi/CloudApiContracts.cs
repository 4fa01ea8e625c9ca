namespace Parley.Server.Dialects.CloudApi;

/// <summary><c>{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id"}]}</c>.</summary>
internal sealed record SendMessageResponse(string MessagingProduct, IReadOnlyList<SendMessageContact> Contacts, IReadOnlyList<SendMessageId> Messages);

internal sealed record SendMessageContact(string Input, string WaId);

internal sealed record SendMessageId(string Id, string? GroupId = null);

/// <summary><c>{"success": true}</c>.</summary>
internal sealed record SuccessResponse(bool Success);
