namespace Parley.Core.Tests.Messages.Interactive;

public class AddressMessageTests
{
    private const string IndiaValue = "interactive.action.parameters.saved_addresses[0].value";
    private const string SingaporeValues = "interactive.action.parameters.values";

    [Theory]
    [InlineData("interactive.action.parameters.country", null, 131008)]
    [InlineData("interactive.action.parameters.country", "\"US\"", 131009)]
    [InlineData("interactive.action.parameters.country", "\"in\"", 131009)]
    [InlineData("interactive.action.name", "\"address\"", 131009)]
    [InlineData("interactive.action.parameters", null, 131008)]
    [InlineData("interactive.action.parameters.saved_addresses[0].id", null, 131008)]
    [InlineData("interactive.action.parameters.saved_addresses[0].value", null, 131008)]
    [InlineData(IndiaValue + ".sg_post_code", "\"018937\"", 131009)]
    [InlineData(IndiaValue + ".unit_number", "\"29-00\"", 131009)]
    [InlineData(IndiaValue + ".in_pin_code", "\"4000631\"", 100)]
    [InlineData(IndiaValue + ".in_pin_code", "400063", 100)]
    [InlineData(IndiaValue + ".zip", "\"94025\"", 100)]
    [InlineData("interactive.action.parameters.saved_addresses", "{}", 100)]
    public void InvalidIndianAddressMessageFails(string path, string? value, int code) =>
        Samples.AddressIndia.With(path, value).ShouldFailWith(code);

    [Fact]
    public void FieldOfTheOtherCountryIsRejectedAsConflicting() =>
        Samples.AddressSingapore.With(SingaporeValues + ".in_pin_code", "\"400063\"")
            .ShouldFailWith(131009, "Param interactive['action']['parameters']['values']['in_pin_code'] is not supported for country SG.");

    [Theory]
    [InlineData("interactive.action.parameters.validation_errors.house_number", "\"Wrong\"", 131009)]
    [InlineData("interactive.action.parameters.validation_errors.sg_post_code", "1", 100)]
    [InlineData(SingaporeValues + ".sg_post_code", "\"0189371\"", 100)]
    public void InvalidSingaporeAddressMessageFails(string path, string? value, int code) =>
        Samples.AddressSingapore.With(path, value).ShouldFailWith(code);

    [Fact]
    public void AddressMessageWithOnlyTheCountryIsAccepted() =>
        Samples.AddressSingapore.With("interactive.action.parameters", """{"country":"SG"}""").ShouldSend();
}
