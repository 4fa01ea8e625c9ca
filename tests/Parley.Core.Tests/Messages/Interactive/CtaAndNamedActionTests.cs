using static Parley.Core.Tests.Messages.ParserHarness;

namespace Parley.Core.Tests.Messages.Interactive;

public class CtaAndNamedActionTests
{
    [Theory]
    [InlineData("interactive.action.parameters.display_text", "\"Check the available dates\"", 131009)]
    [InlineData("interactive.action.parameters.display_text", null, 131008)]
    [InlineData("interactive.action.parameters.url", "\"javascript:alert(1)\"", 131009)]
    [InlineData("interactive.action.parameters.url", "\"www.luckyshrub.com\"", 131009)]
    [InlineData("interactive.action.parameters.url", null, 131008)]
    [InlineData("interactive.action.name", "\"url\"", 131009)]
    [InlineData("interactive.action.parameters.phone", "\"1\"", 100)]
    public void InvalidCtaUrlFails(string path, string? value, int code) => Samples.CtaUrl.With(path, value).ShouldFailWith(code);

    [Fact]
    public void CtaUrlDisplayTextOver20CharactersUsesMetasWording() =>
        Samples.CtaUrl.With("interactive.action.parameters.display_text", Str(21))
            .ShouldFailWith(131009, "Button text length invalid. Min length: 1, Max length: 20");

    [Theory]
    [InlineData("interactive.action.name", "\"send_address\"", 131009)]
    [InlineData("interactive.action.name", null, 131008)]
    [InlineData("interactive.action.parameters", "{}", 100)]
    public void InvalidLocationRequestFails(string path, string? value, int code) =>
        Samples.LocationRequest.With(path, value).ShouldFailWith(code);

    [Fact]
    public void CallPermissionRequestNeedsItsActionName() =>
        Samples.CallPermissionRequest.With("interactive.action.name", "\"call\"").ShouldFailWith(131009);

    [Theory]
    [InlineData("interactive.action.name", "\"pay\"", 131009)]
    [InlineData("interactive.action.parameters.reference_id", null, 131008)]
    [InlineData("interactive.action.parameters", null, 131008)]
    [InlineData("interactive.action.parameters.reference_id", "\"order 42\"", 131009)]
    [InlineData("interactive.action.parameters.reference_id", "\"abcdefghijklmnopqrstuvwxyz0123456789\"", 131009)]
    [InlineData("interactive.action.parameters.type", "\"services\"", 131009)]
    [InlineData("interactive.action.parameters.currency", "\"USD\"", 131009)]
    [InlineData("interactive.action.parameters.total_amount.value", "1200", 131009)]
    [InlineData("interactive.action.parameters.total_amount.offset", "1000", 131009)]
    [InlineData("interactive.action.parameters.order.status", "\"captured\"", 131009)]
    [InlineData("interactive.action.parameters.order.subtotal.value", "1500", 131009)]
    [InlineData("interactive.action.parameters.order.items", "[]", 131009)]
    [InlineData("interactive.action.parameters.order.items[0].sale_amount.value", "1500", 131009)]
    [InlineData("interactive.action.parameters.order.items[0].quantity", "1.5", 100)]
    [InlineData("interactive.action.parameters.order.tax", null, 131008)]
    [InlineData("interactive.action.parameters.payment_settings", "[{\"type\":\"payment_gateway\",\"payment_gateway\":{\"type\":\"stripe\",\"configuration_name\":\"c\"}}]", 131009)]
    public void InvalidOrderDetailsFails(string path, string? value, int code) => Samples.OrderDetails.With(path, value).ShouldFailWith(code);

    [Theory]
    [InlineData("interactive.action.name", "\"review_and_pay\"", 131009)]
    [InlineData("interactive.action.parameters.order.status", null, 131008)]
    [InlineData("interactive.action.parameters.order.items", "[]", 100)]
    [InlineData("interactive.action.parameters.order.status", "\"lost\"", 131009)]
    public void InvalidOrderStatusFails(string path, string? value, int code) => Samples.OrderStatus.With(path, value).ShouldFailWith(code);
}
