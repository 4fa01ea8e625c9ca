using System.Security.Cryptography;
using System.Text;
using Parley.Core.Flows;
using Parley.Server.Flows.Endpoint;

namespace Parley.Server.Tests.Flows;

/// <summary>The sealing of a flow request and the opening of its answer, byte for byte as Meta specifies them.</summary>
public sealed class FlowEndpointCryptoTests
{
    [Fact]
    public void SealedRequestCarriesAnRsaOaepWrappedAes128KeyAnd16ByteIvAndAnAnswerUnderTheInvertedIvOpens()
    {
        using var business = RSA.Create(2048);
        var key = BusinessPublicKey.Parse(business.ExportSubjectPublicKeyInfoPem()).Value!;

        var request = FlowEndpointCrypto.Seal("""{"version":"3.0","action":"ping"}"""u8, key);

        var aesKey = business.Decrypt(Convert.FromBase64String(request.Body.EncryptedAesKey), RSAEncryptionPadding.OaepSHA256);
        aesKey.ShouldBe(request.ResponseKey.AesKey);
        aesKey.Length.ShouldBe(16);
        var iv = Convert.FromBase64String(request.Body.InitialVector);
        iv.Length.ShouldBe(16);
        // ciphertext of the 33-byte JSON followed by the 16-byte tag
        Convert.FromBase64String(request.Body.EncryptedFlowData).Length.ShouldBe(33 + 16);
        FlowEndpointCrypto.Invert(iv).Zip(iv).ShouldAllBe(pair => (byte)(pair.First ^ pair.Second) == 0xFF);
    }

    [Fact]
    public void AnswerThatWasTamperedWithDoesNotOpen()
    {
        using var business = RSA.Create(2048);
        var request = FlowEndpointCrypto.Seal("{}"u8, BusinessPublicKey.Parse(business.ExportSubjectPublicKeyInfoPem()).Value!);
        var answer = SealAnswer(request.ResponseKey, """{"data":{"status":"active"}}""");

        Encoding.UTF8.GetString(FlowEndpointCrypto.Open(answer, request.ResponseKey)!).ShouldBe("""{"data":{"status":"active"}}""");
        var bytes = Convert.FromBase64String(answer);
        bytes[3] ^= 1;
        FlowEndpointCrypto.Open(Convert.ToBase64String(bytes), request.ResponseKey).ShouldBeNull();
        FlowEndpointCrypto.Open("not base64!", request.ResponseKey).ShouldBeNull();
        FlowEndpointCrypto.Open("AAAA", request.ResponseKey).ShouldBeNull();
    }

    /// <summary>Seals an answer as an endpoint does: AES-GCM under the request's key and the inverted IV.</summary>
    private static string SealAnswer(FlowResponseKey key, string json)
    {
        var cipher = Org.BouncyCastle.Security.CipherUtilities.GetCipher("AES/GCM/NoPadding");
        cipher.Init(true, new Org.BouncyCastle.Crypto.Parameters.AeadParameters(
            new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key.AesKey), 128, FlowEndpointCrypto.Invert(key.InitialVector)));
        return Convert.ToBase64String(cipher.DoFinal(Encoding.UTF8.GetBytes(json)));
    }
}
