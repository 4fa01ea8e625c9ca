using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>The Channels reads: one message, a channel's messages, a message's interactions and a contact's window.</summary>
public sealed class BirdReadTests : BirdTest
{
    private const string User = "16505553456";

    private static string ContactPath(string identifier) => $"/workspaces/{WorkspaceId}/channels/{ChannelId}/contacts/{Guid.NewGuid()}?contactIdentifierValue={Uri.EscapeDataString(identifier)}";

    [Fact]
    public async Task ContactWindowExpiresADayAfterTheLastInboundAndAgreesWithWhatTheCloudApiSees()
    {
        var (before, never) = await GetAsync(Channels, ContactPath("+" + User));
        before.ShouldBe(HttpStatusCode.OK);
        never.ContainsKey("serviceWindowExpireAt").ShouldBeTrue();
        never["serviceWindowExpireAt"].ShouldBeNull();

        var inbound = await CloudApi.UserWritesAsync(Client, User);
        var wrote = (await CloudApi.GetMessageAsync(Client, inbound))["created_at"]!.GetValue<DateTimeOffset>();
        var (_, open) = await GetAsync(Channels, ContactPath("+" + User));
        var expires = DateTimeOffset.Parse(open["serviceWindowExpireAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (expires - wrote).ShouldBe(TimeSpan.FromHours(24), TimeSpan.FromMilliseconds(1));
        var cloudInside = await CloudApi.SendOkAsync(Client, CloudApi.Text(User));
        (await CloudApi.WaitForStatusAsync(Client, cloudInside, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        (await SendAsync(Channels, To(User, new { type = "text", text = new { text = "inside" } }))).Status.ShouldBe(HttpStatusCode.Accepted);

        using (var response = await Admin.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = 25 * 3600 }))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var (_, closed) = await GetAsync(Channels, ContactPath(User)); // without "+": the channel's country code applies
        DateTimeOffset.Parse(closed["serviceWindowExpireAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expires);
        var cloudOutside = await CloudApi.SendOkAsync(Client, CloudApi.Text(User));
        var failed = await CloudApi.WaitForStatusAsync(Client, cloudOutside, "failed");
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["error"]!["code"]!.GetValue<int>().ShouldBe(131047);
        (await SendAsync(Channels, To(User, new { type = "text", text = new { text = "outside" } }))).Status.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ContactWithoutAPhoneNumberIs422AndUnknownChannelIs404()
    {
        var (invalid, body) = await GetAsync(Channels, $"/workspaces/{WorkspaceId}/channels/{ChannelId}/contacts/some-contact");
        var (missing, _) = await GetAsync(Channels, $"/workspaces/{WorkspaceId}/channels/{Guid.NewGuid()}/contacts/x?contactIdentifierValue=%2B{User}");

        invalid.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body["details"]!["contactIdentifierValue"]!.AsArray().ShouldNotBeEmpty();
        missing.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MessagesAreListedNewestFirstInPagesWithFilters()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await SendAcceptedAsync(To(User, new { type = "text", text = new { text = $"Message {i}" } })))["id"]!.GetValue<string>());
        }
        // Several images are one Channels message, listed once.
        ids.Add((await SendAcceptedAsync(To(User, new
        {
            type = "image",
            image = new { images = new[] { new { mediaUrl = "https://example.com/1.jpg" }, new { mediaUrl = "https://example.com/2.jpg" } } },
        })))["id"]!.GetValue<string>());

        var (status, first) = await GetAsync(Channels, MessagesPath + "?direction=outgoing&limit=2");
        status.ShouldBe(HttpStatusCode.OK);
        var seen = first["results"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        var token = first["nextPageToken"]!.GetValue<string>();
        while (token is not null)
        {
            var (_, page) = await GetAsync(Channels, $"{MessagesPath}?direction=outgoing&limit=2&pageToken={Uri.EscapeDataString(token)}");
            seen.AddRange(page["results"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            token = page["nextPageToken"]?.GetValue<string>();
        }
        seen.ShouldBe(Enumerable.Reverse(ids).ToList());

        var (_, incoming) = await GetAsync(Channels, MessagesPath + "?direction=incoming");
        incoming["results"]!.AsArray().ShouldHaveSingleItem()!["direction"]!.GetValue<string>().ShouldBe("incoming");
        var (badLimit, _) = await GetAsync(Channels, MessagesPath + "?limit=0");
        badLimit.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var (badDirection, _) = await GetAsync(Channels, MessagesPath + "?direction=sideways");
        badDirection.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task MessageIsReadBackWithItsStatusAndUnknownIdsAre404()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var accepted = await SendAcceptedAsync(To(User, new { type = "text", text = new { text = "Tracked" } }));
        await CloudApi.WaitForStatusAsync(Client, Wamids(accepted).Single(), "read");

        var (status, message) = await GetAsync(Channels, $"{MessagesPath}/{accepted["id"]}");
        var (missing, missingBody) = await GetAsync(Channels, $"{MessagesPath}/{Guid.NewGuid()}");

        status.ShouldBe(HttpStatusCode.OK);
        message["id"]!.GetValue<string>().ShouldBe(accepted["id"]!.GetValue<string>());
        message["status"]!.GetValue<string>().ShouldBe("delivered");
        message["body"]!["text"]!["text"]!.GetValue<string>().ShouldBe("Tracked");
        message["createdAt"]!.GetValue<string>().ShouldBe(accepted["createdAt"]!.GetValue<string>());
        missing.ShouldBe(HttpStatusCode.NotFound);
        missingBody["code"]!.GetValue<string>().ShouldBe("not_found");
    }

    [Fact]
    public async Task InteractionsShowTheReadAndTheTapOnAButton()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var accepted = await SendAcceptedAsync(To(User, new
        {
            type = "text",
            text = new { text = "Confirm?", actions = new[] { new { type = "postback", postback = new { text = "Confirm", payload = "confirm-42" } } } },
        }));
        var wamid = Wamids(accepted).Single();
        await CloudApi.WaitForStatusAsync(Client, wamid, "read");
        await CloudApi.UserWritesAsync(Client, User, new
        {
            from = User,
            type = "interactive",
            context = new { id = wamid },
            interactive = new { type = "button_reply", button_reply = new { id = "confirm-42", title = "Confirm" } },
        });

        var (status, body) = await GetAsync(Channels, $"{MessagesPath}/{accepted["id"]}/interactions");

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var interactions = body["results"]!.AsArray();
        interactions.Select(i => i!["type"]!.GetValue<string>()).ShouldBe(["read", "clicked"]);
        interactions.ShouldAllBe(i => i!["messageId"]!.GetValue<string>() == accepted["id"]!.GetValue<string>());
        interactions[1]!["metadata"]!["button"]!["payload"]!.GetValue<string>().ShouldBe("confirm-42");
    }
}
