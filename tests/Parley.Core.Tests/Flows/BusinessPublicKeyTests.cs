using System.Security.Cryptography;
using System.Text;
using Parley.Core.Flows;

namespace Parley.Core.Tests.Flows;

public sealed class BusinessPublicKeyTests
{
    private static readonly byte[] SigningKey = Encoding.UTF8.GetBytes("parley-instance-secret");

    [Fact]
    public void Rsa2048SubjectPublicKeyInfoParsesToCanonicalPem()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportSubjectPublicKeyInfoPem();

        var key = BusinessPublicKey.Parse("\r\n  " + pem.ReplaceLineEndings("\r\n") + "\r\n");

        key.Succeeded.ShouldBeTrue();
        key.Value.Pem.ShouldBe(pem.ReplaceLineEndings("\n"));
        key.Value.SubjectPublicKeyInfo.ToArray().ShouldBe(rsa.ExportSubjectPublicKeyInfo());
        key.Value.Fingerprint.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())));
        using var imported = key.Value.CreateRsa();
        imported.KeySize.ShouldBe(2048);
    }

    [Fact]
    public void LineBreaksWrittenAsBackslashNAreAccepted()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportSubjectPublicKeyInfoPem();

        BusinessPublicKey.Parse(pem.ReplaceLineEndings("\\n")).Value!.Pem.ShouldBe(pem.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("   ", "required")]
    [InlineData("ssh-rsa AAAAB3NzaC1yc2E", "PEM-encoded public key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----", "PEM-encoded public key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "2048-bit RSA public key")]
    public void MalformedKeyIsInvalidParameter(string? pem, string problem)
    {
        var key = BusinessPublicKey.Parse(pem);

        key.Succeeded.ShouldBeFalse();
        key.Error.Code.ShouldBe(100);
        key.Error.HttpStatus.ShouldBe(400);
        key.Error.Details.ShouldContain(problem);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void RsaKeyOfAnotherSizeIsRefused(int bits)
    {
        using var rsa = RSA.Create(bits);

        var key = BusinessPublicKey.Parse(rsa.ExportSubjectPublicKeyInfoPem());

        key.Error!.Code.ShouldBe(100);
        key.Error.Details.ShouldBe($"business_public_key must be a 2048-bit RSA key; this one is {bits}-bit.");
    }

    [Fact]
    public void PrivateKeyIsRefusedWithAHint()
    {
        using var rsa = RSA.Create(2048);

        var key = BusinessPublicKey.Parse(rsa.ExportPkcs8PrivateKeyPem());

        key.Error!.Details.ShouldContain("is a private key");
        BusinessPublicKey.Parse(rsa.ExportRSAPrivateKeyPem()).Error!.Details.ShouldContain("is a private key");
    }

    [Fact]
    public void Pkcs1RsaPublicKeyIsRefusedNamingTheExpectedForm()
    {
        using var rsa = RSA.Create(2048);

        var key = BusinessPublicKey.Parse(rsa.ExportRSAPublicKeyPem());

        key.Error!.Details.ShouldContain("-----BEGIN RSA PUBLIC KEY-----");
    }

    [Fact]
    public void EllipticCurveKeyIsRefused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        BusinessPublicKey.Parse(ec.ExportSubjectPublicKeyInfoPem()).Error!.Details.ShouldContain("2048-bit RSA public key");
    }

    [Fact]
    public void SignatureOfTheStoredKeyForItsPhoneNumberIsValid()
    {
        using var rsa = RSA.Create(2048);
        var key = BusinessPublicKey.Parse(rsa.ExportSubjectPublicKeyInfoPem()).Value!;
        var signature = key.Sign("106540352242922", SigningKey);

        BusinessPublicKey.SignatureStatus(key.Pem, signature, "106540352242922", SigningKey).ShouldBe(BusinessPublicKeySignatureStatus.Valid);
        BusinessPublicKey.WireName(BusinessPublicKeySignatureStatus.Valid).ShouldBe("VALID");
    }

    [Fact]
    public void SignatureForAnotherNumberOrKeyOrSecretIsAMismatch()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var key = BusinessPublicKey.Parse(rsa.ExportSubjectPublicKeyInfoPem()).Value!;
        var signature = key.Sign("106540352242922", SigningKey);

        BusinessPublicKey.SignatureStatus(key.Pem, signature, "106540352242923", SigningKey).ShouldBe(BusinessPublicKeySignatureStatus.Mismatch);
        BusinessPublicKey.SignatureStatus(other.ExportSubjectPublicKeyInfoPem(), signature, "106540352242922", SigningKey).ShouldBe(BusinessPublicKeySignatureStatus.Mismatch);
        BusinessPublicKey.SignatureStatus(key.Pem, signature, "106540352242922", "another-secret"u8).ShouldBe(BusinessPublicKeySignatureStatus.Mismatch);
        BusinessPublicKey.SignatureStatus("garbage", signature, "106540352242922", SigningKey).ShouldBe(BusinessPublicKeySignatureStatus.Mismatch);
        BusinessPublicKey.SignatureStatus(key.Pem, null, "106540352242922", SigningKey).ShouldBe(BusinessPublicKeySignatureStatus.Mismatch);
        BusinessPublicKey.WireName(BusinessPublicKeySignatureStatus.Mismatch).ShouldBe("MISMATCH");
    }

    [Fact]
    public void NoStoredKeyHasNoSignatureStatus()
    {
        BusinessPublicKey.SignatureStatus(null, null, "106540352242922", SigningKey).ShouldBeNull();
    }
}
