namespace Parley.Server.Upstreams.Sandbox;

/// <summary>
/// Deterministic behaviours of simulated users, chosen by the last four digits of their number.
/// Every other number is an ordinary WhatsApp user who receives and reads everything.
/// </summary>
internal enum SandboxBehaviour
{
    Ordinary,
    /// <summary>…0404: not on WhatsApp; every message fails with 131026.</summary>
    NotOnWhatsApp,
    /// <summary>…0101: receives messages but never reads them (no <c>read</c> status).</summary>
    NeverReads,
    /// <summary>…0202: reads and answers every message with a text reply quoting it.</summary>
    AutoReplies,
    /// <summary>…0303: offline for a while; <c>delivered</c> comes after <c>Parley:Sandbox:LateDeliveryMs</c>.</summary>
    DeliveredLate,
    /// <summary>…0403: has blocked the business; every message fails with 131026.</summary>
    BlockedBusiness,
}

internal static class SandboxBehaviours
{
    public static SandboxBehaviour For(string waId) => waId.Length < 4 ? SandboxBehaviour.Ordinary : waId[^4..] switch
    {
        "0404" => SandboxBehaviour.NotOnWhatsApp,
        "0101" => SandboxBehaviour.NeverReads,
        "0202" => SandboxBehaviour.AutoReplies,
        "0303" => SandboxBehaviour.DeliveredLate,
        "0403" => SandboxBehaviour.BlockedBusiness,
        _ => SandboxBehaviour.Ordinary,
    };
}
