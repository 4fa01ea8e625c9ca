using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.CloudApiDialect;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Templates;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Management calls of a <c>meta</c> channel's account, relayed to Meta (B): A's meta channel has its own account id,
/// Meta's WABA id in its settings; B's webhooks (template verdicts included) reach A's <c>/webhooks/meta</c>.
/// </summary>
public sealed class MetaManagementEndToEndTests() : MetaPairTest("meta-mgmt", new Dictionary<string, string> { ["Parley__Sandbox__TemplateReviewDelayMs"] = "300" })
{
    private const string User = "16505557002";

    [Fact]
    public async Task TemplateCreatedThroughAIsCreatedAtMetaApprovedByItsWebhookSentAndDeletedThere()
    {
        var (accountId, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();

        // Created at Meta (B), under A's account id; A answers with Meta's id and status.
        var (status, created) = await TemplateApi.CreateAsync(clientA, TemplateApi.OrderConfirmation(), Templates(accountId));
        status.ShouldBe(HttpStatusCode.OK, created.ToJsonString());
        created["status"]!.GetValue<string>().ShouldBe("PENDING");
        created["category"]!.GetValue<string>().ShouldBe("UTILITY");
        var id = created["id"]!.GetValue<string>();
        var (metaStatus, atMeta) = await TemplateApi.GetAsync(clientB, $"/v23.0/{id}");
        metaStatus.ShouldBe(HttpStatusCode.OK, atMeta.ToJsonString());
        atMeta["name"]!.GetValue<string>().ShouldBe("order_confirmation");

        // Meta's verdict arrives at /webhooks/meta: A's local copy is approved and A's subscribers hear of it once.
        var updates = await Eventually.Get(() => Receiver.TemplateUpdates(), u => u.Any(x => x["event"]!.GetValue<string>() == "APPROVED"), TimeSpan.FromSeconds(30));
        updates.ShouldHaveSingleItem()["message_template_id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(id);
        var (_, local) = await TemplateApi.GetAsync(clientA, $"/v23.0/{id}");
        local["status"]!.GetValue<string>().ShouldBe("APPROVED");
        // A's list is Meta's (its sample template included), under Meta's ids.
        (await IdsAsync(clientA, Templates(accountId))).ShouldBe(await IdsAsync(clientB, TemplateApi.TemplatesPath), ignoreOrder: true);
        (await IdsAsync(clientA, Templates(accountId))).ShouldContain(id);

        // The approved template can be sent through the meta channel: B sends it to the user.
        var messageId = await CloudApi.SendOkAsync(clientA, TemplateApi.OrderMessage(User), path: channel.MessagesPath);
        (await Eventually.Get(() => MetaChannels.StatusOfAsync(clientA, channel.PhoneNumberId, messageId), s => s is "delivered" or "read" or "failed", TimeSpan.FromSeconds(30)))
            .ShouldBeOneOf("delivered", "read");

        // Deleted at Meta and locally.
        using var deleted = await clientA.DeleteAsync(Templates(accountId) + "?name=order_confirmation");
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK, await deleted.Content.ReadAsStringAsync());
        (await TemplateApi.GetAsync(clientB, $"/v23.0/{id}")).ShouldBeUnknown(id);
        (await TemplateApi.GetAsync(clientA, $"/v23.0/{id}")).ShouldBeUnknown(id);
    }

    [Fact]
    public async Task MetasRefusalIsAnsweredAsItIsAndNothingIsStoredLocally()
    {
        var (accountId, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        // The template already exists at Meta (created there directly): Meta refuses a second one of that name and language.
        var (first, _) = await TemplateApi.CreateAsync(clientB, TemplateApi.OrderConfirmation());
        first.ShouldBe(HttpStatusCode.OK);
        var (metaStatus, metaError) = await TemplateApi.CreateAsync(clientB, TemplateApi.OrderConfirmation());

        var (status, error) = await TemplateApi.CreateAsync(clientA, TemplateApi.OrderConfirmation(), Templates(accountId));

        status.ShouldBe(metaStatus);
        error.Code().ShouldBe(metaError.Code());
        error.Error()["message"]!.GetValue<string>().ShouldBe(metaError.Error()["message"]!.GetValue<string>());
        // A's copy is Meta's list: the template created at Meta directly, once, under Meta's id.
        var (_, list) = await TemplateApi.GetAsync(clientA, Templates(accountId));
        list["data"]!.AsArray().Count(t => t!["name"]!.GetValue<string>() == "order_confirmation").ShouldBe(1);
        (await IdsAsync(clientA, Templates(accountId))).ShouldBe(await IdsAsync(clientB, TemplateApi.TemplatesPath), ignoreOrder: true);
    }

    [Fact]
    public async Task PhoneNumberAndProfileOfAMetaChannelAreReadAndChangedAtMeta()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        const string Fields = "?fields=verified_name,display_phone_number,quality_rating,code_verification_status";

        // The number as Meta answers it, under A's id for the channel.
        var (status, number) = await TemplateApi.GetAsync(clientA, $"/v23.0/{channel.PhoneNumberId}{Fields}");
        var (_, atMeta) = await TemplateApi.GetAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}{Fields}");
        status.ShouldBe(HttpStatusCode.OK, number.ToJsonString());
        number["id"]!.GetValue<string>().ShouldBe(channel.PhoneNumberId);
        atMeta["id"] = channel.PhoneNumberId;
        JsonNode.DeepEquals(number, atMeta).ShouldBeTrue($"{number.ToJsonString()} vs {atMeta.ToJsonString()}");

        // A profile change through A is made at Meta; one made at Meta directly is what A reads.
        var (updated, success) = await TemplateApi.PostAsync(clientA, $"/v23.0/{channel.PhoneNumberId}/whatsapp_business_profile",
            new JsonObject { ["messaging_product"] = "whatsapp", ["about"] = "Relayed through A" });
        updated.ShouldBe(HttpStatusCode.OK, success.ToJsonString());
        (await AboutAsync(clientB, ParleyFactory.PhoneNumberId)).ShouldBe("Relayed through A");
        var (changed, _) = await TemplateApi.PostAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}/whatsapp_business_profile",
            new JsonObject { ["messaging_product"] = "whatsapp", ["about"] = "Changed at Meta" });
        changed.ShouldBe(HttpStatusCode.OK);
        (await AboutAsync(clientA, channel.PhoneNumberId)).ShouldBe("Changed at Meta");

        // An invalid value is refused with the same error, and nothing changes at Meta.
        var (refused, error) = await TemplateApi.PostAsync(clientA, $"/v23.0/{channel.PhoneNumberId}/whatsapp_business_profile",
            new JsonObject { ["messaging_product"] = "whatsapp", ["vertical"] = "NOT_A_VERTICAL" });
        refused.ShouldBe(HttpStatusCode.BadRequest, error.ToJsonString());
        (await AboutAsync(clientA, channel.PhoneNumberId)).ShouldBe("Changed at Meta");
    }

    [Fact]
    public async Task RegistrationThroughAIsMadeAtMetaAndADeregisteredNumberIsRefusedAtAcceptWith133010()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var registration = $"/v23.0/{channel.PhoneNumberId}";

        // The first registration sets the PIN at Meta.
        ShouldSucceed(await TemplateApi.PostAsync(clientA, registration + "/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "123456" }));
        (await AtMetaAsync(clientB, "is_pin_enabled")).ShouldBe("true");
        (await AtMetaAsync(clientB, "status")).ShouldBe("CONNECTED");

        // Deregistered at Meta; A refuses the next send at accept, from its own copy.
        ShouldSucceed(await TemplateApi.PostAsync(clientA, registration + "/deregister", []));
        (await AtMetaAsync(clientB, "status")).ShouldBe("DISCONNECTED");
        (await AtMetaAsync(clientB, "platform_type")).ShouldBe("NOT_APPLICABLE");
        var (refusedStatus, refused) = await CloudApi.SendAsync(clientA, CloudApi.Text(User), path: channel.MessagesPath);
        refusedStatus.ShouldBe(HttpStatusCode.BadRequest, refused.ToJsonString());
        refused.ShouldBeGraphError(133010, "(#133010) Phone number Not Registered");
        var (_, sentAtMeta) = await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound");
        sentAtMeta["data"]!.AsArray().ShouldBeEmpty();

        // Meta's refusals come back as Meta words them: deregistering again, and a wrong PIN (which A's throttle counts).
        var (againStatus, again) = await TemplateApi.PostAsync(clientA, registration + "/deregister", []);
        againStatus.ShouldBe(HttpStatusCode.BadRequest, again.ToJsonString());
        again.ShouldBeGraphError(100, "(#100) Invalid parameter", subcode: 2207051);
        var (wrongStatus, wrong) = await TemplateApi.PostAsync(clientA, registration + "/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "999999" });
        wrongStatus.ShouldBe(HttpStatusCode.BadRequest, wrong.ToJsonString());
        wrong.Code().ShouldBe(133005);
        (await AtMetaAsync(clientB, "status")).ShouldBe("DISCONNECTED");
        // A malformed PIN is refused by A itself, as for its own numbers.
        var (badStatus, bad) = await TemplateApi.PostAsync(clientA, registration + "/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "12" });
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.ShouldBeGraphError(100, "(#100) Invalid parameter");

        // Registered again with the PIN: Meta connects it and A sends through it again.
        ShouldSucceed(await TemplateApi.PostAsync(clientA, registration + "/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "123456" }));
        (await AtMetaAsync(clientB, "status")).ShouldBe("CONNECTED");
        await UserWritesAsync(clientB, User); // opens the customer service window, at Meta and so at A
        var sent = await CloudApi.SendOkAsync(clientA, CloudApi.Text(User), path: channel.MessagesPath);
        (await Eventually.Get(() => MetaChannels.StatusOfAsync(clientA, channel.PhoneNumberId, sent), s => s is "delivered" or "read" or "failed", TimeSpan.FromSeconds(30)))
            .ShouldBeOneOf("delivered", "read");
    }

    [Fact]
    public async Task VerificationCodeAndTwoStepPinThroughAAreMadeAtMeta()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        using var adminB = B.CreateAdminClient();
        var number = $"/v23.0/{channel.PhoneNumberId}";
        (await Tenants.PatchAsync(adminB, $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/phone", new { code_verification_status = "UNVERIFIED" })).Status.ShouldBe(HttpStatusCode.OK);

        // Meta (not A's copy, which knows nothing of it) says the number must be verified first.
        var (status, unverified) = await TemplateApi.PostAsync(clientA, number + "/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "123456" });
        status.ShouldBe(HttpStatusCode.BadRequest, unverified.ToJsonString());
        unverified.ShouldBeGraphError(133006, "(#133006) Phone number re-verification needed");

        // A checks the request as for its own numbers, then Meta takes it.
        var (badStatus, bad) = await TemplateApi.PostAsync(clientA, number + "/request_code", new JsonObject { ["code_method"] = "EMAIL", ["language"] = "en_US" });
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.Code().ShouldBe(100);
        ShouldSucceed(await TemplateApi.PostAsync(clientA, number + "/request_code", new JsonObject { ["code_method"] = "SMS", ["language"] = "en_US" }));
        var (verifyStatus, verified) = await TemplateApi.PostAsync(clientA, number + "/verify_code", new JsonObject { ["code"] = "123456" });
        verifyStatus.ShouldBe(HttpStatusCode.OK, verified.ToJsonString());
        verified.ToJsonString().ShouldBe($$"""{"success":true,"id":"{{channel.PhoneNumberId}}"}""");
        (await AtMetaAsync(clientB, "code_verification_status")).ShouldBe("VERIFIED");

        // The two-step PIN set through A is Meta's: registering at Meta directly needs it.
        ShouldSucceed(await TemplateApi.PostAsync(clientA, number, new JsonObject { ["pin"] = "246810" }));
        (await TemplateApi.PostAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "123456" }))
            .Body.Code().ShouldBe(133005);
        ShouldSucceed(await TemplateApi.PostAsync(clientA, number + "/register", new JsonObject { ["messaging_product"] = "whatsapp", ["pin"] = "246810" }));
    }

    [Fact]
    public async Task TheAccountsPhoneNumberListOnAShowsItsMetaChannelAsMetaAnswersItUnderAsId()
    {
        var (accountId, channel) = await CreateMetaChannelOnAAsync();
        using var adminA = A.CreateAdminClient();
        using var adminB = B.CreateAdminClient();
        using var clientB = B.CreateClient();
        var (local, _) = await Tenants.CreateChannelAsync(adminA, accountId);
        var (_, token) = await Tenants.IssueTokenAsync(adminA, accountId: accountId);
        using var clientA = A.CreateClient(token);
        (await Tenants.PatchAsync(adminB, $"/sandbox/channels/{ParleyFactory.PhoneNumberId}/phone", new { quality_rating = "YELLOW" })).Status.ShouldBe(HttpStatusCode.OK);
        const string Fields = "id,display_phone_number,verified_name,quality_rating,status";

        // One number a page: the meta channel's is Meta's, under A's id; the local one is A's own; paging goes through both.
        var (firstStatus, first) = await TemplateApi.GetAsync(clientA, $"/v23.0/{accountId}/phone_numbers?fields={Fields}&limit=1");
        firstStatus.ShouldBe(HttpStatusCode.OK, first.ToJsonString());
        var next = new Uri(first["paging"]!["next"]!.GetValue<string>());
        var (_, second) = await TemplateApi.GetAsync(clientA, next.PathAndQuery);
        second["paging"]!["next"].ShouldBeNull();
        var numbers = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(n => n!.AsObject()).ToDictionary(n => n["id"]!.GetValue<string>());
        numbers.Keys.ShouldBe([channel.PhoneNumberId, local], ignoreOrder: true);
        var (_, atMeta) = await TemplateApi.GetAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}?fields={Fields}");
        atMeta["id"] = channel.PhoneNumberId;
        JsonNode.DeepEquals(numbers[channel.PhoneNumberId], atMeta).ShouldBeTrue($"{numbers[channel.PhoneNumberId].ToJsonString()} vs {atMeta.ToJsonString()}");
        numbers[channel.PhoneNumberId]["quality_rating"]!.GetValue<string>().ShouldBe("YELLOW");
        numbers[local]["quality_rating"]!.GetValue<string>().ShouldBe("GREEN");

        // A meta channel Meta refuses to describe: the list is Meta's error, in Meta's format.
        const string UnknownAtMeta = "100000000000999";
        await Tenants.PostCreatedAsync(adminA, "/admin/channels", new
        {
            account_id = accountId, phone_number_id = MetaChannels.NewId(), display_phone_number = "15550008888", upstream = "meta",
            upstream_settings = new
            {
                base_url = B.BaseAddress.ToString(), api_version = "v23.0", phone_number_id = UnknownAtMeta,
                access_token = ParleyFactory.AccessToken, app_secret = ParleyFactory.AppSecret,
            },
        });
        var (metaStatus, metaError) = await TemplateApi.GetAsync(clientB, $"/v23.0/{UnknownAtMeta}?fields={Fields}");
        var (failedStatus, failed) = await TemplateApi.GetAsync(clientA, $"/v23.0/{accountId}/phone_numbers?fields={Fields}");
        failedStatus.ShouldBe(metaStatus, failed.ToJsonString());
        failed.Code().ShouldBe(metaError.Code());
        failed.Error()["message"]!.GetValue<string>().ShouldBe(metaError.Error()["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task MarkingAnInboundMessageReadThroughAMarksItReadAtMeta()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var inboundId = await CloudApi.UserWritesAsync(clientB, User);
        await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == inboundId), TimeSpan.FromSeconds(30));

        var (status, body) = await CloudApi.SendAsync(clientA, new
        {
            messaging_product = "whatsapp", status = "read", message_id = inboundId, typing_indicator = new { type = "text" },
        }, path: channel.MessagesPath);

        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["success"]!.GetValue<bool>().ShouldBeTrue();
        var atMeta = await Eventually.Get(
            async () => (await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=inbound")).Body["data"]!.AsArray(),
            data => data.Any(m => m!["id"]!.GetValue<string>() == inboundId && m["status"]?.GetValue<string>() == "read"), TimeSpan.FromSeconds(15));
        atMeta.ShouldContain(m => m!["id"]!.GetValue<string>() == inboundId);
    }

    [Fact]
    public async Task InboundMediaFromMetaIsFetchedStoredAndDeliveredUnderAParleyMediaId()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(3000);

        await CloudApi.UserWritesAsync(clientB, User, new
        {
            from = User, type = "image", image = new { data = Convert.ToBase64String(bytes), mime_type = "image/jpeg", caption = "From the phone" },
        });

        var message = (await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1, TimeSpan.FromSeconds(30))).ShouldHaveSingleItem();
        var image = message["image"]!.AsObject();
        image["caption"]!.GetValue<string>().ShouldBe("From the phone");
        image["sha256"]!.GetValue<string>().ShouldBe(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)));
        var mediaId = image["id"]!.GetValue<string>();
        // Meta's (B's) id is not what A's webhook carries: A's own media id, served by A.
        var (atMeta, _) = await TemplateApi.GetAsync(clientB, $"/v23.0/{mediaId}");
        atMeta.ShouldBe(HttpStatusCode.BadRequest);
        var (status, media) = await TemplateApi.GetAsync(clientA, $"/v23.0/{mediaId}");
        status.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        media["mime_type"]!.GetValue<string>().ShouldBe("image/jpeg");
        using var download = await clientA.GetAsync(media["url"]!.GetValue<string>());
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task MediaUploadedToAIsUploadedToMetaOnceAndSentByMetasId()
    {
        var (_, channel) = await CreateMetaChannelOnAAsync();
        using var clientA = A.CreateClient(channel.Token);
        using var clientB = B.CreateClient();
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(2500);
        var parleyId = await Media.MediaCalls.UploadOkAsync(clientA, bytes, "image/png", path: $"/v23.0/{channel.PhoneNumberId}/media");
        await UserWritesAsync(clientB, User); // opens the customer service window, at Meta and so at A

        var first = await CloudApi.SendOkAsync(clientA, Media.MediaCalls.Image(User, new { id = parleyId, caption = "one" }), path: channel.MessagesPath);
        var second = await CloudApi.SendOkAsync(clientA, Media.MediaCalls.Image(User, new { id = parleyId, caption = "two" }), path: channel.MessagesPath);
        foreach (var id in new[] { first, second })
        {
            (await Eventually.Get(() => MetaChannels.StatusOfAsync(clientA, channel.PhoneNumberId, id), s => s is "delivered" or "read" or "failed", TimeSpan.FromSeconds(30)))
                .ShouldBeOneOf("delivered", "read");
        }

        // At Meta (B): both messages name one media id of B's, not A's, whose bytes are the upload's.
        var sent = (await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound")).Body["data"]!.AsArray();
        var metaIds = sent.Select(m => m!["message"]!["image"]!["id"]!.GetValue<string>()).Distinct().ToList();
        sent.Count.ShouldBe(2);
        var metaId = metaIds.ShouldHaveSingleItem(sent.ToJsonString());
        metaId.ShouldNotBe(parleyId);
        var (status, media) = await TemplateApi.GetAsync(clientB, $"/v23.0/{metaId}");
        status.ShouldBe(HttpStatusCode.OK, media.ToJsonString());
        using var download = await clientB.GetAsync(media["url"]!.GetValue<string>());
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    private static void ShouldSucceed((HttpStatusCode Status, JsonObject Body) response)
    {
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body.ToJsonString());
        response.Body.ToJsonString().ShouldBe("""{"success":true}""");
    }

    /// <summary>A field of Meta's (B's) number, as text.</summary>
    private static async Task<string?> AtMetaAsync(HttpClient clientB, string field)
    {
        var (status, number) = await TemplateApi.GetAsync(clientB, $"/v23.0/{ParleyFactory.PhoneNumberId}?fields={field}");
        status.ShouldBe(HttpStatusCode.OK, number.ToJsonString());
        return number[field]?.ToString();
    }

    private static async Task<string?> AboutAsync(HttpClient client, string phoneNumberId)
    {
        var (status, body) = await TemplateApi.GetAsync(client, $"/v23.0/{phoneNumberId}/whatsapp_business_profile?fields=about");
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["data"]![0]!["about"]?.GetValue<string>();
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        var (status, body) = await TemplateApi.GetAsync(client, path);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return [.. body["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>())];
    }

    private static string Templates(string accountId) => $"/v23.0/{accountId}/message_templates";
}
