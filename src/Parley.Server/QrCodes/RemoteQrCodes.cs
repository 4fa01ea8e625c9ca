using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Errors;
using Parley.Core.Model;

namespace Parley.Server.QrCodes;

/// <summary>
/// A channel's message QR codes kept by its upstream (Meta, for a <c>meta</c> channel): the upstream makes the code, its
/// deep link and its image, and its answers are the answers (a code as a JSON object in Graph's shape).
/// </summary>
internal interface IRemoteQrCodeList
{
    /// <summary>A new code (<paramref name="code"/> null) or a changed pre-filled message; the code as the upstream answers it.</summary>
    Task<Outcome<JsonObject>> SaveAsync(string? code, string prefilledMessage, string? imageFormat, CancellationToken cancellationToken);

    /// <summary>A page of the codes with the upstream's cursors (or the one code <paramref name="code"/> names).</summary>
    Task<Outcome<RemoteQrCodePage>> ListAsync(string? fields, string? code, int? limit, string? after, string? before, CancellationToken cancellationToken);

    /// <summary>One code: the upstream's answer (<c>{"data":[code]}</c>).</summary>
    Task<Outcome<JsonObject>> GetAsync(string code, string? fields, CancellationToken cancellationToken);

    /// <summary>Deletes the code; the upstream's refusal otherwise.</summary>
    Task<WhatsAppError?> DeleteAsync(string code, CancellationToken cancellationToken);
}

/// <summary>A page of the codes an upstream keeps: the codes as it answered them and its cursors.</summary>
internal sealed record RemoteQrCodePage(IReadOnlyList<JsonObject> Codes, string? Before, string? After, bool HasBefore, bool HasAfter);

/// <summary>The QR codes of channels whose codes are made elsewhere (Meta), or null for Parley's own channels.</summary>
internal interface IRemoteQrCodes
{
    IRemoteQrCodeList? ForChannel(Channel channel);
}
