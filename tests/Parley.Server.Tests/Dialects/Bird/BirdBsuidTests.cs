using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>Contacts known only by their business-scoped user ID: <c>identifierKey: whatsappbsuid</c> in sends, reads and the contact's window.</summary>
public sealed class BirdBsuidTests : BirdTest
{
    /// <summary>Ends in 0505: the simulated user does not share their number (docs/sandbox.md).</summary>
    private const string HiddenNumber = "16505550505";

    private async Task<string> BsuidOnlyUserWritesAsync()
    {
        using var response = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/inbound",
            new { from = HiddenNumber, type = "text", text = new { body = "Hi" } });
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["contacts"]![0]!["user_id"]!.GetValue<string>();
    }

    [Fact]
    public async Task AContactKnownOnlyByBsuidIsSentToWithWhatsappbsuidAndHasTheirWindow()
    {
        var bsuid = await BsuidOnlyUserWritesAsync();

        var sent = await SendAcceptedAsync(new
        {
            receiver = new { contacts = new[] { new { identifierKey = "whatsappbsuid", identifierValue = bsuid } } },
            body = new { type = "text", text = new { text = "Hello by BSUID" } },
        });

        var receiver = sent["receiver"]!["contacts"]![0]!;
        receiver["identifierKey"]!.GetValue<string>().ShouldBe("whatsappbsuid");
        receiver["identifierValue"]!.GetValue<string>().ShouldBe(bsuid);
        var atUpstream = await AtUpstreamAsync(Wamids(sent).ShouldHaveSingleItem());
        atUpstream["recipient"]!.GetValue<string>().ShouldBe(bsuid);
        atUpstream.ContainsKey("to").ShouldBeFalse();

        var (status, contact) = await GetAsync(Channels,
            $"/workspaces/{WorkspaceId}/channels/{ChannelId}/contacts/{Guid.NewGuid()}?contactIdentifierValue={Uri.EscapeDataString(bsuid)}");
        status.ShouldBe(HttpStatusCode.OK, contact.ToJsonString());
        contact["serviceWindowExpireAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task AWhatsappbsuidThatIsNotABsuidIsRefusedPerField()
    {
        var (status, body) = await SendAsync(Channels, new
        {
            receiver = new { contacts = new[] { new { identifierKey = "whatsappbsuid", identifierValue = "+16505551234" } } },
            body = new { type = "text", text = new { text = "Hello" } },
        });

        status.ShouldBe(HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        body.ToJsonString().ShouldContain("receiver.contacts[0].identifierValue");
    }
}
