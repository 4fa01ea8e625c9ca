using System.Net;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Dialects.Bird;

/// <summary>Every error status of the send endpoint, in the Channels error format, with nothing accepted afterwards.</summary>
public sealed class ChannelsErrorTests : BirdTest
{
    private const string User = "16505552345";

    private static object Text(string to = User, string text = "Hello") => To(to, new { type = "text", text = new { text } });

    [Fact]
    public async Task BodyThatIsNotJsonIs400()
    {
        var (status, body) = await SendRawAsync(Channels, "{\"receiver\": ");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<string>().ShouldBe("bad_request");
        body["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        await NothingAcceptedAsync();
    }

    [Fact]
    public async Task BodyThatIsAnArrayIs400()
    {
        var (status, body) = await SendRawAsync(Channels, "[]");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<string>().ShouldBe("bad_request");
    }

    [Fact]
    public async Task MissingOrWrongAccessKeyIs401()
    {
        using var anonymous = Parley.CreateClient();
        var (missing, missingBody) = await SendAsync(anonymous, Text());
        using var wrong = CreateAccessKeyClient("not-a-key");
        var (invalid, _) = await SendAsync(wrong, Text());
        var (bearer, _) = await SendAsync(Client, Text()); // the Cloud API's scheme is not the Channels API's

        missing.ShouldBe(HttpStatusCode.Unauthorized);
        missingBody["code"]!.GetValue<string>().ShouldBe("unauthorized");
        invalid.ShouldBe(HttpStatusCode.Unauthorized);
        bearer.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownWorkspaceOrChannelIs404()
    {
        var unknownWorkspace = $"/workspaces/{Guid.NewGuid()}/channels/{ChannelId}/messages";
        var unknownChannel = $"/workspaces/{WorkspaceId}/channels/{Guid.NewGuid()}/messages";
        var notAUuid = $"/workspaces/{WorkspaceId}/channels/106540352242922/messages";

        var (workspace, workspaceBody) = await SendAsync(Channels, Text(), unknownWorkspace);
        var (channel, channelBody) = await SendAsync(Channels, Text(), unknownChannel);
        var (digits, _) = await SendAsync(Channels, Text(), notAUuid);

        workspace.ShouldBe(HttpStatusCode.NotFound);
        workspaceBody["code"]!.GetValue<string>().ShouldBe("not_found");
        workspaceBody["message"]!.GetValue<string>().ShouldBe("The requested resource does not exist: workspace not found");
        channel.ShouldBe(HttpStatusCode.NotFound);
        channelBody["message"]!.GetValue<string>().ShouldBe("The requested resource does not exist: channel not found");
        digits.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherTenantsChannelIs404ForTheKeyAndItsOwnWorksWithItsOwnKey()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        var view = await Tenants.GetAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}");
        var path = $"/workspaces/{view.Body["workspace_id"]}/channels/{view.Body["channels_channel_id"]}/messages";
        using (var sandbox = Parley.CreateChannelClient(tenant.Token))
        {
            await CloudApi.UserWritesAsync(sandbox, User, phoneNumberId: tenant.PhoneNumberId);
        }

        var (foreign, _) = await SendAsync(Channels, Text(), path);
        using var own = CreateAccessKeyClient(tenant.Token);
        var (mine, accepted) = await SendAsync(own, Text(), path);
        var (demo, _) = await SendAsync(own, Text());

        foreign.ShouldBe(HttpStatusCode.NotFound);
        mine.ShouldBe(HttpStatusCode.Accepted, accepted.ToJsonString());
        demo.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NonTemplateMessageOutsideTheCustomerCareWindowIs409AndNothingIsSent()
    {
        var (status, body) = await SendAsync(Channels, Text("16505550001"));

        status.ShouldBe(HttpStatusCode.Conflict);
        body["code"]!.GetValue<string>().ShouldBe("conflict");
        body["message"]!.GetValue<string>().ShouldContain("customer care window");
        await NothingAcceptedAsync();
    }

    [Fact]
    public async Task ChannelWhoseUpstreamIsNotAvailableIs409()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        var view = await Tenants.GetAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}");
        var path = $"/workspaces/{view.Body["workspace_id"]}/channels/{view.Body["channels_channel_id"]}/messages";
        using (var sandbox = Parley.CreateChannelClient(tenant.Token))
        {
            await CloudApi.UserWritesAsync(sandbox, User, phoneNumberId: tenant.PhoneNumberId);
        }
        // An upstream kind this server no longer has (the admin API refuses to set one), as after a configuration change.
        var store = (Parley.Storage.IAccountStore)Parley.Services.GetService(typeof(Parley.Storage.IAccountStore))!;
        var channel = (await store.GetChannelAsync(tenant.PhoneNumberId, default))!;
        await store.UpdateChannelAsync(channel with { Upstream = "retired-upstream" }, default);
        ((Parley.Server.Auth.ChannelDirectory)Parley.Services.GetService(typeof(Parley.Server.Auth.ChannelDirectory))!).Invalidate();

        using var own = CreateAccessKeyClient(tenant.Token);
        var (status, body) = await SendAsync(own, Text(), path);

        status.ShouldBe(HttpStatusCode.Conflict, body.ToJsonString());
        body["message"]!.GetValue<string>().ShouldContain("cannot send");
    }

    [Fact]
    public async Task RequestBodyOver200KbIs413()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var (status, body) = await SendAsync(Channels, Text(text: new string('a', 210 * 1024)));

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body["code"]!.GetValue<string>().ShouldBe("payload_too_large");
        await NothingAcceptedAsync();
    }

    [Fact]
    public async Task InlineAttachmentOver100KbIs413()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var inline = "data:image/png;base64," + new string('A', 110 * 1024);
        var (status, body) = await SendAsync(Channels, To(User, new { type = "image", image = new { images = new[] { new { mediaUrl = inline } } } }));

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body["message"]!.GetValue<string>().ShouldContain("body.image.images[0].mediaUrl");
    }

    [Fact]
    public async Task InvalidFieldsAre422WithDetailsPerField()
    {
        var (status, body) = await SendAsync(Channels, new
        {
            receiver = new { contacts = Array.Empty<object>() },
            body = new { type = "carousel", carousel = new { items = new[] { new { title = "Only one", mediaUrl = "https://example.com/a.gif" } } } },
            colour = "blue",
        });

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body["code"]!.GetValue<string>().ShouldBe("invalid_parameters");
        var details = body["details"]!.AsObject();
        details["receiver.contacts"]!.AsArray().ShouldNotBeEmpty();
        details["colour"]![0]!.GetValue<string>().ShouldBe("is not a known field");
        details["body.carousel.text"]![0]!.GetValue<string>().ShouldBe("is required");
        details["body.carousel.items"]![0]!.GetValue<string>().ShouldBe("must hold 2 to 10 cards");
        details.ContainsKey("body.carousel.items[0].mediaUrl").ShouldBeTrue();
        details.ContainsKey("body.carousel.items[0].actions").ShouldBeTrue();
        await NothingAcceptedAsync();
    }

    [Fact]
    public async Task WhatsAppRulesBrokenByTheMappedMessageAre422()
    {
        await CloudApi.UserWritesAsync(Client, User);
        var actions = Enumerable.Range(1, 4).Select(i => new { type = "reply", reply = new { text = $"Option {i}" } }).ToArray();

        var (tooMany, body) = await SendAsync(Channels, To(User, new { type = "text", text = new { text = "Pick one", actions } }));
        var (tooLong, longBody) = await SendAsync(Channels, Text(text: new string('x', 4097)));
        var (badReply, replyBody) = await SendAsync(Channels, new
        {
            receiver = new { contacts = new[] { new { identifierValue = "+" + User } } },
            body = new { type = "text", text = new { text = "Hi" } },
            replyTo = new { id = Guid.NewGuid(), type = "message" },
        });

        tooMany.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body["details"]!["body"]![0]!.GetValue<string>().ShouldContain("131009");
        tooLong.ShouldBe(HttpStatusCode.UnprocessableEntity, longBody.ToJsonString());
        badReply.ShouldBe(HttpStatusCode.UnprocessableEntity);
        replyBody["details"]!["replyTo.id"]!.AsArray().ShouldNotBeEmpty();
        await NothingAcceptedAsync();
    }

    [Fact]
    public async Task MalformedBodiesNeverGiveA5xx()
    {
        string[] bodies =
        [
            "null", "42", "\"text\"", "{}", "{\"receiver\":null,\"body\":null}", "{\"receiver\":{\"contacts\":[null]}}",
            "{\"receiver\":{\"contacts\":[{\"identifierValue\":5}]},\"body\":{\"type\":\"text\",\"text\":[]}}",
            "{\"receiver\":{\"contacts\":[{\"identifierValue\":\"+16505552345\"}]},\"body\":{\"type\":\"list\",\"list\":{\"text\":\"t\",\"items\":[1,{\"actions\":[{\"type\":\"buy\"}]}]}}}",
            "{\"receiver\":{\"contacts\":[{\"identifierValue\":\"+16505552345\"}]},\"template\":{\"name\":\"x\",\"locale\":\"en\",\"parameters\":[{\"type\":\"object\",\"key\":\"k\"}]}}",
            "{\"receiver\":{\"contacts\":[{\"identifierValue\":\"not a number\"}]},\"body\":{\"type\":\"location\",\"location\":{\"coordinates\":{\"latitude\":\"north\"}}}}",
        ];
        foreach (var json in bodies)
        {
            var (status, body) = await SendRawAsync(Channels, json);
            ((int)status).ShouldBeInRange(400, 499, json);
            body.ContainsKey("code").ShouldBeTrue(json);
        }
    }

    private async Task NothingAcceptedAsync()
    {
        var (status, page) = await GetAsync(Channels, MessagesPath + "?direction=outgoing");
        status.ShouldBe(HttpStatusCode.OK);
        page["results"]!.AsArray().ShouldBeEmpty();
    }
}
