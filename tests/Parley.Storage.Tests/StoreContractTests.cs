using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Users;

namespace Parley.Storage.Tests;

/// <summary>
/// The behaviour every store implementation owes Parley, written once: <see cref="SqliteStoreContractTests"/> and
/// <see cref="PostgresStoreContractTests"/> run it against a fresh database for every test.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private StoreNode? _stores;
    private StorageOptions? _options;

    protected StoreNode Stores => _stores ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Options naming a new, empty database.</summary>
    protected abstract Task<StorageOptions> CreateStorageAsync();

    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _options = await CreateStorageAsync();
        _stores = await StoreNode.StartAsync(_options);
    }

    /// <summary>Stops the stores and starts them again on the same database, migrating it as a new version of Parley would.</summary>
    protected async Task RestartAsync()
    {
        await Stores.DisposeAsync();
        _stores = await StoreNode.StartAsync(_options!);
    }

    /// <summary>Runs a statement on the database behind the stores' back, as an older version of Parley would have.</summary>
    protected async Task ExecuteRawAsync(string sql)
    {
        System.Data.Common.DbConnection connection = _options!.Provider == "postgres"
            ? new Npgsql.NpgsqlConnection(_options.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _options.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
        await DeleteStorageAsync();
    }

    protected static string NewId() => Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();

    protected async Task<Channel> NewChannelAsync(string? accountId = null)
    {
        if (accountId is null)
        {
            accountId = NewId();
            await Stores.Accounts.CreateAccountAsync(new BusinessAccount(accountId, "Acme", T0), Ct);
        }
        var channel = new Channel(NewId(), accountId, "15550001111", "1", "Acme", Channel.SandboxUpstream, "{}", "app-secret", 80, T0);
        await Stores.Accounts.CreateChannelAsync(channel, Ct);
        return channel;
    }

    protected async Task<WebhookSubscription> SubscribeAsync(Channel channel, string events = WebhookSubscription.AllEvents, int batchSize = 1, string format = "cloudapi")
    {
        var subscription = new WebhookSubscription("wh_" + Guid.NewGuid().ToString("N"), channel.PhoneNumberId, "http://127.0.0.1:9/hook", format, "s3cret", events, batchSize, T0);
        await Stores.Accounts.CreateSubscriptionAsync(subscription, Ct);
        return subscription;
    }

    protected static OutboundMessage Outbound(Channel channel, DateTimeOffset? at = null, string to = "15551230000", string? opaque = null, string recipientType = "individual") =>
        new(MessageIds.NewWamid(), channel.PhoneNumberId, to, "+" + to, recipientType, "text",
            $$$"""{"messaging_product":"whatsapp","recipient_type":"{{{recipientType}}}","to":"{{{to}}}","type":"text","text":{"body":"hi"}}""",
            opaque, null, at ?? T0);

    protected async Task<OutboundMessage> AcceptAsync(Channel channel, DateTimeOffset? at = null, string to = "15551230000", string? opaque = null)
    {
        var message = Outbound(channel, at, to, opaque);
        (await Stores.Messages.AcceptAsync(message, null, Ct)).Replayed.ShouldBeFalse();
        return message;
    }

    protected static InboundEvent Inbound(Channel channel, DateTimeOffset at, string from = "15557654321", string? id = null)
    {
        id ??= MessageIds.NewWamid();
        var message = $$$"""{"from":"{{{from}}}","id":"{{{id}}}","timestamp":"{{{at.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"hello"}}""";
        return new InboundEvent(channel.PhoneNumberId, at, id, WhatsAppUser.ByPhone(from, "Ana"), "text", message);
    }

    protected static StatusEvent Status(OutboundMessage message, MessageStatus status, DateTimeOffset at, WebhookError? error = null) =>
        new(message.ChannelId, at, message.Id, status, error);

    /// <summary>Everything due in the outbox at <paramref name="now"/>, claimed.</summary>
    protected async Task<IReadOnlyList<OutboxEvent>> ClaimOutboxAsync(DateTimeOffset now, int max = 1000) =>
        await Stores.Outbox.ClaimAsync(max, now, now + Lease, Ct);
}
