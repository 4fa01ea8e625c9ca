using Parley.Core.Profiles;

namespace Parley.Core.Tests.Profiles;

public class RegistrationTests
{
    private static readonly PhoneNumberState Fresh = PhoneNumberState.Default;

    [Fact]
    public void TheFirstRegistrationSetsThePinAndLaterOnesMustMatchIt()
    {
        var first = Registration.Register(Fresh, "123456");
        first.Succeeded.ShouldBeTrue();
        first.Value!.PinHash.ShouldNotBeNull();
        first.Value.PinHash.ShouldNotContain("123456");

        Registration.Register(first.Value, "123456").Succeeded.ShouldBeTrue();
        var wrong = Registration.Register(first.Value, "654321");
        wrong.Error!.Code.ShouldBe(133005);
        wrong.Error.Message.ShouldBe("(#133005) Two step verification PIN Mismatch");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("")]
    public void APinMustBeSixDigits(string? pin)
    {
        Registration.Register(Fresh, pin).Error!.Code.ShouldBe(100);
        Registration.SetPin(Fresh, pin).Error!.Code.ShouldBe(100);
    }

    [Fact]
    public void ADeregisteredNumberCannotSendUntilRegisteredAgain()
    {
        Registration.CheckCanSend(Fresh).ShouldBeNull();
        var deregistered = Registration.Deregister(Fresh).Value!;
        deregistered.Status.ShouldBe("DISCONNECTED");
        var refused = Registration.CheckCanSend(deregistered)!;
        refused.Code.ShouldBe(133010);
        refused.Message.ShouldBe("(#133010) Phone number Not Registered");

        var again = Registration.Deregister(deregistered).Error!;
        again.Code.ShouldBe(100);
        again.Subcode.ShouldBe(Registration.NotRegisteredSubcode);

        var registered = Registration.Register(deregistered, "000111").Value!;
        Registration.CheckCanSend(registered).ShouldBeNull();
        registered.Status.ShouldBe("CONNECTED");
    }

    [Fact]
    public void SettingThePinChangesWhatRegistrationExpects()
    {
        var withPin = Registration.SetPin(Fresh, "111111").Value!;
        Registration.Register(withPin, "222222").Error!.Code.ShouldBe(133005);
        Registration.Register(withPin, "111111").Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, "STANDARD")]
    [InlineData(80, "STANDARD")]
    [InlineData(81, "HIGH")]
    [InlineData(1000, "HIGH")]
    public void ThroughputFollowsTheChannelsPacingWhenNotSet(int mps, string level) =>
        PhoneNumberValues.ThroughputFor(mps).ShouldBe(level);
}
