using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Meta;

/// <summary>
/// Two real Parley processes: A has a <c>meta</c> channel whose Graph base URL is B, a Parley in sandbox mode; B's
/// channel posts its webhooks to A's <c>/webhooks/meta</c>, signed with B's channel app secret, which is A's meta app
/// secret. Everything between them is Meta's wire format over real HTTP.
/// </summary>
public sealed class MetaEndToEndTests : IAsyncLifetime
{
    private const string User = "16505557001";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "parley-tests", "meta-e2e-" + Guid.NewGuid().ToString("n"));
    private ParleyProcess _a = null!;
    private ParleyProcess _b = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _a = new ParleyProcess(Path.Combine(_root, "a"), new Dictionary<string, string> { ["Parley__Demo__Enabled"] = "false" });
        _b = new ParleyProcess(Path.Combine(_root, "b"), new Dictionary<string, string>
        {
            ["Parley__Demo__WebhookUrl"] = new Uri(_a.BaseAddress, "/webhooks/meta").ToString(),
        });
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _receiver.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS otherwise.
        }
    }

    [Fact]
    public async Task MessagesAndStatusesTravelBetweenParleyAndAParleyPlayingMeta()
    {
        using var adminA = _a.CreateAdminClient();
        await Tenants.CreateAccountAsync(adminA); // A has no demo account: make one with the WABA id the helper uses
        var channel = await CreateMetaChannelOnAAsync(adminA);
        await Tenants.PostCreatedAsync(adminA, $"/admin/channels/{channel.PhoneNumberId}/webhooks", new { url = _receiver.Url, secret = "a-receiver-secret" });
        using var clientA = _a.CreateClient(channel.Token);
        using var clientB = _b.CreateClient();

        // A user writes to the number on B's simulated network: the message reaches A's own webhook.
        var inboundId = await CloudApi.UserWritesAsync(clientB, User);
        var inbound = (await Eventually.Get(() => _receiver.Messages(), m => m.Count >= 1, TimeSpan.FromSeconds(30))).ShouldHaveSingleItem();
        inbound["id"]!.GetValue<string>().ShouldBe(inboundId);
        inbound["from"]!.GetValue<string>().ShouldBe(User);

        // A replies through its meta channel; B delivers it; sent, delivered and read come back to A under A's id.
        var id = await CloudApi.SendOkAsync(clientA, CloudApi.Text(User, "Hello from A via B"), path: channel.MessagesPath);
        // B posts its three statuses concurrently, as Meta may: a late "delivered" after "read" is not progress and is dropped.
        var statuses = await Eventually.Get(() => _receiver.Statuses(), s => s.Any(x => x["status"]!.GetValue<string>() == "read"), TimeSpan.FromSeconds(30));
        statuses.ShouldAllBe(s => s["id"]!.GetValue<string>() == id);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBeSubsetOf(["sent", "delivered", "read"]);
        statuses.Select(s => s["status"]!.GetValue<string>()).ShouldBeUnique();
        _receiver.Received.ShouldAllBe(r => r.SignedWith("a-receiver-secret"));
        (await MetaChannels.StatusOfAsync(clientA, channel.PhoneNumberId, id)).ShouldBe("read");

        // B knows the message under its own id, to the same user, with the same text.
        var onB = await Tenants.GetAsync(clientB, $"/api/channels/{ParleyFactory.PhoneNumberId}/messages?direction=outbound");
        var relayed = onB.Body["data"]!.AsArray().ShouldHaveSingleItem()!;
        relayed["id"]!.GetValue<string>().ShouldNotBe(id);
        relayed["peer"]!.GetValue<string>().ShouldBe(User);
        relayed["status"]!.GetValue<string>().ShouldBe("read");
        relayed["message"]!["text"]!["body"]!.GetValue<string>().ShouldBe("Hello from A via B");
    }

    [Fact]
    public async Task WebhookSignedWithAnotherSecretIsRefusedByA()
    {
        using var adminA = _a.CreateAdminClient();
        await Tenants.CreateAccountAsync(adminA);
        var channel = await CreateMetaChannelOnAAsync(adminA);
        using var client = _a.CreateClient(token: null);
        var body = MetaChannels.InboundWebhook(channel.UpstreamPhoneNumberId, "wamid.forged-1", User, "forged");

        (await MetaChannels.PostWebhookAsync(client, body, secret: "not-the-app-secret-0123")).ShouldBe(HttpStatusCode.Forbidden);
        (await MetaChannels.PostWebhookAsync(client, body, secret: null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MetaChannels.PostWebhookAsync(client, body, secret: ParleyFactory.AppSecret)).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A's meta channel: B's base URL, B's demo number and token, B's channel app secret.</summary>
    private async Task<MetaChannel> CreateMetaChannelOnAAsync(HttpClient adminA)
    {
        var accounts = await Tenants.ListAsync(adminA, "/admin/accounts");
        var accountId = accounts[0]!["id"]!.GetValue<string>();
        var phoneNumberId = MetaChannels.NewId();
        var verifyToken = "verify-" + Guid.NewGuid().ToString("N");
        await Tenants.PostCreatedAsync(adminA, "/admin/channels", new
        {
            account_id = accountId,
            phone_number_id = phoneNumberId,
            display_phone_number = ParleyFactory.DisplayPhoneNumber,
            upstream = "meta",
            upstream_settings = new
            {
                base_url = _b.BaseAddress.ToString(),
                api_version = "v23.0",
                phone_number_id = ParleyFactory.PhoneNumberId,
                waba_id = ParleyFactory.WabaId,
                access_token = ParleyFactory.AccessToken,
                app_secret = ParleyFactory.AppSecret,
                verify_token = verifyToken,
            },
        });
        var (_, token) = await Tenants.IssueTokenAsync(adminA, channelId: phoneNumberId);
        return new MetaChannel(phoneNumberId, ParleyFactory.PhoneNumberId, token, ParleyFactory.AppSecret, verifyToken);
    }
}
