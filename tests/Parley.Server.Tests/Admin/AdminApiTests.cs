using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>The admin API: accounts, channels, tokens and webhook subscriptions, behind the admin key.</summary>
public sealed class AdminApiTests : ParleyTest
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/admin/accounts" },
        { "POST", "/admin/accounts" },
        { "GET", $"/admin/accounts/{ParleyFactory.WabaId}" },
        { "PATCH", $"/admin/accounts/{ParleyFactory.WabaId}" },
        { "DELETE", $"/admin/accounts/{ParleyFactory.WabaId}" },
        { "GET", "/admin/channels" },
        { "POST", "/admin/channels" },
        { "GET", $"/admin/channels/{ParleyFactory.PhoneNumberId}" },
        { "PATCH", $"/admin/channels/{ParleyFactory.PhoneNumberId}" },
        { "DELETE", $"/admin/channels/{ParleyFactory.PhoneNumberId}" },
        { "GET", "/admin/tokens" },
        { "POST", "/admin/tokens" },
        { "DELETE", "/admin/tokens/tok_whatever" },
        { "GET", $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks" },
        { "POST", $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks" },
        { "DELETE", "/admin/webhooks/wh_whatever" },
        { "GET", "/admin/dead-letters" },
        { "POST", "/admin/dead-letters/replay" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpointWithoutKeyAnswers401Problem(string method, string path)
    {
        using var anonymous = Parley.CreateClient();

        using var response = await anonymous.SendAsync(Request(method, path));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await CloudApi.ReadAsync(response);
        body["status"]!.GetValue<int>().ShouldBe(401);
        body["title"]!.GetValue<string>().ShouldBe("Admin key required");
        await DemoDataIsIntactAsync();
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpointWithWrongKeyAnswers401Problem(string method, string path)
    {
        using var client = Parley.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", ParleyFactory.AdminKey + "x");

        using var response = await client.SendAsync(Request(method, path));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CloudApi.ReadAsync(response))["status"]!.GetValue<int>().ShouldBe(401);
        await DemoDataIsIntactAsync();
    }

    [Theory]
    [InlineData("POST", "/admin/accounts", "")]
    [InlineData("POST", "/admin/channels", "{")]
    [InlineData("PATCH", $"/admin/channels/{ParleyFactory.PhoneNumberId}", "[1,2]")]
    [InlineData("POST", "/admin/tokens", "")]
    [InlineData("POST", $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", "not json")]
    public async Task AdminEndpointWithoutKeyAnswers401BeforeLookingAtTheBody(string method, string path, string body)
    {
        using var anonymous = Parley.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await anonymous.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CloudApi.ReadAsync(response))["status"]!.GetValue<int>().ShouldBe(401);
    }

    [Fact]
    public async Task AdminKeyIsAcceptedAsBearerToken()
    {
        using var client = Parley.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ParleyFactory.AdminKey);

        var accounts = await Tenants.ListAsync(client, "/admin/accounts");

        accounts.Select(a => a!["id"]!.GetValue<string>()).ShouldContain(ParleyFactory.WabaId);
    }

    [Fact]
    public async Task AccountCreatedWithoutIdGetsNumericIdAndIsListed()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/accounts", new { name = "Acme Ltd" });

        status.ShouldBe(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<string>();
        id.ShouldMatch("^[0-9]+$");
        body["name"]!.GetValue<string>().ShouldBe("Acme Ltd");
        body["created_at"].ShouldNotBeNull();
        var (getStatus, fetched) = await Tenants.GetAsync(Admin, $"/admin/accounts/{id}");
        getStatus.ShouldBe(HttpStatusCode.OK);
        fetched["name"]!.GetValue<string>().ShouldBe("Acme Ltd");
        var listed = await Tenants.ListAsync(Admin, "/admin/accounts");
        listed.Select(a => a!["id"]!.GetValue<string>()).ShouldContain(id);
    }

    [Fact]
    public async Task AccountCreatedWithFixedIdKeepsIt()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/accounts", new { id = "700100200300", name = "Fixed" });

        status.ShouldBe(HttpStatusCode.Created);
        body["id"]!.GetValue<string>().ShouldBe("700100200300");
        (await Tenants.GetAsync(Admin, "/admin/accounts/700100200300")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreatingAccountWithExistingIdAnswers409AndKeepsTheOriginal()
    {
        await Tenants.PostAsync(Admin, "/admin/accounts", new { id = "700100200301", name = "Original" });

        var (status, body) = await Tenants.PostAsync(Admin, "/admin/accounts", new { id = "700100200301", name = "Impostor" });

        status.ShouldBe(HttpStatusCode.Conflict);
        body["status"]!.GetValue<int>().ShouldBe(409);
        body["detail"]!.GetValue<string>().ShouldBe("Account 700100200301 already exists.");
        (await Tenants.GetAsync(Admin, "/admin/accounts/700100200301")).Body["name"]!.GetValue<string>().ShouldBe("Original");
    }

    [Fact]
    public async Task CreatingAccountWithoutNameOrWithNonNumericIdIsAValidationProblem()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/accounts", new { id = "abc" });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["status"]!.GetValue<int>().ShouldBe(400);
        body["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["name", "id"], ignoreOrder: true);
        (await Tenants.GetAsync(Admin, "/admin/accounts/abc")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RenamingAccountChangesItsName()
    {
        var id = await Tenants.CreateAccountAsync(Admin, "Before");

        var (status, body) = await Tenants.PatchAsync(Admin, $"/admin/accounts/{id}", new { name = "After" });

        status.ShouldBe(HttpStatusCode.OK);
        body["name"]!.GetValue<string>().ShouldBe("After");
        (await Tenants.GetAsync(Admin, $"/admin/accounts/{id}")).Body["name"]!.GetValue<string>().ShouldBe("After");
    }

    [Fact]
    public async Task RenamingUnknownAccountAnswers404()
    {
        var (status, _) = await Tenants.PatchAsync(Admin, "/admin/accounts/999999999999", new { name = "Nobody" });

        status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Admin, "/admin/accounts/999999999999")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAccountRemovesItWithItsChannelsTokensAndWebhooks()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        var (accountTokenId, accountToken) = await Tenants.IssueTokenAsync(Admin, accountId: tenant.AccountId);
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, "http://127.0.0.1:9/webhook");

        var status = await Tenants.DeleteAsync(Admin, $"/admin/accounts/{tenant.AccountId}");

        status.ShouldBe(HttpStatusCode.NoContent);
        (await Tenants.GetAsync(Admin, $"/admin/accounts/{tenant.AccountId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.ListAsync(Admin, $"/admin/channels?account_id={tenant.AccountId}")).ShouldBeEmpty();
        (await Tenants.ListAsync(Admin, $"/admin/tokens?account_id={tenant.AccountId}")).ShouldBeEmpty();
        (await Tenants.ListAsync(Admin, $"/admin/tokens?channel_id={tenant.PhoneNumberId}")).ShouldBeEmpty();
        var all = await Tenants.ListAsync(Admin, "/admin/tokens");
        all.Select(t => t!["id"]!.GetValue<string>()).ShouldNotContain(tenant.TokenId);
        all.Select(t => t!["id"]!.GetValue<string>()).ShouldNotContain(accountTokenId);
        foreach (var token in new[] { tenant.Token, accountToken })
        {
            using var client = Parley.CreateChannelClient(token);
            var (sendStatus, body) = await CloudApi.SendAsync(client, CloudApi.Text("16505551234"), tenant.MessagesPath);
            sendStatus.ShouldNotBe(HttpStatusCode.OK);
            body.Code().ShouldBeOneOf(100, 190);
        }
        (await Tenants.DeleteAsync(Admin, $"/admin/accounts/{tenant.AccountId}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreatedChannelShowsAppSecretOnceAndNeverAgain()
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);

        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", new
        {
            account_id = accountId,
            phone_number_id = "800100200300",
            display_phone_number = "4915112345678",
            country_calling_code = "49",
            verified_name = "Acme GmbH",
        });

        status.ShouldBe(HttpStatusCode.Created);
        body["app_secret"]!.GetValue<string>().Length.ShouldBeGreaterThanOrEqualTo(16);
        var channel = body["channel"]!.AsObject();
        channel["phone_number_id"]!.GetValue<string>().ShouldBe("800100200300");
        channel["account_id"]!.GetValue<string>().ShouldBe(accountId);
        channel["display_phone_number"]!.GetValue<string>().ShouldBe("4915112345678");
        channel["country_calling_code"]!.GetValue<string>().ShouldBe("49");
        channel["verified_name"]!.GetValue<string>().ShouldBe("Acme GmbH");
        channel["upstream"]!.GetValue<string>().ShouldBe("sandbox");
        channel.ContainsKey("app_secret").ShouldBeFalse();

        using var getResponse = await Admin.GetAsync("/admin/channels/800100200300");
        getResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var getText = await getResponse.Content.ReadAsStringAsync();
        getText.ShouldNotContain("secret");
        getText.ShouldNotContain(body["app_secret"]!.GetValue<string>());
        using var listResponse = await Admin.GetAsync($"/admin/channels?account_id={accountId}");
        var listText = await listResponse.Content.ReadAsStringAsync();
        listText.ShouldNotContain("secret");
        JsonNode.Parse(listText)!.AsArray().Select(c => c!["phone_number_id"]!.GetValue<string>()).ShouldBe(["800100200300"]);
    }

    [Fact]
    public async Task ListingAllChannelsIncludesDemoAndNewChannels()
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);
        var (channelId, _) = await Tenants.CreateChannelAsync(Admin, accountId);

        var channels = await Tenants.ListAsync(Admin, "/admin/channels");

        var ids = channels.Select(c => c!["phone_number_id"]!.GetValue<string>()).ToList();
        ids.ShouldContain(ParleyFactory.PhoneNumberId);
        ids.ShouldContain(channelId);
        channels.ShouldAllBe(c => !c!.AsObject().ContainsKey("app_secret"));
    }

    [Fact]
    public async Task CreatingChannelWithExistingIdAnswers409()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", new
        {
            account_id = ParleyFactory.WabaId, phone_number_id = ParleyFactory.PhoneNumberId, display_phone_number = "15550001234",
        });

        status.ShouldBe(HttpStatusCode.Conflict);
        body["status"]!.GetValue<int>().ShouldBe(409);
        body["detail"]!.GetValue<string>().ShouldBe($"Channel {ParleyFactory.PhoneNumberId} already exists.");
        (await Tenants.GetAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}")).Body["display_phone_number"]!.GetValue<string>()
            .ShouldBe(ParleyFactory.DisplayPhoneNumber);
    }

    public static TheoryData<string, string, string> InvalidChannels => new()
    {
        { "display_phone_number", "12ab", "1" },
        { "display_phone_number", "123", "1" },
        { "country_calling_code", "15550001234", "0" },
        { "country_calling_code", "15550001234", "1234" },
    };

    [Theory]
    [MemberData(nameof(InvalidChannels))]
    public async Task CreatingChannelWithBadNumberIsAValidationProblemNamingTheField(string field, string display, string countryCode)
    {
        var before = await Tenants.ListAsync(Admin, "/admin/channels");

        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", new
        {
            account_id = ParleyFactory.WabaId, display_phone_number = display, country_calling_code = countryCode,
        });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["status"]!.GetValue<int>().ShouldBe(400);
        body["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        (await Tenants.ListAsync(Admin, "/admin/channels")).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task CreatingChannelWithUnknownUpstreamIsAValidationProblem()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", new
        {
            account_id = ParleyFactory.WabaId, display_phone_number = "15550001234", upstream = "carrier-pigeon",
        });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["upstream"]![0]!.GetValue<string>().ShouldContain("sandbox");
        body["errors"]!.AsObject().Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreatingChannelForUnknownAccountIsAValidationProblem()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", new
        {
            account_id = "999999999999", phone_number_id = "800100200399", display_phone_number = "15550001234",
        });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["account_id"]![0]!.GetValue<string>().ShouldBe("no such account");
        (await Tenants.GetAsync(Admin, "/admin/channels/800100200399")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreatingChannelWithoutRequiredFieldsNamesThemAll()
    {
        var (status, body) = await Tenants.PostAsync(Admin, "/admin/channels", new { });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["account_id", "display_phone_number"], ignoreOrder: true);
    }

    [Fact]
    public async Task UpdatingMessagesPerSecondIsStored()
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);
        var (channelId, _) = await Tenants.CreateChannelAsync(Admin, accountId);

        var (status, body) = await Tenants.PatchAsync(Admin, $"/admin/channels/{channelId}", new { messages_per_second = 5 });

        status.ShouldBe(HttpStatusCode.OK);
        body["messages_per_second"]!.GetValue<int>().ShouldBe(5);
        body["display_phone_number"]!.GetValue<string>().ShouldBe("15550009999");
        var (_, fetched) = await Tenants.GetAsync(Admin, $"/admin/channels/{channelId}");
        fetched["messages_per_second"]!.GetValue<int>().ShouldBe(5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task UpdatingMessagesPerSecondOutOfRangeIsAValidationProblem(int messagesPerSecond)
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);
        var (channelId, _) = await Tenants.CreateChannelAsync(Admin, accountId);

        var (status, body) = await Tenants.PatchAsync(Admin, $"/admin/channels/{channelId}", new { messages_per_second = messagesPerSecond });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["messages_per_second"]);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{channelId}")).Body["messages_per_second"]!.GetValue<int>().ShouldBe(80);
    }

    [Fact]
    public async Task UpdatingUnknownChannelAnswers404()
    {
        var (status, _) = await Tenants.PatchAsync(Admin, "/admin/channels/999999999999", new { messages_per_second = 5 });

        status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingChannelRemovesItAndItsTokens()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);

        var status = await Tenants.DeleteAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}");

        status.ShouldBe(HttpStatusCode.NoContent);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.ListAsync(Admin, $"/admin/channels?account_id={tenant.AccountId}")).ShouldBeEmpty();
        (await Tenants.ListAsync(Admin, $"/admin/tokens?channel_id={tenant.PhoneNumberId}")).ShouldBeEmpty();
        (await Tenants.GetAsync(Admin, $"/admin/accounts/{tenant.AccountId}")).Status.ShouldBe(HttpStatusCode.OK);
        (await Tenants.DeleteAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ChannelTokenSendsOnItsChannelAndIsListedWithoutItsValue()
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);
        var (channelId, _) = await Tenants.CreateChannelAsync(Admin, accountId);

        var (status, body) = await Tenants.PostAsync(Admin, "/admin/tokens", new { channel_id = channelId, label = "crm" });

        status.ShouldBe(HttpStatusCode.Created);
        var token = body["access_token"]!.GetValue<string>();
        var tokenId = body["token"]!["id"]!.GetValue<string>();
        body["token"]!["channel_id"]!.GetValue<string>().ShouldBe(channelId);
        body["token"]!["label"]!.GetValue<string>().ShouldBe("crm");
        using var client = Parley.CreateChannelClient(token);
        await Tenants.UserWritesAsync(client, channelId, "16505552001");
        var id = await Tenants.SendTextAsync(client, channelId, "16505552001");
        id.ShouldStartWith("wamid.");
        (await Tenants.WaitForStatusAsync(client, channelId, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");

        using var listResponse = await Admin.GetAsync($"/admin/tokens?channel_id={channelId}");
        var listText = await listResponse.Content.ReadAsStringAsync();
        listText.ShouldNotContain(token);
        var listed = JsonNode.Parse(listText)!.AsArray().ShouldHaveSingleItem()!.AsObject();
        listed["id"]!.GetValue<string>().ShouldBe(tokenId);
        listed["channel_id"]!.GetValue<string>().ShouldBe(channelId);
        listed.ContainsKey("access_token").ShouldBeFalse();
        listed.ContainsKey("hash").ShouldBeFalse();
        listed["revoked_at"].ShouldBeNull();
    }

    [Fact]
    public async Task ChannelTokenCannotUseAnotherChannel()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var client = Parley.CreateChannelClient(tenant.Token);

        var (status, body) = await CloudApi.SendAsync(client, CloudApi.Text("16505552002"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
    }

    [Fact]
    public async Task AccountTokenWorksOnEveryChannelOfTheAccountButNotOnOthers()
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);
        var (first, _) = await Tenants.CreateChannelAsync(Admin, accountId);
        var (second, _) = await Tenants.CreateChannelAsync(Admin, accountId);

        var (tokenId, token) = await Tenants.IssueTokenAsync(Admin, accountId: accountId);

        using var client = Parley.CreateChannelClient(token);
        foreach (var channelId in new[] { first, second })
        {
            await Tenants.UserWritesAsync(client, channelId, "16505552003");
            var id = await Tenants.SendTextAsync(client, channelId, "16505552003");
            (await Tenants.WaitForStatusAsync(client, channelId, id, "read"))["status"]!.GetValue<string>().ShouldBe("read");
        }
        var (status, body) = await CloudApi.SendAsync(client, CloudApi.Text("16505552003"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.Code().ShouldBe(100);
        body.Error()["error_subcode"]!.GetValue<int>().ShouldBe(33);
        var listed = (await Tenants.ListAsync(Admin, $"/admin/tokens?account_id={accountId}")).ShouldHaveSingleItem()!.AsObject();
        listed["id"]!.GetValue<string>().ShouldBe(tokenId);
        listed["account_id"]!.GetValue<string>().ShouldBe(accountId);
        listed["channel_id"].ShouldBeNull();
    }

    [Fact]
    public async Task RevokedTokenGets401Code190()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var client = Parley.CreateChannelClient(tenant.Token);
        await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505552004");
        await Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505552004");

        var status = await Tenants.DeleteAsync(Admin, $"/admin/tokens/{tenant.TokenId}");

        status.ShouldBe(HttpStatusCode.NoContent);
        var (sendStatus, body) = await Eventually.Get(
            () => CloudApi.SendAsync(client, CloudApi.Text("16505552004"), tenant.MessagesPath),
            r => r.Status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10));
        sendStatus.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe(190);
        var listed = (await Tenants.ListAsync(Admin, $"/admin/tokens?channel_id={tenant.PhoneNumberId}")).ShouldHaveSingleItem()!;
        listed["revoked_at"].ShouldNotBeNull();
        (await Tenants.DeleteAsync(Admin, $"/admin/tokens/{tenant.TokenId}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedAtOnceOnTheNodeThatRevokedItThoughItWasJustCached()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        using var client = Parley.CreateChannelClient(tenant.Token);
        await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505552005");
        await Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505552005");

        (await Tenants.DeleteAsync(Admin, $"/admin/tokens/{tenant.TokenId}")).ShouldBe(HttpStatusCode.NoContent);
        var (status, body) = await CloudApi.SendAsync(client, CloudApi.Text("16505552005"), tenant.MessagesPath);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe(190);
    }

    [Fact]
    public async Task TokenNeedsExactlyOneOfChannelAndAccount()
    {
        var accountId = await Tenants.CreateAccountAsync(Admin);
        var (channelId, _) = await Tenants.CreateChannelAsync(Admin, accountId);

        var (both, bothBody) = await Tenants.PostAsync(Admin, "/admin/tokens", new { channel_id = channelId, account_id = accountId });
        var (neither, neitherBody) = await Tenants.PostAsync(Admin, "/admin/tokens", new { label = "nothing" });

        both.ShouldBe(HttpStatusCode.BadRequest);
        bothBody["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["channel_id"]);
        neither.ShouldBe(HttpStatusCode.BadRequest);
        neitherBody["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["channel_id"]);
        (await Tenants.ListAsync(Admin, $"/admin/tokens?account_id={accountId}")).ShouldBeEmpty();
        (await Tenants.ListAsync(Admin, $"/admin/tokens?channel_id={channelId}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task TokenForUnknownChannelOrAccountIsAValidationProblem()
    {
        var (channelStatus, channelBody) = await Tenants.PostAsync(Admin, "/admin/tokens", new { channel_id = "999999999999" });
        var (accountStatus, accountBody) = await Tenants.PostAsync(Admin, "/admin/tokens", new { account_id = "999999999999" });

        channelStatus.ShouldBe(HttpStatusCode.BadRequest);
        channelBody["errors"]!["channel_id"]![0]!.GetValue<string>().ShouldBe("no such channel");
        accountStatus.ShouldBe(HttpStatusCode.BadRequest);
        accountBody["errors"]!["account_id"]![0]!.GetValue<string>().ShouldBe("no such account");
    }

    [Fact]
    public async Task WebhookSubscriptionIsCreatedListedAndDeleted()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);

        var (status, body) = await Tenants.PostAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks",
            new { url = "https://example.com/hooks/whatsapp", secret = "s3cret-value", events = "messages, statuses" });

        status.ShouldBe(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<string>();
        id.ShouldStartWith("wh_");
        body["channel_id"]!.GetValue<string>().ShouldBe(tenant.PhoneNumberId);
        body["url"]!.GetValue<string>().ShouldBe("https://example.com/hooks/whatsapp");
        body["format"]!.GetValue<string>().ShouldBe("cloudapi");
        body["events"]!.GetValue<string>().ShouldBe("messages,statuses");
        body["has_secret"]!.GetValue<bool>().ShouldBeTrue();
        body.ContainsKey("secret").ShouldBeFalse();
        var listed = await Tenants.ListAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks");
        listed.ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(id);

        (await Tenants.DeleteAsync(Admin, $"/admin/webhooks/{id}")).ShouldBe(HttpStatusCode.NoContent);

        (await Tenants.ListAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks")).ShouldBeEmpty();
        (await Tenants.DeleteAsync(Admin, $"/admin/webhooks/{id}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WebhookForUnknownChannelAnswers404()
    {
        var (status, _) = await Tenants.PostAsync(Admin, "/admin/channels/999999999999/webhooks", new { url = "https://example.com/hook" });

        status.ShouldBe(HttpStatusCode.NotFound);
        (await Tenants.GetAsync(Admin, "/admin/channels/999999999999/webhooks")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string?, string?, string?> InvalidWebhooks => new()
    {
        { "url", "not a url", null, null },
        { "url", "ftp://example.com/hook", null, null },
        { "url", "https://user:pass@example.com/hook", null, null },
        { "url", null, null, null },
        { "format", "https://example.com/hook", "xml", null },
        { "events", "https://example.com/hook", null, "messages,clicks" },
        { "events", "https://example.com/hook", null, "" },
    };

    [Theory]
    [MemberData(nameof(InvalidWebhooks))]
    public async Task InvalidWebhookIsAValidationProblemNamingTheField(string field, string? url, string? format, string? events)
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);

        var (status, body) = await Tenants.PostAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks", new { url, format, events });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["status"]!.GetValue<int>().ShouldBe(400);
        body["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        (await Tenants.ListAsync(Admin, $"/admin/channels/{tenant.PhoneNumberId}/webhooks")).ShouldBeEmpty();
    }

    [Fact]
    public async Task StatusesOnlySubscriptionGetsStatusesButNotInboundMessages()
    {
        var tenant = await Tenants.CreateChannelWithTokenAsync(Parley);
        await using var statusesReceiver = await WebhookReceiver.StartAsync();
        await using var messagesReceiver = await WebhookReceiver.StartAsync();
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, statusesReceiver.Url, events: "statuses");
        await Tenants.SubscribeAsync(Parley, tenant.PhoneNumberId, messagesReceiver.Url, events: "messages");
        using var client = Parley.CreateChannelClient(tenant.Token);

        var inbound = await Tenants.UserWritesAsync(client, tenant.PhoneNumberId, "16505552005");
        var id = await Tenants.SendTextAsync(client, tenant.PhoneNumberId, "16505552005");

        var statuses = await Eventually.Get(() => statusesReceiver.Statuses().Where(s => s["id"]!.GetValue<string>() == id).ToList(), s => s.Count >= 3);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBe(["sent", "delivered", "read"], ignoreOrder: true);
        var messages = await Eventually.Get(() => messagesReceiver.Messages(), m => m.Count >= 1);
        messages.ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(inbound);
        statusesReceiver.Messages().ShouldBeEmpty();
        messagesReceiver.Statuses().ShouldBeEmpty();
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PATCH")
        {
            request.Content = new StringContent("""{"name":"x","account_id":"1","display_phone_number":"15550001234","channel_id":"1","url":"https://example.com/x"}""", Encoding.UTF8, "application/json");
        }
        return request;
    }

    private async Task DemoDataIsIntactAsync()
    {
        (await Tenants.GetAsync(Admin, $"/admin/accounts/{ParleyFactory.WabaId}")).Status.ShouldBe(HttpStatusCode.OK);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>With private networks refused (production), webhook URLs into loopback or private ranges are rejected.</summary>
public sealed class AdminWebhookNetworkTests() : ParleyTest(new Dictionary<string, string?> { ["Parley:Network:AllowPrivateNetworks"] = "false" })
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/webhook")]
    [InlineData("http://localhost/webhook")]
    [InlineData("http://10.1.2.3/webhook")]
    [InlineData("http://192.168.1.10/webhook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/webhook")]
    public async Task WebhookToPrivateAddressIsRefusedAtCreation(string url)
    {
        var (status, body) = await Tenants.PostAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url });

        status.ShouldBe(HttpStatusCode.BadRequest);
        body["errors"]!["url"]![0]!.GetValue<string>().ShouldBe("points to a private or loopback address");
        (await Tenants.ListAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks")).ShouldBeEmpty();
    }

    [Fact]
    public async Task WebhookToPublicAddressIsAccepted()
    {
        var (status, body) = await Tenants.PostAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks", new { url = "https://hooks.example.com/whatsapp" });

        status.ShouldBe(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<string>();
        (await Tenants.ListAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}/webhooks")).Select(w => w!["id"]!.GetValue<string>()).ShouldContain(id);
        (await Tenants.DeleteAsync(Admin, $"/admin/webhooks/{id}")).ShouldBe(HttpStatusCode.NoContent);
    }
}
