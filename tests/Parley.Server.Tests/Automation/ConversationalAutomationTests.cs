using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Dialects.OneMsg;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Automation;

/// <summary>
/// Conversational components in both dialects: the one value the Cloud API's <c>/conversational_automation</c> and
/// 1msg's <c>/conversationalAutomation</c> set and read, Meta's limits with its code-100 errors (1msg: its error body),
/// and the simulated user who opens the chat (one <c>request_welcome</c> per new user), taps an ice breaker and picks a
/// command, each arriving at a real webhook receiver.
/// </summary>
public sealed class ConversationalAutomationTests : SubscribedParleyTest
{
    private const string Settings = """
        {"enable_welcome_message":true,"prompts":["Book a flight","Plan a vacation"],
         "commands":[{"command_name":"tickets","command_description":"Book flight tickets"},{"command_name":"hotel","command_description":"Book a hotel"}]}
        """;

    [Fact]
    public async Task TheSettingsAreOneValueForBothDialectsAndMetasLimitsAreRefusedWithCode100()
    {
        // Nothing set: Meta's defaults.
        (await AutomationKit.FieldAsync(Client)).ToJsonString().ShouldBe($$"""{"enable_welcome_message":false,"prompts":[],"commands":[],"id":"{{ParleyFactory.PhoneNumberId}}"}""");

        await AutomationKit.SetAsync(Client, Settings);
        var field = await AutomationKit.FieldAsync(Client);
        field["enable_welcome_message"]!.GetValue<bool>().ShouldBeTrue();
        field["prompts"]!.ToJsonString().ShouldBe("""["Book a flight","Plan a vacation"]""");
        field["commands"]!.ToJsonString().ShouldBe(
            """[{"command_name":"tickets","command_description":"Book flight tickets"},{"command_name":"hotel","command_description":"Book a hotel"}]""");

        // 1msg reads the same value.
        var (status, onemsg) = await OneMsgClient.GetAsync(Client, "conversationalAutomation");
        status.ShouldBe(HttpStatusCode.OK);
        var withoutId = field.DeepClone().AsObject();
        withoutId.Remove("id");
        onemsg.ToJsonString().ShouldBe(withoutId.ToJsonString());

        // Parameters in the query string, as Meta's examples send them; an omitted parameter keeps its value.
        var (queried, answer) = await AutomationKit.PostAsync(Client, "{}", "?enable_welcome_message=false&prompts=" + Uri.EscapeDataString("""["Where is my order?"]"""));
        queried.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        field = await AutomationKit.FieldAsync(Client);
        field["enable_welcome_message"]!.GetValue<bool>().ShouldBeFalse();
        field["prompts"]!.ToJsonString().ShouldBe("""["Where is my order?"]""");
        field["commands"]!.AsArray().Count.ShouldBe(2);

        // 1msg sets it; the Cloud API reads it.
        var (set, setBody) = await OneMsgClient.PostJsonAsync(Client, "conversationalAutomation", """{"enable_welcome_message":true,"commands":[]}""");
        set.ShouldBe(HttpStatusCode.OK, setBody.ToJsonString());
        setBody.ToJsonString().ShouldBe("""{"success":true}""");
        field = await AutomationKit.FieldAsync(Client);
        field["enable_welcome_message"]!.GetValue<bool>().ShouldBeTrue();
        field["commands"]!.AsArray().ShouldBeEmpty();

        var tooLong = new string('a', 81);
        var commands31 = string.Join(",", Enumerable.Range(0, 31).Select(i => $$"""{"command_name":"c{{i}}","command_description":"d"}"""));
        foreach (var (json, details) in new[]
                 {
                     ("""{"prompts":["a","b","c","d","e"]}""", "Too many prompts provided. Maximum allowed is 4."),
                     ($$"""{"prompts":["{{tooLong}}"]}""", "Prompt text exceeds maximum length of 80 characters."),
                     ("""{"prompts":["Hi 😀"]}""", "Emojis are not supported in prompts."),
                     ("""{"prompts":"Book a flight"}""", "Param prompts must be an array of strings."),
                     ($$"""{"commands":[{{commands31}}]}""", "Too many commands provided. Maximum allowed is 30."),
                     ($$"""{"commands":[{"command_name":"{{new string('c', 33)}}","command_description":"d"}]}""", "Command name exceeds maximum length of 32 characters."),
                     ("""{"commands":[{"command_name":"/help","command_description":"d"}]}""",
                         "Invalid command name format. Command names must contain only alphanumeric characters and underscores (no leading slash)."),
                     ($$"""{"commands":[{"command_name":"help","command_description":"{{new string('d', 257)}}"}]}""", "Command description must be 1 to 256 characters."),
                     ("""{"commands":[{"command_name":"help","command_description":"a"},{"command_name":"HELP","command_description":"b"}]}""",
                         "Command names must be unique: 'HELP' is given twice."),
                     ("""{"commands":[{"command_name":"help"}]}""", "Each command needs command_name and command_description (strings)."),
                     ("""{"enable_welcome_message":"yes"}""", "Param enable_welcome_message must be a boolean."),
                     ("""{"greeting":"hi"}""", "Param greeting is not a conversational automation setting; use enable_welcome_message, prompts, commands."),
                     ("{}", "One of the parameters enable_welcome_message, prompts, commands is required."),
                 })
        {
            var (refused, error) = await AutomationKit.PostAsync(Client, json);
            refused.ShouldBe(HttpStatusCode.BadRequest, json);
            error.Code().ShouldBe(100, json);
            error.Error()["error_data"]!["details"]!.GetValue<string>().ShouldBe(details, json);
        }
        // Exactly at the limits is fine.
        var four = string.Join(",", Enumerable.Range(0, 4).Select(_ => $"\"{new string('p', 80)}\""));
        var thirty = string.Join(",", Enumerable.Range(0, 30).Select(i => $$"""{"command_name":"{{new string('c', 30)}}{{i:00}}","command_description":"{{new string('d', 256)}}"}"""));
        await AutomationKit.SetAsync(Client, $$"""{"prompts":[{{four}}],"commands":[{{thirty}}]}""");

        // 1msg: the same limits, in 1msg's error body; nothing changed.
        var (onemsgRefused, onemsgError) = await OneMsgClient.PostJsonAsync(Client, "conversationalAutomation", """{"prompts":["a","b","c","d","e"]}""");
        onemsgRefused.ShouldBe(HttpStatusCode.BadRequest);
        onemsgError["error"]!.GetValue<string>().ShouldContain("Too many prompts provided. Maximum allowed is 4.");
        (await OneMsgClient.PostJsonAsync(Client, "conversationalAutomation", "{}")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await AutomationKit.FieldAsync(Client))["prompts"]!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task AWelcomeRequestArrivesOncePerNewUserAndIceBreakersAndCommandsArriveAsText()
    {
        const string Ana = "16505550301", Ben = "16505550302", Cleo = "16505550303";
        await AutomationKit.SetAsync(Client, Settings);

        // Ana opens the chat for the first time: the business is asked to welcome her; she sees the ice breakers and commands.
        var opened = await AutomationKit.OpenChatAsync(Client, Ana);
        opened["new_chat"]!.GetValue<bool>().ShouldBeTrue();
        opened["welcome_requested"]!.GetValue<bool>().ShouldBeTrue();
        opened["ice_breakers"]!.ToJsonString().ShouldBe("""["Book a flight","Plan a vacation"]""");
        opened["commands"]![0]!.ToJsonString().ShouldBe("""{"command_name":"tickets","command_description":"Book flight tickets"}""");
        var welcomeId = opened["messages"]![0]!["id"]!.GetValue<string>();

        // Opening it again is not a first time.
        var again = await AutomationKit.OpenChatAsync(Client, Ana);
        again["welcome_requested"]!.GetValue<bool>().ShouldBeFalse();
        again["new_chat"]!.GetValue<bool>().ShouldBeFalse();
        again["ice_breakers"]!.AsArray().Count.ShouldBe(2, "ice breakers show until she writes");

        // Ben wrote before: not new, no welcome request.
        await CloudApi.UserWritesAsync(Client, Ben);
        (await AutomationKit.OpenChatAsync(Client, Ben))["welcome_requested"]!.GetValue<bool>().ShouldBeFalse();

        // With the welcome message off, Cleo opens the chat: nothing is sent, and she stays new until it is on.
        await AutomationKit.SetAsync(Client, """{"enable_welcome_message":false}""");
        (await AutomationKit.OpenChatAsync(Client, Cleo))["welcome_requested"]!.GetValue<bool>().ShouldBeFalse();
        await AutomationKit.SetAsync(Client, """{"enable_welcome_message":true}""");
        var cleoWelcome = (await AutomationKit.OpenChatAsync(Client, Cleo))["messages"]![0]!["id"]!.GetValue<string>();

        // Ana taps an ice breaker: its text arrives as her text message; then the ice breakers are gone.
        var (tapped, tap) = await AutomationKit.UserAsync(Client, Ana, "ice-breakers", new { prompt = "Plan a vacation" });
        tapped.ShouldBe(HttpStatusCode.OK, tap.ToJsonString());
        var tapId = tap["messages"]![0]!["id"]!.GetValue<string>();
        (await AutomationKit.OpenChatAsync(Client, Ana))["ice_breakers"]!.AsArray().ShouldBeEmpty();
        var (gone, goneBody) = await AutomationKit.UserAsync(Client, Ana, "ice-breakers", new { prompt = "Book a flight" });
        gone.ShouldBe(HttpStatusCode.BadRequest);
        goneBody.Code().ShouldBe(131009);
        var (unknown, unknownBody) = await AutomationKit.UserAsync(Client, Cleo, "ice-breakers", new { prompt = "Order pizza" });
        unknown.ShouldBe(HttpStatusCode.BadRequest);
        unknownBody.Code().ShouldBe(131009);

        // Ana picks a command from the menu: "/tickets …" arrives as her text.
        var (typed, command) = await AutomationKit.UserAsync(Client, Ana, "commands", new { command = "tickets", text = "to Lisbon" });
        typed.ShouldBe(HttpStatusCode.OK, command.ToJsonString());
        var commandId = command["messages"]![0]!["id"]!.GetValue<string>();
        var (notOne, notOneBody) = await AutomationKit.UserAsync(Client, Ana, "commands", new { command = "pizza" });
        notOne.ShouldBe(HttpStatusCode.BadRequest);
        notOneBody.Code().ShouldBe(131009);

        var messages = await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == commandId));
        var welcomes = messages.Where(m => m["type"]!.GetValue<string>() == "request_welcome").ToList();
        welcomes.Select(m => m["from"]!.GetValue<string>()).ShouldBe([Ana, Cleo], ignoreOrder: true);
        var welcome = welcomes.Single(m => m["from"]!.GetValue<string>() == Ana);
        welcome["id"]!.GetValue<string>().ShouldBe(welcomeId);
        welcome["timestamp"]!.GetValue<string>().ShouldNotBeEmpty();
        welcome.ContainsKey("text").ShouldBeFalse();
        welcomes.Single(m => m["from"]!.GetValue<string>() == Cleo)["id"]!.GetValue<string>().ShouldBe(cleoWelcome);
        messages.Single(m => m["id"]!.GetValue<string>() == tapId)["text"]!["body"]!.GetValue<string>().ShouldBe("Plan a vacation");
        messages.Single(m => m["id"]!.GetValue<string>() == commandId)["text"]!["body"]!.GetValue<string>().ShouldBe("/tickets to Lisbon");

        // The welcome request opened Cleo's customer service window: the business answers with free text.
        await CloudApi.SendOkAsync(Client, CloudApi.Text(Cleo, "Welcome! How can we help?"));
    }

    [Fact]
    public async Task OneMsgAndChannelsWebhooksShowTheWelcomeRequestMarkedAsSuch()
    {
        const string Dan = "16505550304";
        await using var onemsg = await WebhookReceiver.StartAsync();
        var (status, body) = await OneMsgClient.PostJsonAsync(Client, "settings", $$"""{"webhookUrl":"{{onemsg.Url}}"}""");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        await using var channels = await WebhookReceiver.StartAsync();
        await Admin.PostAsJsonAsync($"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = channels.Url, format = "channels" });
        (await OneMsgClient.PostJsonAsync(Client, "conversationalAutomation", Settings)).Status.ShouldBe(HttpStatusCode.OK);

        var id = (await AutomationKit.OpenChatAsync(Client, Dan))["messages"]![0]!["id"]!.GetValue<string>();

        var item = (await Eventually.Get(() => onemsg.Received.Select(r => r.Json).Where(j => j["messages"] is not null).ToList(), r => r.Count >= 1))[0]["messages"]![0]!;
        item["id"]!.GetValue<string>().ShouldBe(id);
        item["type"]!.GetValue<string>().ShouldBe("request_welcome");
        item["meta"]!.ToJsonString().ShouldBe("""{"request_welcome":true}""");
        item["body"]!.GetValue<string>().ShouldBe("");
        item["fromMe"]!.GetValue<bool>().ShouldBeFalse();
        item["chatId"]!.GetValue<string>().ShouldBe(Dan + "@c.us");

        var payload = (await Eventually.Get(() => channels.Received.ToList(), r => r.Count >= 1))[0].Json["payload"]!;
        payload["meta"]!["extraInformation"]!["request_welcome"]!.GetValue<string>().ShouldBe("true");
        payload["body"]!.ToJsonString().ShouldBe("""{"type":"text","text":{"text":""}}""");
    }
}
