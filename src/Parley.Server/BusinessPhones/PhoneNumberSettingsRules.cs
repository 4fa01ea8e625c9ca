using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.BusinessPhones;

/// <summary>What Meta checks in a number's <c>/settings</c> beyond their shapes.</summary>
internal static class PhoneNumberSettingsRules
{
    /// <summary>
    /// M "Local storage": the regions a number's data can be stored in at rest, as ISO 3166 codes (APAC AU, ID, IN, JP,
    /// SG, KR; Europe DE, CH, GB; LATAM BR; MEA BH, ZA, AE; NORAM CA).
    /// </summary>
    public static readonly IReadOnlyList<string> StorageRegions = ["AU", "ID", "IN", "JP", "SG", "KR", "DE", "CH", "GB", "BR", "BH", "ZA", "AE", "CA"];

    /// <summary>The region in its upper-case code (UNCONFIRMED: Meta's examples write it either way), or null when it is not one.</summary>
    public static string? StorageRegion(string region)
    {
        var code = region.Trim().ToUpperInvariant();
        return StorageRegions.Contains(code) ? code : null;
    }

    /// <summary>
    /// S <c>PayloadEncryptionSettings.client_encryption_key</c>: "Base64-encoded public key". Parley reads it as the base64
    /// of a PEM <c>PUBLIC KEY</c> (RSA or EC), as Meta's example is; a bare PEM is taken too.
    /// </summary>
    public static bool IsPublicKey(string key)
    {
        var pem = key.Contains("-----BEGIN", StringComparison.Ordinal) ? key : Decode(key);
        if (pem is null || !pem.Contains("PUBLIC KEY-----", StringComparison.Ordinal))
        {
            return false;
        }
        using var rsa = RSA.Create();
        if (TryImport(() => rsa.ImportFromPem(pem)))
        {
            return true;
        }
        using var ec = ECDsa.Create();
        return TryImport(() => ec.ImportFromPem(pem));
    }

    private static string? Decode(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    private static bool TryImport(Action import)
    {
        try
        {
            import();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
