using System.Net;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Commerce;

/// <summary>
/// Each rule of an India order details message (Meta, "Payments API India") refuses the send with Meta's code and
/// details, in the Graph error envelope for the Cloud API and in 1msg's error body for <c>/sendOrderDetails</c>, and
/// nothing is stored. One Parley for the class.
/// </summary>
public sealed class OrderDetailsRuleTests(OrderDetailsRuleTests.SharedParley parley) : IClassFixture<OrderDetailsRuleTests.SharedParley>
{
    /// <summary>The class's one Parley (xunit's class fixtures take one public constructor).</summary>
    public sealed class SharedParley : ParleyFactory;

    private const string User = "919000000301";

    private readonly HttpClient _client = parley.CreateChannelClient();

    private static readonly Dictionary<int, string> Titles = new()
    {
        [100] = "Invalid parameter",
        [131008] = "Required parameter is missing",
        [131009] = "Parameter value is not valid",
    };

    /// <summary>The path in the order details parameters; its 1msg field (null when 1msg has none); the new value (null removes it).</summary>
    public static TheoryData<string, string?, string?, int, string> Rules => new()
    {
        { "reference_id", "referenceId", "\"order 42\"", 131009, "reference_id'] may contain only English letters, numbers, underscores, dashes and dots, at most 35 characters" },
        { "reference_id", "referenceId", "\"" + new string('r', 36) + "\"", 131009, "at most 35 characters" },
        { "type", "type", "\"services\"", 131009, "Invalid value \"services\"" },
        { "currency", "currency", "\"USD\"", 131009, "Allowed values: INR." },
        { "total_amount.value", null, "1200", 131009, "Invalid total amount: " },
        { "total_amount.offset", null, "1000", 131009, "must be 100: amounts are in paise (INR)" },
        { "order.subtotal.value", "order.subtotal.value", "999", 131009, "Invalid subtotal: " },
        { "order.status", "order.status", "\"captured\"", 131009, "Allowed values: pending." },
        { "order.items", "order.items", "[]", 131009, "must contain between 1 and 999 items" },
        { "order.items[0].sale_amount.value", "order.items[0].sale_amount.value", "1500", 131009, "must be less than the item's amount" },
        { "order.items[0].quantity", "order.items[0].quantity", "0", 131009, "must be between 1 and" },
        { "order.items[0].name", "order.items[0].name", "\"" + new string('n', 61) + "\"", 131009, "Item name length invalid. Min length: 1, Max length: 60" },
        { "order.tax", "order.tax", null, 131008, "tax'] is required" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task AnOrderBreakingARuleIsRefusedWithMetasErrorInBothDialects(string path, string? oneMsgPath, string? value, int code, string details)
    {
        var before = (await GraphAssertions.OutboundMessagesAsync(_client)).Count;

        var (status, body) = await CloudApi.SendAsync(_client, OrderDetailsKit.Interactive("+" + User).With("interactive.action.parameters." + path, value));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.ShouldBeGraphError(code, $"(#{code}) {Titles[code]}").ShouldContain(details);

        if (oneMsgPath is not null)
        {
            (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendOrderDetails", OrderDetailsKit.OneMsg(User).With(oneMsgPath, value).ToJsonString());
            status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
            var error = body["error"]!.GetValue<string>();
            error.ShouldStartWith($"(#{code}) {Titles[code]}: ");
            error.ShouldContain(details);
        }

        (await GraphAssertions.OutboundMessagesAsync(_client)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task AnOrderStatusTakesOnlyMetasStatuses()
    {
        var (status, body) = await CloudApi.SendAsync(_client, OrderDetailsKit.Status("+" + User, "lost"));
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.ShouldBeGraphError(131009, "(#131009) Parameter value is not valid")
            .ShouldContain("Allowed values: pending, processing, partially-shipped, shipped, completed, canceled.");
    }

    [Fact]
    public async Task SendOrderDetailsWithoutAnOrderIsRefusedIn1msgsFormat()
    {
        var (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendOrderDetails", OrderDetailsKit.OneMsg(User).With("order", null).ToJsonString());
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldBe("(#131008) Required parameter is missing: The parameter order is required.");
        (status, body) = await OneMsgClient.PostJsonAsync(_client, "sendOrderDetails", OrderDetailsKit.OneMsg(User).With("namespace", null).ToJsonString());
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body["error"]!.GetValue<string>().ShouldBe("(#131008) Required parameter is missing: The parameter namespace is required.");
    }
}
