using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Upstreams.Sandbox;

/// <summary>
/// Business-scoped user IDs and usernames through the sandbox: a user who keeps their number from the business is known by
/// their BSUID in every webhook format, is answered by <c>recipient</c> (or the 1msg equivalent), and stays one
/// conversation when they later share their number or change number or BSUID.
/// </summary>
public sealed class BsuidConversationTests : SubscribedParleyTest
{
    /// <summary>Ends in 0505: a simulated user with a username who does not share their number (docs/sandbox.md).</summary>
    private const string HiddenNumber = "16505550505";

    private async Task<WebhookReceiver> SubscribeAsync(string format)
    {
        var receiver = await WebhookReceiver.StartAsync();
        await Tenants.PostCreatedAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = receiver.Url, format });
        return receiver;
    }

    /// <summary>The simulated user writes; returns the inbound id and the BSUID the simulator reports.</summary>
    private async Task<(string Id, JsonObject Contact)> WriteAsync(object message, string path = "inbound")
    {
        using var response = await Client.PostAsJsonAsync($"/sandbox/channels/{ParleyFactory.PhoneNumberId}/{path}", message);
        var body = await CloudApi.ReadAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return (body["messages"]![0]!["id"]!.GetValue<string>(), body["contacts"]![0]!.AsObject());
    }

    private async Task AdvanceAsync(TimeSpan by) =>
        (await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = by.TotalSeconds })).StatusCode.ShouldBe(HttpStatusCode.OK);

    private async Task<List<string>> HistoryAsync(string peer)
    {
        var (status, body) = await Tenants.GetAsync(Client, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?peer={Uri.EscapeDataString(peer)}");
        status.ShouldBe(HttpStatusCode.OK);
        return [.. body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>())];
    }

    [Fact]
    public async Task AUserWithAUsernameWritesWithoutTheirNumberAndEveryFormatShowsTheirBsuid()
    {
        await using var onemsg = await SubscribeAsync("onemsg");
        await using var channels = await SubscribeAsync("channels");

        var (id, contact) = await WriteAsync(new { from = HiddenNumber, type = "text", text = new { body = "Hi, it's me" } });

        contact.ContainsKey("wa_id").ShouldBeFalse();
        var bsuid = contact["user_id"]!.GetValue<string>();
        bsuid.ShouldStartWith("US.");
        contact["username"]!.GetValue<string>().ShouldBe("sandbox.user0505");

        // Cloud API: contacts[] has user_id and username and no wa_id; the message has from_user_id and no from.
        var webhook = await Eventually.Get(() => Receiver.Received.ToList(), r => r.Count >= 1);
        var value = webhook[0].Json["entry"]![0]!["changes"]![0]!["value"]!;
        var cloudContact = value["contacts"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        cloudContact["user_id"]!.GetValue<string>().ShouldBe(bsuid);
        cloudContact["profile"]!["username"]!.GetValue<string>().ShouldBe("sandbox.user0505");
        cloudContact.ContainsKey("wa_id").ShouldBeFalse();
        var message = value["messages"]![0]!.AsObject();
        message["id"]!.GetValue<string>().ShouldBe(id);
        message["from_user_id"]!.GetValue<string>().ShouldBe(bsuid);
        message.ContainsKey("from").ShouldBeFalse();
        webhook[0].Json.ToJsonString().ShouldNotContain(HiddenNumber);

        // 1msg: the chat of a BSUID-only user is BSUID@bsuid.
        var onemsgMessage = (await Eventually.Get(() => onemsg.Received.ToList(), r => r.Count >= 1))[0].Json["messages"]![0]!;
        onemsgMessage["chatId"]!.GetValue<string>().ShouldBe(bsuid + "@bsuid");
        onemsgMessage["author"]!.GetValue<string>().ShouldBe(bsuid + "@bsuid");

        // Channels: the contact is identified by whatsappbsuid; extraInformation carries the BSUID and the username.
        var payload = (await Eventually.Get(() => channels.Received.ToList(), r => r.Count >= 1))[0].Json["payload"]!;
        payload["sender"]!["contact"]!["identifierKey"]!.GetValue<string>().ShouldBe("whatsappbsuid");
        payload["sender"]!["contact"]!["identifierValue"]!.GetValue<string>().ShouldBe(bsuid);
        payload["meta"]!["extraInformation"]!["whatsappbsuid"]!.GetValue<string>().ShouldBe(bsuid);
        payload["meta"]!["extraInformation"]!["whatsappusername"]!.GetValue<string>().ShouldBe("sandbox.user0505");
    }

    [Fact]
    public async Task TheBusinessRepliesByRecipientAndTheStatusesCarryRecipientUserId()
    {
        await using var onemsg = await SubscribeAsync("onemsg");
        var (_, contact) = await WriteAsync(new { from = HiddenNumber, type = "text", text = new { body = "Hi" } });
        var bsuid = contact["user_id"]!.GetValue<string>();

        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", recipient = bsuid, type = "text", text = new { body = "Hello by BSUID" } });

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var sentContact = body["contacts"]![0]!.AsObject();
        sentContact["input"]!.GetValue<string>().ShouldBe(bsuid);
        sentContact["user_id"]!.GetValue<string>().ShouldBe(bsuid);
        sentContact.ContainsKey("wa_id").ShouldBeFalse();
        var id = body["messages"]![0]!["id"]!.GetValue<string>();
        (await CloudApi.WaitForStatusAsync(Client, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 3);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "read"], ignoreOrder: true);
        statuses.ShouldAllBe(s => s["recipient_user_id"]!.GetValue<string>() == bsuid && s["recipient_id"] == null);

        // 1msg sends to the same chat id it shows, and its acks name that chat.
        var oneMsgId = await OneMsgClient.SentAsync(Client, "sendMessage", $$"""{"chatId":"{{bsuid}}@bsuid","body":"Hello from 1msg"}""");
        (await CloudApi.WaitForStatusAsync(Client, oneMsgId, "read"))["peer"]!.GetValue<string>().ShouldBe(bsuid);
        var acks = await Eventually.Get(
            () => onemsg.Received.Select(r => r.Json).Where(j => j["ack"] is not null).SelectMany(j => j["ack"]!.AsArray()).Where(a => a!["id"]!.GetValue<string>() == oneMsgId).ToList(),
            a => a.Count >= 1);
        acks.ShouldAllBe(a => a!["chatId"]!.GetValue<string>() == bsuid + "@bsuid");
    }

    [Fact]
    public async Task ABsuidInToIsRefusedWith131009()
    {
        var (status, body) = await CloudApi.SendAsync(Client, CloudApi.Text("US.13491208655302741918"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(131009);
        body.Error()["error_data"]!["details"]!.GetValue<string>().ShouldContain("recipient");
        (await HistoryAsync("US.13491208655302741918")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAuthenticationTemplateToABsuidFailsWith131062AndToTheNumberIsAccepted()
    {
        await TemplateApi.CreateApprovedAsync(Client, JsonNode.Parse("""
            {"name":"login_code","language":"en_US","category":"AUTHENTICATION","components":[
              {"type":"BODY","add_security_recommendation":true},
              {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE"}]}]}
            """)!.AsObject());
        var template = new { name = "login_code", language = new { code = "en_US" } };

        var (status, body) = await CloudApi.SendAsync(Client, new { messaging_product = "whatsapp", recipient = "US.13491208655302741918", type = "template", template });

        status.ShouldBe(HttpStatusCode.BadRequest, body.ToJsonString());
        body.Code().ShouldBe(131062);
        body.Error()["message"]!.GetValue<string>().ShouldContain("Business-scoped User ID recipients are not supported");
        (await HistoryAsync("US.13491208655302741918")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AUserWhoLaterSharesTheirNumberIsOneConversationAndOneWindow()
    {
        // The user writes with their number shared, then (ten hours later) only by BSUID.
        var (first, withNumber) = await WriteAsync(new { from = HiddenNumber, share_number = true, type = "text", text = new { body = "My number" } });
        withNumber["wa_id"]!.GetValue<string>().ShouldBe(HiddenNumber);
        var bsuid = withNumber["user_id"]!.GetValue<string>();
        await AdvanceAsync(TimeSpan.FromHours(10));
        var (second, bsuidOnly) = await WriteAsync(new { from = HiddenNumber, type = "text", text = new { body = "Now only my username" } });
        bsuidOnly["user_id"]!.GetValue<string>().ShouldBe(bsuid);
        bsuidOnly.ContainsKey("wa_id").ShouldBeFalse();
        var byBsuid = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", recipient = bsuid, type = "text", text = new { body = "Hi by BSUID" } });
        await CloudApi.WaitForStatusAsync(Client, byBsuid, "read");

        // Twenty hours later, only the BSUID-only message keeps the window open: a send to the number goes.
        await AdvanceAsync(TimeSpan.FromHours(20));
        var byNumber = await CloudApi.SendOkAsync(Client, CloudApi.Text(HiddenNumber, "Hi by number"));
        (await CloudApi.WaitForStatusAsync(Client, byNumber, "read"))["status"]!.GetValue<string>().ShouldBe("read");

        // History by either identity is the one conversation (inbound messages carry the moved sandbox time, so the
        // order mixes two clocks: compare the sets).
        string[] conversation = [byNumber, byBsuid, second, first];
        (await HistoryAsync(HiddenNumber)).ShouldBe(conversation, ignoreOrder: true);
        (await HistoryAsync(bsuid)).ShouldBe(conversation, ignoreOrder: true);
        var (_, onemsgHistory) = await OneMsgClient.GetAsync(Client, "messages", $"&chatId={bsuid}@bsuid&limit=0");
        onemsgHistory["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldBe(conversation, ignoreOrder: true);

        // Past 24 hours after the BSUID-only message the window is closed for both identities.
        await AdvanceAsync(TimeSpan.FromHours(5));
        var late = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", recipient = bsuid, type = "text", text = new { body = "Too late" } });
        var failed = await CloudApi.WaitForStatusAsync(Client, late, "failed");
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed.ToJsonString().ShouldContain("131047");
    }

    [Fact]
    public async Task ChangesOfNumberAndOfBsuidArriveAsSystemMessagesAndKeepTheConversation()
    {
        const string oldNumber = "16505551212";
        const string newNumber = "16505553434";
        var (first, user) = await WriteAsync(new { from = oldNumber, type = "text", text = new { body = "Hi" } });
        var oldBsuid = user["user_id"]!.GetValue<string>();

        var (numberChange, changed) = await WriteAsync(new { from = oldNumber, new_number = newNumber }, "users/change-number");
        changed["wa_id"]!.GetValue<string>().ShouldBe(newNumber);
        var newBsuid = changed["user_id"]!.GetValue<string>();
        newBsuid.ShouldNotBe(oldBsuid);
        var (bsuidChange, rechanged) = await WriteAsync(new { from = newNumber }, "users/change-user-id");
        var newestBsuid = rechanged["user_id"]!.GetValue<string>();
        newestBsuid.ShouldNotBe(newBsuid);

        var messages = await Eventually.Get(() => Receiver.Messages().ToList(), m => m.Count >= 3);
        var system = messages.Single(m => m["id"]!.GetValue<string>() == numberChange);
        system["type"]!.GetValue<string>().ShouldBe("system");
        system["from"]!.GetValue<string>().ShouldBe(oldNumber);
        system["system"]!["type"]!.GetValue<string>().ShouldBe("user_changed_number");
        system["system"]!["wa_id"]!.GetValue<string>().ShouldBe(newNumber);
        system["system"]!["user_id"]!.GetValue<string>().ShouldBe(newBsuid);
        system["system"]!["previous_user_id"]!.GetValue<string>().ShouldBe(oldBsuid);
        var idChange = messages.Single(m => m["id"]!.GetValue<string>() == bsuidChange);
        idChange["system"]!["type"]!.GetValue<string>().ShouldBe("user_changed_user_id");
        idChange["system"]!["user_id"]!.GetValue<string>().ShouldBe(newestBsuid);
        idChange["system"]!["previous_user_id"]!.GetValue<string>().ShouldBe(newBsuid);
        // System messages carry no contacts array.
        Receiver.Received.Select(r => r.Json["entry"]![0]!["changes"]![0]!["value"]!)
            .Where(v => v["messages"]?.AsArray().Any(m => m!["type"]!.GetValue<string>() == "system") == true)
            .ShouldAllBe(v => v["contacts"] == null);

        // The new number and the newest BSUID reach the same conversation (and its open window).
        var reply = await CloudApi.SendOkAsync(Client, new { messaging_product = "whatsapp", recipient = newestBsuid, type = "text", text = new { body = "Welcome back" } });
        (await CloudApi.WaitForStatusAsync(Client, reply, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        (await HistoryAsync(newNumber)).ShouldBe([reply, bsuidChange, numberChange, first]);
        (await HistoryAsync(oldBsuid)).ShouldBe([reply, bsuidChange, numberChange, first]);
    }

    [Fact]
    public async Task AUserFirstReachedByNumberWhoLaterWritesOnlyByBsuidIsOneConversation()
    {
        // The business reaches a number that never wrote (a template); the network's statuses name the user's BSUID.
        var template = await CloudApi.SendOkAsync(Client, new
        {
            messaging_product = "whatsapp", to = HiddenNumber, type = "template", template = new { name = "hello_world", language = new { code = "en_US" } },
        });
        await CloudApi.WaitForStatusAsync(Client, template, "read");
        var statuses = await Eventually.Get(() => Receiver.Statuses().Where(s => s["id"]!.GetValue<string>() == template).ToList(), s => s.Count >= 3);
        var bsuid = statuses[0]["recipient_user_id"]!.GetValue<string>();
        statuses.ShouldAllBe(s => s["recipient_id"]!.GetValue<string>() == HiddenNumber && s["recipient_user_id"]!.GetValue<string>() == bsuid);

        // The user answers without sharing their number: the same conversation, and its window opens for the number.
        var (answer, contact) = await WriteAsync(new { from = HiddenNumber, type = "text", text = new { body = "Who is this?" } });
        contact["user_id"]!.GetValue<string>().ShouldBe(bsuid);
        contact.ContainsKey("wa_id").ShouldBeFalse();
        var reply = await CloudApi.SendOkAsync(Client, CloudApi.Text(HiddenNumber, "Your shop"));
        (await CloudApi.WaitForStatusAsync(Client, reply, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        (await HistoryAsync(bsuid)).ShouldBe([reply, answer, template], ignoreOrder: true);
    }
}
