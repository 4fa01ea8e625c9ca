using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Upstreams.Meta;

/// <summary>
/// Two real Parley processes: A, where the tests make <c>meta</c> channels whose Graph base URL is B, and B, a Parley in
/// sandbox mode playing Meta, whose demo channel posts its webhooks to A's <c>/webhooks/meta</c>, signed with B's channel
/// app secret (A's meta app secret). Everything between them is Meta's wire format over real HTTP. A's channels post
/// their own webhooks to <see cref="Receiver"/>, signed with <see cref="ReceiverSecret"/>.
/// </summary>
public abstract class MetaPairTest(string name, IReadOnlyDictionary<string, string>? settingsOfB = null) : IAsyncLifetime
{
    protected const string ReceiverSecret = "a-receiver-secret";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "parley-tests", $"{name}-{Guid.NewGuid():n}");

    protected ParleyProcess A { get; private set; } = null!;

    protected ParleyProcess B { get; private set; } = null!;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        A = new ParleyProcess(Path.Combine(_root, "a"), new Dictionary<string, string> { ["Parley__Demo__Enabled"] = "false" });
        var b = new Dictionary<string, string>(settingsOfB ?? new Dictionary<string, string>())
        {
            ["Parley__Demo__WebhookUrl"] = new Uri(A.BaseAddress, "/webhooks/meta").ToString(),
        };
        B = new ParleyProcess(Path.Combine(_root, "b"), b);
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Receiver.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS otherwise.
        }
    }

    /// <summary>
    /// The user writes to B's number (Meta's); returns once A has the message, so A's customer service window for the user
    /// is open (A decides the window itself, from what Meta told it).
    /// </summary>
    protected async Task UserWritesAsync(HttpClient clientB, string user)
    {
        var id = await CloudApi.UserWritesAsync(clientB, user);
        await Eventually.Get(() => Receiver.Messages(), m => m.Any(x => x["id"]!.GetValue<string>() == id), TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// A new account on A and its meta channel relaying to B (B's demo number, token and app secret; Meta's WABA id is
    /// B's), with a verify token of its own, subscribed to <see cref="Receiver"/>.
    /// </summary>
    /// <param name="messagesPerSecond">A's pace for the channel (Parley's default when null).</param>
    protected async Task<(string AccountId, MetaChannel Channel)> CreateMetaChannelOnAAsync(int? messagesPerSecond = null)
    {
        using var adminA = A.CreateAdminClient();
        var accountId = await Tenants.CreateAccountAsync(adminA);
        var phoneNumberId = MetaChannels.NewId();
        var verifyToken = "verify-" + Guid.NewGuid().ToString("N");
        await Tenants.PostCreatedAsync(adminA, "/admin/channels", new
        {
            account_id = accountId,
            phone_number_id = phoneNumberId,
            display_phone_number = ParleyFactory.DisplayPhoneNumber,
            upstream = "meta",
            messages_per_second = messagesPerSecond,
            upstream_settings = new
            {
                base_url = B.BaseAddress.ToString(),
                api_version = "v23.0",
                phone_number_id = ParleyFactory.PhoneNumberId,
                waba_id = ParleyFactory.WabaId,
                access_token = ParleyFactory.AccessToken,
                app_secret = ParleyFactory.AppSecret,
                verify_token = verifyToken,
            },
        });
        await Tenants.PostCreatedAsync(adminA, $"/admin/channels/{phoneNumberId}/webhooks", new { url = Receiver.Url, secret = ReceiverSecret });
        var (_, token) = await Tenants.IssueTokenAsync(adminA, channelId: phoneNumberId);
        return (accountId, new MetaChannel(phoneNumberId, ParleyFactory.PhoneNumberId, token, ParleyFactory.AppSecret, verifyToken));
    }
}
