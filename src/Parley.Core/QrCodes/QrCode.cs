namespace Parley.Core.QrCodes;

/// <summary>
/// A message QR code (Meta's <c>message_qrdls</c>) of a business phone number: scanning it, or opening its deep link,
/// opens a chat with the number with <see cref="PrefilledMessage"/> typed in.
/// </summary>
/// <param name="Code">The 14-character code (<see cref="QrCodeRules.NewCode"/>), unique across Parley.</param>
/// <param name="ChannelId">The phone number id that owns the code.</param>
public sealed record QrCode(string Code, string ChannelId, string PrefilledMessage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
