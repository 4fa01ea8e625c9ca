using Parley.Core.Phones;

namespace Parley.Core.Tests.Phones;

public class PhoneNumbersTests
{
    [Theory]
    // seed004 "Phone Number Formats", business in India (calling code 91)
    [InlineData("+16315551234", "91", "16315551234")]
    [InlineData("+1 (631) 555-1234", "91", "16315551234")]
    [InlineData("(631) 555-1234", "91", "916315551234")]
    [InlineData("1 (631) 555-1234", "91", "9116315551234")]
    // formatting characters are dropped
    [InlineData("+1-631-555-5555", "91", "16315555555")]
    [InlineData("+1.631.555.1234", "1", "16315551234")]
    [InlineData("  +44 7700 900123  ", "1", "447700900123")]
    [InlineData("+91 98765\t43210", "1", "919876543210")]
    // a WhatsApp id that already carries the channel's calling code is not prefixed twice
    [InlineData("16505551234", "1", "16505551234")]
    [InlineData("919876543210", "91", "919876543210")]
    [InlineData("6505551234", "1", "16505551234")]
    [InlineData("9123456789", "91", "919123456789")]
    [InlineData("(650) 555-1234", "+1", "16505551234")]
    // E.164 bounds
    [InlineData("+1234567", "1", "1234567")]
    [InlineData("+123456789012345", "1", "123456789012345")]
    public void NormalizesToDigitsOfTheInternationalNumber(string input, string callingCode, string expected)
    {
        var outcome = PhoneNumbers.Normalize(input, callingCode);

        outcome.Error.ShouldBeNull();
        outcome.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("0049 151 23456789")]
    [InlineData("00 1 650 555 1234")]
    [InlineData("001-650-555-1234")]
    public void InternationalZeroZeroPrefixFailsWithCode100(string input) =>
        PhoneNumbers.Normalize(input, "1").Error!.Code.ShouldBe(100);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("+123456")]
    [InlineData("+1234567890123456")]
    [InlineData("12345678901234567890")]
    [InlineData("+0123456789")]
    [InlineData("+1 650 555 1234 ext 5")]
    [InlineData("+1 650 555 1234#")]
    [InlineData("1+6505551234")]
    [InlineData("++16505551234")]
    [InlineData("wa_id_16505551234")]
    [InlineData("١٦٥٠٥٥٥١٢٣٤")]
    public void AnythingButSevenToFifteenDigitsFailsWithCode131009(string input)
    {
        var error = PhoneNumbers.Normalize(input, "1").Error!;

        error.Code.ShouldBe(131009);
        error.Details.ShouldStartWith("Invalid phone number");
    }

    [Fact]
    public void HugeInputIsNotEchoedInFull() =>
        PhoneNumbers.Normalize(new string('9', 100_000), "1").Error!.Details.Length.ShouldBeLessThan(200);

    [Fact]
    public void DigitsOfDropsEverythingElse() => PhoneNumbers.DigitsOf("+1 (555) 000-1234").ShouldBe("15550001234");
}
