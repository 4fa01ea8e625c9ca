using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>A user known only by their BSUID, both ways between A's meta channel and B playing Meta.</summary>
public sealed class MetaBsuidTests() : MetaPairTest("meta-bsuid")
{
    /// <summary>Ends in 0505: on B's simulated network, a user with a username who does not share their number.</summary>
    private const string HiddenNumber = "16505550505";

    [Fact]
    public async Task ABsuidOnlyUserReachesEveryFormatOnAAndIsAnsweredByRecipientThroughB()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var adminA = A.CreateAdminClient();
        await using var onemsg = await WebhookReceiver.StartAsync();
        await using var channels = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(adminA, $"/admin/channels/{channel.PhoneNumberId}/webhooks", new { url = onemsg.Url, format = "onemsg" });
        await Tenants.PostCreatedAsync(adminA, $"/admin/channels/{channel.PhoneNumberId}/webhooks", new { url = channels.Url, format = "channels" });
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();

        // The user writes on B's network without sharing their number.
        using var written = await clientB.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/inbound",
            new { from = HiddenNumber, type = "text", text = new { body = "Hi from a username" } });
        var simulated = await CloudApi.ReadAsync(written);
        written.StatusCode.ShouldBe(HttpStatusCode.OK, simulated.ToJsonString());
        var bsuid = simulated["contacts"]![0]!["user_id"]!.GetValue<string>();

        // A's Cloud API webhook: the BSUID and username, no number.
        var webhook = await Eventually.Get(() => Receiver.Received.Where(r => r.Json.ToJsonString().Contains("\"messages\"")).ToList(), r => r.Count >= 1, TimeSpan.FromSeconds(30));
        var value = webhook[0].Json["entry"]![0]!["changes"]![0]!["value"]!;
        var contact = value["contacts"]![0]!.AsObject();
        contact["user_id"]!.GetValue<string>().ShouldBe(bsuid);
        contact["profile"]!["username"]!.GetValue<string>().ShouldBe("sandbox.user0505");
        contact.ContainsKey("wa_id").ShouldBeFalse();
        value["messages"]![0]!["from_user_id"]!.GetValue<string>().ShouldBe(bsuid);
        value["messages"]![0]!.AsObject().ContainsKey("from").ShouldBeFalse();
        // 1msg and Channels on A show the same user.
        (await Eventually.Get(() => onemsg.Received.ToList(), r => r.Count >= 1, TimeSpan.FromSeconds(30)))[0].Json["messages"]![0]!["chatId"]!
            .GetValue<string>().ShouldBe(bsuid + "@bsuid");
        var payload = (await Eventually.Get(() => channels.Received.ToList(), r => r.Count >= 1, TimeSpan.FromSeconds(30)))[0].Json["payload"]!;
        payload["sender"]!["contact"]!["identifierValue"]!.GetValue<string>().ShouldBe(bsuid);
        payload["meta"]!["extraInformation"]!["whatsappusername"]!.GetValue<string>().ShouldBe("sandbox.user0505");

        // A answers by recipient; A relays it to B as recipient; B's statuses come back to A naming the BSUID.
        var id = await CloudApi.SendOkAsync(clientA, new { messaging_product = "whatsapp", recipient = bsuid, type = "text", text = new { body = "Hello by BSUID via B" } },
            path: channel.MessagesPath);
        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(),
            s => s.Any(x => x["status"]!.GetValue<string>() == "read"), TimeSpan.FromSeconds(30));
        statuses.ShouldAllBe(s => s["recipient_user_id"]!.GetValue<string>() == bsuid && s["recipient_id"] == null);

        var onB = await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound");
        var relayed = onB.Body["data"]!.AsArray().ShouldHaveSingleItem()!;
        relayed["peer"]!.GetValue<string>().ShouldBe(bsuid);
        relayed["message"]!["recipient"]!.GetValue<string>().ShouldBe(bsuid);
        relayed["status"]!.GetValue<string>().ShouldBe("read");
    }

    [Fact]
    public async Task AChangeOfNumberOnBReachesAAsASystemMessageAndTheConversationGoesOnUnderTheNewNumber()
    {
        const string oldNumber = "16505557101";
        const string newNumber = "16505557102";
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        await UserWritesAsync(clientB, oldNumber);

        using var changed = await clientB.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/users/change-number", new { from = oldNumber, new_number = newNumber });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var systemId = (await CloudApi.ReadAsync(changed))["messages"]![0]!["id"]!.GetValue<string>();

        var system = (await Eventually.Get(() => Receiver.Messages().Where(m => m["id"]!.GetValue<string>() == systemId).ToList(), m => m.Count >= 1, TimeSpan.FromSeconds(30)))[0];
        system["from"]!.GetValue<string>().ShouldBe(oldNumber);
        system["system"]!["type"]!.GetValue<string>().ShouldBe("user_changed_number");
        system["system"]!["wa_id"]!.GetValue<string>().ShouldBe(newNumber);

        // A's window for the user (opened under the old number) holds for the new number; the reply reaches B's user.
        var id = await CloudApi.SendOkAsync(clientA, CloudApi.Text(newNumber, "Welcome to your new number"), path: channel.MessagesPath);
        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(),
            s => s.Any(x => x["status"]!.GetValue<string>() is "read" or "failed"), TimeSpan.FromSeconds(30));
        statuses.ShouldAllBe(s => s["status"]!.GetValue<string>() != "failed");
        statuses.ShouldAllBe(s => s["recipient_id"]!.GetValue<string>() == newNumber);
        var (_, history) = await Tenants.GetAsync(clientA, $"/api/channels/{channel.PhoneNumberId}/messages?peer={oldNumber}");
        history["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldContain(id);
    }
}
