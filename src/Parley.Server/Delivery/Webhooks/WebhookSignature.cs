using System.Security.Cryptography;

namespace Parley.Server.Delivery.Webhooks;

/// <summary>Meta's webhook signature: <c>X-Hub-Signature-256: sha256=&lt;lowercase hex HMAC-SHA256 of the raw body&gt;</c>.</summary>
internal static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time check of a presented signature header.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Sign(body, secret)), System.Text.Encoding.ASCII.GetBytes(header));
}
