using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Server.Secrets;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Upstreams.Meta;

namespace Parley.Server.Tests.Secrets;

/// <summary>Channel secrets are encrypted in the database and plaintext to everything above it; old plaintext rows still work.</summary>
public sealed class SecretsAtRestTests : MetaTestBase
{
    private const string User = "16505557123";
    private const string SandboxAppSecret = "sandbox-app-secret-at-rest-0123";
    private static readonly string[] MetaSecretNames = ["access_token", "app_secret", "verify_token"];

    [Fact]
    public async Task ChannelSecretsAreStoredEncryptedAndTheChannelsStillWork()
    {
        var meta = await CreateChannelAsync();
        var sandbox = await Tenants.CreateChannelWithTokenAsync(Parley, SandboxAppSecret);
        await Tenants.SubscribeAsync(Parley, sandbox.PhoneNumberId, Receiver.Url);

        var metaRow = await ChannelRow.ReadAsync(Parley, meta.PhoneNumberId);
        var sandboxRow = await ChannelRow.ReadAsync(Parley, sandbox.PhoneNumberId);
        var demoRow = await ChannelRow.ReadAsync(Parley, ParleyFactory.PhoneNumberId);
        foreach (var plaintext in new[] { MetaChannels.UpstreamAccessToken, MetaChannels.UpstreamAppSecret, meta.VerifyToken, SandboxAppSecret, ParleyFactory.AppSecret })
        {
            metaRow.ToString().ShouldNotContain(plaintext);
            sandboxRow.ToString().ShouldNotContain(plaintext);
            demoRow.ToString().ShouldNotContain(plaintext);
        }
        var settings = JsonNode.Parse(metaRow.UpstreamSettings)!.AsObject();
        foreach (var name in MetaSecretNames)
        {
            settings[name]!.GetValue<string>().ShouldStartWith(ChannelSecretProtector.Prefix);
        }
        settings["phone_number_id"]!.GetValue<string>().ShouldBe(meta.UpstreamPhoneNumberId);
        metaRow.AppSecret.ShouldStartWith(ChannelSecretProtector.Prefix);
        sandboxRow.AppSecret.ShouldStartWith(ChannelSecretProtector.Prefix);
        demoRow.AppSecret.ShouldStartWith(ChannelSecretProtector.Prefix);

        // The meta channel sends with its access token, checks Meta's signatures with its app secret and answers the verify token.
        await SendAsync(meta, User);
        (await CallsAsync(1)).ShouldHaveSingleItem().Authorization.ShouldBe("Bearer " + MetaChannels.UpstreamAccessToken);
        (await DeliverAsync(MetaChannels.InboundWebhook(meta.UpstreamPhoneNumberId, "wamid.at-rest-1", User, "hi"))).ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(MetaChannels.InboundWebhook(meta.UpstreamPhoneNumberId, "wamid.at-rest-2", User, "forged"), secret: "not-the-app-secret-0123"))
            .ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = Parley.CreateClient();
        using var verified = await MetaChannels.GetAsync(anonymous, $"?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={meta.VerifyToken}");
        verified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await verified.Content.ReadAsStringAsync()).ShouldBe("1158201444");

        // The sandbox channel's webhooks are signed with its app secret.
        using var client = Parley.CreateChannelClient(sandbox.Token);
        await CloudApi.SendOkAsync(client, CloudApi.Text(User), path: sandbox.MessagesPath);
        var sandboxHooks = await Eventually.Get(
            () => Receiver.Received.Where(r => r.Json.ToJsonString().Contains(sandbox.PhoneNumberId, StringComparison.Ordinal)).ToList(), r => r.Count >= 1);
        sandboxHooks.ShouldAllBe(r => r.SignedWith(SandboxAppSecret));
    }

    [Fact]
    public async Task APlaintextRowWrittenBeforeEncryptionIsReadAndEncryptedOnItsNextWrite()
    {
        var meta = await CreateChannelAsync();
        const string channelSecret = "legacy-channel-secret-0123";
        var legacy = new ChannelRow(new JsonObject
        {
            ["base_url"] = Graph.BaseUrl,
            ["api_version"] = "v23.0",
            ["phone_number_id"] = meta.UpstreamPhoneNumberId,
            ["access_token"] = "EAAlegacy-token-0123456789",
            ["app_secret"] = "legacy-meta-app-secret-0123",
            ["verify_token"] = meta.VerifyToken,
        }.ToJsonString(), channelSecret);
        await legacy.WriteAsync(Parley, meta.PhoneNumberId);

        await UserWritesAsync(meta, User, secret: "legacy-meta-app-secret-0123"); // Meta's webhook, checked with the legacy app secret
        await SendAsync(meta, User);
        (await CallsAsync(1)).ShouldHaveSingleItem().Authorization.ShouldBe("Bearer EAAlegacy-token-0123456789");
        var hooks = await Eventually.Get(() => Receiver.Messages(), m => m.Count >= 1);
        hooks.ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        Receiver.Received.ShouldAllBe(r => r.SignedWith(channelSecret));

        var (status, _) = await Tenants.PatchAsync(Admin, $"/admin/channels/{meta.PhoneNumberId}", new { verified_name = "Renamed" });
        status.ShouldBe(HttpStatusCode.OK);
        var rewritten = await ChannelRow.ReadAsync(Parley, meta.PhoneNumberId);
        rewritten.AppSecret.ShouldStartWith(ChannelSecretProtector.Prefix);
        rewritten.ToString().ShouldNotContain("EAAlegacy-token-0123456789");
        rewritten.ToString().ShouldNotContain("legacy-meta-app-secret-0123");
        rewritten.ToString().ShouldNotContain(channelSecret);
    }

    [Fact]
    public async Task ASecretWrittenWithAnotherKeyLeavesTheAdminApiWorkingAndIsKeptOnUpdate()
    {
        var sandbox = await Tenants.CreateChannelWithTokenAsync(Parley, SandboxAppSecret);
        var otherKey = new ChannelSecretProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(ChannelSecretProtector.KeySize));
        var foreign = new ChannelRow("{}", otherKey.Protect(SandboxAppSecret));
        await foreign.WriteAsync(Parley, sandbox.PhoneNumberId);

        var listed = await Tenants.ListAsync(Admin, $"/admin/channels?account_id={sandbox.AccountId}");
        listed.ShouldHaveSingleItem()!["phone_number_id"]!.GetValue<string>().ShouldBe(sandbox.PhoneNumberId);
        (await Tenants.GetAsync(Admin, $"/admin/channels/{ParleyFactory.PhoneNumberId}")).Status.ShouldBe(HttpStatusCode.OK);
        var (patched, _) = await Tenants.PatchAsync(Admin, $"/admin/channels/{sandbox.PhoneNumberId}", new { verified_name = "Renamed" });
        patched.ShouldBe(HttpStatusCode.OK);

        (await ChannelRow.ReadAsync(Parley, sandbox.PhoneNumberId)).AppSecret.ShouldBe(foreign.AppSecret);

        // A node reading it logs an error naming the channel and the setting, without the value.
        var log = new ErrorLog();
        await using var node = Parley.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        using var nodeAdmin = node.CreateClient();
        nodeAdmin.DefaultRequestHeaders.Add("X-Admin-Key", ParleyFactory.AdminKey);
        (await nodeAdmin.GetAsync($"/admin/channels/{sandbox.PhoneNumberId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var error = log.Errors.ShouldHaveSingleItem();
        error.ShouldContain(sandbox.PhoneNumberId);
        error.ShouldContain("app_secret cannot be decrypted");
        error.ShouldNotContain(foreign.AppSecret);
    }

    /// <summary>The error messages a Parley node logs.</summary>
    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

        public IReadOnlyList<string> Errors => _errors.Where(e => e.Contains("cannot be decrypted", StringComparison.Ordinal)).ToList();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _errors.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>Where the secret key comes from, and a configured key that is not one.</summary>
public sealed class SecretKeyConfigurationTests
{
    // A real process: WebApplicationFactory races the failed host's disposal and may report ObjectDisposedException instead.
    [Fact]
    public async Task AConfiguredSecretKeyThatIsNot32BytesOfBase64FailsStartup()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("n"));
        try
        {
            await using var parley = new ParleyProcess(data, new Dictionary<string, string> { ["Parley__SecretKey"] = Convert.ToBase64String(new byte[16]) });

            var failure = await Should.ThrowAsync<InvalidOperationException>(parley.StartAsync);
            failure.Message.ShouldContain("exited with code");
            failure.Message.ShouldContain("Parley:SecretKey must be the base64 of exactly 32 random bytes");
            File.Exists(Path.Combine(data, ChannelSecretProtector.KeyFileName)).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task WithoutAConfiguredKeyOneIsGeneratedIntoTheDataDirectoryReadableByTheOwnerOnly()
    {
        await using var parley = new ParleyFactory();
        using var admin = parley.CreateAdminClient();
        (await admin.GetAsync("/admin/channels")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var path = Path.Combine(parley.DataDirectory, ChannelSecretProtector.KeyFileName);
        Convert.FromBase64String(await File.ReadAllTextAsync(path)).Length.ShouldBe(ChannelSecretProtector.KeySize);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task AConfiguredKeyIsUsedAndNoKeyFileIsWritten()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ChannelSecretProtector.KeySize);
        await using var parley = new ParleyFactory(new Dictionary<string, string?> { ["Parley:SecretKey"] = Convert.ToBase64String(key) });
        using var admin = parley.CreateAdminClient();
        (await admin.GetAsync("/admin/channels")).StatusCode.ShouldBe(HttpStatusCode.OK);

        File.Exists(Path.Combine(parley.DataDirectory, ChannelSecretProtector.KeyFileName)).ShouldBeFalse();
        var stored = (await ChannelRow.ReadAsync(parley, ParleyFactory.PhoneNumberId)).AppSecret;
        new ChannelSecretProtector(key).TryUnprotect(stored, out var plaintext).ShouldBeTrue();
        plaintext.ShouldBe(ParleyFactory.AppSecret);
    }
}
