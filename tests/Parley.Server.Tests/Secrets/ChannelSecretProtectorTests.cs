using System.Security.Cryptography;
using Parley.Server.Secrets;

namespace Parley.Server.Tests.Secrets;

public sealed class ChannelSecretProtectorTests
{
    private readonly ChannelSecretProtector _protector = new(RandomNumberGenerator.GetBytes(ChannelSecretProtector.KeySize));

    [Fact]
    public void AProtectedValueOpensToItsPlaintextAndDiffersEachTime()
    {
        var first = _protector.Protect("EAAsecret-ü-0123");
        var second = _protector.Protect("EAAsecret-ü-0123");

        first.ShouldStartWith(ChannelSecretProtector.Prefix);
        first.ShouldNotContain("EAAsecret");
        second.ShouldNotBe(first);
        _protector.TryUnprotect(first, out var plaintext).ShouldBeTrue();
        plaintext.ShouldBe("EAAsecret-ü-0123");
        _protector.TryUnprotect(_protector.Protect(""), out var empty).ShouldBeTrue();
        empty.ShouldBe("");
    }

    [Fact]
    public void AValueWithoutThePrefixIsReadAsPlaintext()
    {
        _protector.TryUnprotect("legacy-secret", out var plaintext).ShouldBeTrue();
        plaintext.ShouldBe("legacy-secret");
    }

    [Fact]
    public void AValueSealedWithAnotherKeyOrAlteredDoesNotOpen()
    {
        var other = new ChannelSecretProtector(RandomNumberGenerator.GetBytes(ChannelSecretProtector.KeySize));
        var sealedValue = other.Protect("secret");
        var bytes = Convert.FromBase64String(sealedValue[ChannelSecretProtector.Prefix.Length..]);
        bytes[^1] ^= 1;

        _protector.TryUnprotect(sealedValue, out var kept).ShouldBeFalse();
        kept.ShouldBe(sealedValue);
        other.TryUnprotect(ChannelSecretProtector.Prefix + Convert.ToBase64String(bytes), out _).ShouldBeFalse();
        other.TryUnprotect(ChannelSecretProtector.Prefix + "not base64!", out _).ShouldBeFalse();
        other.TryUnprotect(ChannelSecretProtector.Prefix + "AAAA", out _).ShouldBeFalse();
    }

    [Fact]
    public void AValueAlreadyInTheStoredFormIsNotSealedTwice()
    {
        var sealedValue = _protector.Protect("secret");

        _protector.Protect(sealedValue).ShouldBe(sealedValue);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void OnlyTheBase64Of32BytesIsAKey(string configured) => ChannelSecretProtector.IsValidKey(configured).ShouldBeFalse();

    [Fact]
    public void TheBase64Of32BytesIsAKey() =>
        ChannelSecretProtector.IsValidKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ShouldBeTrue();
}
