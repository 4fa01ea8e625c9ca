using Parley.Storage;

namespace Parley.Server.Configuration;

/// <summary>Parley's settings, bound from the <c>Parley</c> section (appsettings or <c>Parley__…</c> environment variables).</summary>
public sealed record ParleyOptions
{
    public const string Section = "Parley";

    /// <summary>Where the SQLite database and media live. Created when missing.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The admin API key. When empty, a random one is generated at start and printed once.</summary>
    public string? AdminKey { get; init; }

    /// <summary>
    /// The key channel secrets are encrypted with at rest: the base64 of 32 random bytes. When empty, a key is generated
    /// on first start and kept in <c>&lt;DataDirectory&gt;/secret.key</c>; several nodes must all be given the same key.
    /// </summary>
    public string? SecretKey { get; init; }

    /// <summary>Largest request body accepted, in bytes; larger requests get a 413 in the dialect's format.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    public StorageOptions Storage { get; init; } = new();
    public DemoOptions Demo { get; init; } = new();
    public SandboxOptions Sandbox { get; init; } = new();
    public DispatchOptions Dispatch { get; init; } = new();
    public WebhookOptions Webhooks { get; init; } = new();
    public NetworkOptions Network { get; init; } = new();
    public Media.MediaOptions Media { get; init; } = new();
    public Templates.TemplateOptions Templates { get; init; } = new();

    /// <summary>What Meta charges per message, by category and the recipient's market (<c>Parley:Pricing</c>; docs/pricing.md).</summary>
    public Core.Pricing.PriceTable Pricing { get; init; } = new();
}

/// <summary>The demo account and channel created on a fresh database. Every value can be fixed; unset ones are random.</summary>
public sealed record DemoOptions
{
    public bool Enabled { get; init; } = true;
    public string? PhoneNumberId { get; init; }
    public string? WabaId { get; init; }
    public string? AccessToken { get; init; }
    public string? AppSecret { get; init; }
    /// <summary>The demo account's workspace id in the Channels API dialect (a UUID); random when unset.</summary>
    public string? WorkspaceId { get; init; }
    /// <summary>The demo channel's id in the Channels API dialect (a UUID); random when unset.</summary>
    public string? ChannelId { get; init; }
    /// <summary>When set, the demo channel gets a <c>cloudapi</c> webhook subscription to this URL.</summary>
    public string? WebhookUrl { get; init; }
    public string DisplayPhoneNumber { get; init; } = "15550000001";
    public string CountryCallingCode { get; init; } = "1";
}

/// <summary>The simulated WhatsApp network.</summary>
public sealed record SandboxOptions
{
    /// <summary>Delay between <c>sent</c>, <c>delivered</c> and <c>read</c>. 0 = all at once, when the message is dispatched.</summary>
    public int StatusDelayMs { get; init; } = 1000;

    /// <summary>When a user "offline for a while" (number ending in 0303) receives the message.</summary>
    public int LateDeliveryMs { get; init; } = 60_000;

    /// <summary>
    /// When set, the sandbox appends the id of every message handed to it to this file, one per line, written
    /// through to the operating system at once — an instrument for counting sends across nodes and crashes.
    /// </summary>
    public string? SendLogPath { get; init; }

    /// <summary>How long the sandbox reviews a new or edited template before approving or rejecting it (sandbox clock).</summary>
    public int TemplateReviewDelayMs { get; init; } = 2000;

    /// <summary>
    /// Whether the simulated network enforces a number's throughput (130429) and the pair rate limit (131056) on sends,
    /// as Meta does. On by default; load tests of Parley itself turn it off.
    /// </summary>
    public bool EnforceRateLimits { get; init; } = true;
}

public sealed record DispatchOptions
{
    /// <summary>
    /// Most jobs of one channel held at once, waiting for their pacing slots (also bounded by a quarter of the lease
    /// at the channel's rate, so no claimed job outlives its lease).
    /// </summary>
    public int MaxInFlightPerChannel { get; init; } = 500;

    /// <summary>How long a claimed job belongs to this node before another may take it over.</summary>
    public int LeaseSeconds { get; init; } = 60;

    /// <summary>First retry delay after a transient upstream failure; doubles per attempt up to <see cref="MaxRetryDelayMs"/>.</summary>
    public int RetryBaseDelayMs { get; init; } = 1000;
    public int MaxRetryDelayMs { get; init; } = 60_000;

    /// <summary>After this many transient failures the message fails with the last upstream error.</summary>
    public int MaxAttempts { get; init; } = 10;
}

public sealed record WebhookOptions
{
    /// <summary>
    /// Events per POST for subscriptions created without <c>batch_size</c>. Meta sends one event per POST and most
    /// Cloud API SDKs read only the first; high-volume receivers should subscribe with a larger batch size.
    /// </summary>
    public int DefaultBatchSize { get; init; } = 1;

    /// <summary>Events claimed from the outbox per round, across subscriptions.</summary>
    public int ClaimSize { get; init; } = 2000;

    /// <summary>Concurrent POSTs.</summary>
    public int Concurrency { get; init; } = 16;

    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>First retry delay; grows exponentially with jitter up to <see cref="MaxRetryDelayMs"/>.</summary>
    public int RetryBaseDelayMs { get; init; } = 1000;
    public int MaxRetryDelayMs { get; init; } = 15 * 60 * 1000;

    /// <summary>An event still undelivered after this long is dead-lettered (Meta retries for 7 days).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(7);
}

/// <summary>The SSRF guard for URLs Parley calls or fetches (webhooks, media links).</summary>
public sealed record NetworkOptions
{
    /// <summary>Allow loopback, private, link-local and other non-public addresses. Off in production; on in Development.</summary>
    public bool AllowPrivateNetworks { get; init; }
}
