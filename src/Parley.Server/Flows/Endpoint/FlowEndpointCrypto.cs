using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Parley.Core.Flows;

namespace Parley.Server.Flows.Endpoint;

/// <summary>
/// WhatsApp's side of the flow endpoint encryption (Meta, "Implementing Endpoint for Flows"): each request has a fresh
/// AES-128 key and a 16-byte initial vector; the JSON is sealed with AES-GCM (the 16-byte tag appended to the
/// ciphertext) and the key is wrapped with RSA-OAEP (SHA-256, MGF1 SHA-256) under the business public key. The
/// endpoint answers with base64 of AES-GCM under the same key and the bit-inverted initial vector.
/// </summary>
/// <remarks>
/// .NET's <see cref="AesGcm"/> takes only 12-byte nonces; GCM with Meta's 16-byte IV derives its counter block
/// through GHASH (NIST SP 800-38D §7.1), which BouncyCastle's <see cref="GcmBlockCipher"/> implements.
/// </remarks>
internal static class FlowEndpointCrypto
{
    public const int AesKeyBytes = 16;
    public const int InitialVectorBytes = 16;
    public const int TagBits = 128;

    /// <summary>Seals <paramref name="json"/> for the holder of the private half of <paramref name="key"/>.</summary>
    public static SealedFlowRequest Seal(ReadOnlySpan<byte> json, BusinessPublicKey key)
    {
        var aesKey = RandomNumberGenerator.GetBytes(AesKeyBytes);
        var iv = RandomNumberGenerator.GetBytes(InitialVectorBytes);
        byte[] wrapped;
        using (var rsa = key.CreateRsa())
        {
            wrapped = rsa.Encrypt(aesKey, RSAEncryptionPadding.OaepSHA256);
        }
        var body = new FlowRequestBody(
            Convert.ToBase64String(Gcm(forEncryption: true, aesKey, iv, json)),
            Convert.ToBase64String(wrapped),
            Convert.ToBase64String(iv));
        return new SealedFlowRequest(body, new FlowResponseKey(aesKey, iv));
    }

    /// <summary>The plaintext of an endpoint's answer (base64 text), or null when it is not base64 or does not authenticate.</summary>
    public static byte[]? Open(string answer, FlowResponseKey key)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(answer.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
        if (sealedBytes.Length < TagBits / 8)
        {
            return null;
        }
        try
        {
            return Gcm(forEncryption: false, key.AesKey, Invert(key.InitialVector), sealedBytes);
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }

    /// <summary>The initial vector with every bit flipped, which seals the answer.</summary>
    public static byte[] Invert(ReadOnlySpan<byte> iv)
    {
        var flipped = new byte[iv.Length];
        for (var i = 0; i < iv.Length; i++)
        {
            flipped[i] = (byte)~iv[i];
        }
        return flipped;
    }

    private static byte[] Gcm(bool forEncryption, byte[] key, byte[] iv, ReadOnlySpan<byte> input)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBits, iv));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        var written = gcm.ProcessBytes(input, output);
        written += gcm.DoFinal(output.AsSpan(written));
        return written == output.Length ? output : output[..written];
    }
}

/// <summary>The body WhatsApp POSTs to a flow endpoint: each field base64.</summary>
internal sealed record FlowRequestBody(string EncryptedFlowData, string EncryptedAesKey, string InitialVector);

/// <summary>What opens the endpoint's answer to one request: the request's AES key and initial vector.</summary>
internal sealed record FlowResponseKey(byte[] AesKey, byte[] InitialVector);

/// <summary>A sealed request and the key to its answer.</summary>
internal sealed record SealedFlowRequest(FlowRequestBody Body, FlowResponseKey ResponseKey);
