using System.Security.Cryptography;
using System.Text;
using Parley.Core.Errors;

namespace Parley.Core.Flows;

/// <summary>
/// Whether the business public key of a phone number is still the one signed for it, as
/// <c>GET /{phone-number-id}/whatsapp_business_encryption</c> reports in <c>business_public_key_signature_status</c>.
/// </summary>
public enum BusinessPublicKeySignatureStatus
{
    /// <summary>The stored key is a valid key and its signature for this phone number verifies.</summary>
    Valid,

    /// <summary>There is a stored key, but it does not parse or its signature does not verify for this phone number.</summary>
    Mismatch,
}

/// <summary>
/// The business public key a phone number uploads to <c>POST /{phone-number-id}/whatsapp_business_encryption</c>
/// (<c>business_public_key</c>): WhatsApp clients encrypt the AES key of every flow data exchange with it
/// (RSA-OAEP, SHA-256). Meta asks for a 2048-bit RSA key in PEM (<c>openssl rsa -pubout</c>: a
/// <c>-----BEGIN PUBLIC KEY-----</c> SubjectPublicKeyInfo), and signs the key for each phone number it is uploaded
/// to. Parley models that signature as an HMAC-SHA256 over the phone number id and the key's DER bytes under a
/// server secret (<see cref="Sign"/>), so a key changed behind the API's back, or copied to another number, reads as
/// <see cref="BusinessPublicKeySignatureStatus.Mismatch"/>. Pure: no storage, no I/O.
/// </summary>
public sealed class BusinessPublicKey
{
    /// <summary>The RSA modulus size Meta requires (On-Premises and Cloud API business encryption docs: "2048-bit RSA key").</summary>
    public const int RequiredKeySizeBits = 2048;

    /// <summary>The PEM label of a SubjectPublicKeyInfo, the only form accepted.</summary>
    public const string PemLabel = "PUBLIC KEY";

    private readonly byte[] _der;

    private BusinessPublicKey(byte[] der, string pem)
    {
        _der = der;
        Pem = pem;
    }

    /// <summary>The key in canonical PEM (64-character lines, <c>\n</c> line ends), as Parley stores and returns it.</summary>
    public string Pem { get; }

    /// <summary>The DER-encoded SubjectPublicKeyInfo.</summary>
    public ReadOnlySpan<byte> SubjectPublicKeyInfo => _der;

    /// <summary>Lowercase hex SHA-256 of the SubjectPublicKeyInfo: names the key in logs without showing it.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_der));

    /// <summary>A new RSA instance holding this public key; the caller disposes it.</summary>
    public RSA CreateRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_der, out _);
        return rsa;
    }

    /// <summary>The key in <paramref name="pem"/>, or error 100 saying what is wrong with it.</summary>
    public static Outcome<BusinessPublicKey> Parse(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return Invalid("business_public_key is required.");
        }
        // Form posts and JSON built by hand often carry the line breaks as the two characters \n.
        var text = pem.Replace("\\n", "\n", StringComparison.Ordinal).Trim();
        if (!PemEncoding.TryFind(text, out var fields))
        {
            return Invalid("business_public_key must be a PEM-encoded public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----).");
        }
        var label = text.AsSpan()[fields.Label];
        if (label.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return Invalid("business_public_key is a private key; upload only the public key (openssl rsa -in private.pem -pubout).");
        }
        if (!label.SequenceEqual(PemLabel))
        {
            return Invalid($"business_public_key must be a SubjectPublicKeyInfo (-----BEGIN PUBLIC KEY-----), not -----BEGIN {label}-----.");
        }
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64String(text[fields.Base64Data], der, out var written) || written != der.Length)
        {
            return Invalid("business_public_key is not valid base64 inside its PEM armour.");
        }
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                return Invalid("business_public_key has bytes after the key.");
            }
            if (rsa.KeySize != RequiredKeySizeBits)
            {
                return Invalid($"business_public_key must be a {RequiredKeySizeBits}-bit RSA key; this one is {rsa.KeySize}-bit.");
            }
        }
        catch (CryptographicException)
        {
            return Invalid($"business_public_key must be a {RequiredKeySizeBits}-bit RSA public key.");
        }
        return new BusinessPublicKey(der, PemEncoding.WriteString(PemLabel, der).ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// The signature of this key for <paramref name="phoneNumberId"/> under <paramref name="signingKey"/>: base64 of
    /// HMAC-SHA256 over the phone number id, a zero byte and the DER key. Stored beside the key when it is uploaded.
    /// </summary>
    public string Sign(string phoneNumberId, ReadOnlySpan<byte> signingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneNumberId);
        var id = Encoding.UTF8.GetBytes(phoneNumberId);
        var message = new byte[id.Length + 1 + _der.Length];
        id.CopyTo(message, 0);
        _der.CopyTo(message, id.Length + 1);
        return Convert.ToBase64String(HMACSHA256.HashData(signingKey, message));
    }

    /// <summary>
    /// <c>business_public_key_signature_status</c> of a stored key: <see cref="BusinessPublicKeySignatureStatus.Valid"/>
    /// when it parses and <paramref name="storedSignature"/> is its signature for the phone number, otherwise
    /// <see cref="BusinessPublicKeySignatureStatus.Mismatch"/>; null when no key is stored (Meta then omits the field).
    /// </summary>
    public static BusinessPublicKeySignatureStatus? SignatureStatus(string? storedPem, string? storedSignature, string phoneNumberId, ReadOnlySpan<byte> signingKey)
    {
        if (string.IsNullOrEmpty(storedPem))
        {
            return null;
        }
        var key = Parse(storedPem);
        if (!key.Succeeded || storedSignature is null)
        {
            return BusinessPublicKeySignatureStatus.Mismatch;
        }
        var expected = Encoding.ASCII.GetBytes(key.Value.Sign(phoneNumberId, signingKey));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(storedSignature))
            ? BusinessPublicKeySignatureStatus.Valid
            : BusinessPublicKeySignatureStatus.Mismatch;
    }

    /// <summary>The wire value of a status: <c>VALID</c> or <c>MISMATCH</c>.</summary>
    public static string WireName(BusinessPublicKeySignatureStatus status) => status switch
    {
        BusinessPublicKeySignatureStatus.Valid => "VALID",
        _ => "MISMATCH",
    };

    private static WhatsAppError Invalid(string details) => ErrorCatalog.InvalidParameter.With(details);
}
