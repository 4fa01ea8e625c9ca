using Parley.Core.Users;

namespace Parley.Core.Tests.Users;

/// <summary>The shape of a business-scoped user ID: country, dot, up to 128 letters and digits; parents carry ENT.</summary>
public sealed class BsuidTests
{
    [Theory]
    [InlineData("US.13491208655302741918")]
    [InlineData("BR.1502576394655843")]
    [InlineData("US.ENT.11815799212886844830")]
    [InlineData("DE.a")]
    [InlineData("IN.AbC123xYz")]
    public void ACountryADotAndAlphanumericsIsABsuid(string value) => Bsuid.IsValid(value).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("16505551234")]
    [InlineData("+16505551234")]
    [InlineData("us.13491208655302741918")]
    [InlineData("USA.13491208655302741918")]
    [InlineData("U.1349")]
    [InlineData("US13491208655302741918")]
    [InlineData("US.")]
    [InlineData("US.ENT.")]
    [InlineData("US.1349-1208")]
    [InlineData("US.1349.1208")]
    [InlineData("US.1349 1208")]
    [InlineData("12.3456")]
    public void AnythingElseIsNot(string value) => Bsuid.IsValid(value).ShouldBeFalse();

    [Fact]
    public void NullIsNotABsuid() => Bsuid.IsValid(null).ShouldBeFalse();

    [Fact]
    public void TheIdPartIsAtMost128Characters()
    {
        Bsuid.IsValid("US." + new string('7', 128)).ShouldBeTrue();
        Bsuid.IsValid("US." + new string('7', 129)).ShouldBeFalse();
        Bsuid.IsValid("US.ENT." + new string('7', 128)).ShouldBeTrue();
        Bsuid.IsValid("US.ENT." + new string('7', 129)).ShouldBeFalse();
    }

    [Fact]
    public void AParentBsuidCarriesEntAfterTheCountry()
    {
        Bsuid.IsParent("US.ENT.11815799212886844830").ShouldBeTrue();
        Bsuid.IsParent("US.13491208655302741918").ShouldBeFalse();
        Bsuid.IsParent("16505551234").ShouldBeFalse();
    }

    [Fact]
    public void TheCountryIsTheTwoLettersBeforeTheDot()
    {
        Bsuid.CountryOf("BR.1502576394655843").ShouldBe("BR");
        Bsuid.CountryOf("16505551234").ShouldBeNull();
    }

    [Fact]
    public void AUserIsAddressedByNumberWhenKnownAndByBsuidOtherwise()
    {
        new WhatsAppUser("16505551234", "US.1349", null, null, "Ana").Peer.ShouldBe("16505551234");
        new WhatsAppUser(null, "US.1349", "US.ENT.42", "ana.b", "Ana").Peer.ShouldBe("US.1349");
        new WhatsAppUser(null, "US.1349", "US.ENT.42", "ana.b", "Ana").Identities.ShouldBe(["US.1349", "US.ENT.42"]);
    }
}
