using Parley.Core.QrCodes;

namespace Parley.Storage;

/// <summary>A position in a phone number's list of QR codes, newest first: the creation time and code of one.</summary>
public sealed record QrCodeCursor(DateTimeOffset CreatedAt, string Code);

/// <summary>The message QR codes of business phone numbers (Meta's <c>message_qrdls</c>).</summary>
public interface IQrCodeStore
{
    /// <summary>Stores a new code; false (nothing stored) when the number has <paramref name="maxPerChannel"/> codes already.</summary>
    Task<bool> CreateAsync(QrCode code, int maxPerChannel, CancellationToken cancellationToken);

    /// <summary>The code, whichever number owns it (the deep link and the image are the code's alone); null when unknown or deleted.</summary>
    Task<QrCode?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> of the number's codes, newest first: those after <paramref name="after"/> (older
    /// ones), or the last ones before <paramref name="before"/> (newer ones, still newest first), or the first ones.
    /// </summary>
    Task<IReadOnlyList<QrCode>> ListAsync(string channelId, int limit, QrCodeCursor? after, QrCodeCursor? before, CancellationToken cancellationToken);

    /// <summary>Replaces the pre-filled message of the number's code; the updated code, or null when the number has no such code.</summary>
    Task<QrCode?> UpdateAsync(string channelId, string code, string prefilledMessage, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the number's code for good; false when it has no such code.</summary>
    Task<bool> DeleteAsync(string channelId, string code, CancellationToken cancellationToken);
}
