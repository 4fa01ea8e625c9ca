using Npgsql;
using Parley.Core.Ids;
using Parley.Core.Model;
using Parley.Core.Users;
using Parley.Testing;

namespace Parley.Storage.Tests;

/// <summary>
/// Several Parley nodes on one PostgreSQL database: each node is its own service provider with its own data source,
/// as separate processes would be. Work is split without a leader, and whatever reaches two nodes takes effect once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMultiNodeTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly List<StoreNode> _nodes = [];
    private string _connectionString = "";
    private Channel _channel = null!;

    private StoreNode A => _nodes[0];
    private StoreNode B => _nodes[1];

    public async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        _nodes.Add(await StartNodeAsync());
        _nodes.Add(await StartNodeAsync());
        var account = new BusinessAccount("1001", "Acme", T0);
        await A.Accounts.CreateAccountAsync(account, Ct);
        _channel = new Channel("2002", account.Id, "15550001111", "1", "Acme", Channel.SandboxUpstream, "{}", "secret", 80, T0);
        await A.Accounts.CreateChannelAsync(_channel, Ct);
        await A.Accounts.CreateSubscriptionAsync(new WebhookSubscription("wh_1", _channel.PhoneNumberId, "http://127.0.0.1:9/a", "cloudapi", null, "*", 1, T0), Ct);
        await A.Accounts.CreateSubscriptionAsync(new WebhookSubscription("wh_2", _channel.PhoneNumberId, "http://127.0.0.1:9/b", "cloudapi", null, "*", 1, T0), Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    private Task<StoreNode> StartNodeAsync() => StoreNode.StartAsync(new StorageOptions { Provider = "postgres", ConnectionString = _connectionString });

    [Fact]
    public async Task NodesAskingForTheSameNewChannelsIdsAtOnceAllGetTheOneThatWasMade()
    {
        var dialectA = A.Service<IBirdDialectStore>();
        var dialectB = B.Service<IBirdDialectStore>();
        for (var round = 0; round < 20; round++)
        {
            var account = $"30{round:D2}";
            var phone = $"40{round:D3}";
            await A.Accounts.CreateAccountAsync(new BusinessAccount(account, "Acme", T0), Ct);
            await A.Accounts.CreateChannelAsync(_channel with { PhoneNumberId = phone, AccountId = account }, Ct);
            var asked = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(i => new[]
            {
                Task.Run(() => (i % 2 == 0 ? dialectA : dialectB).WorkspaceIdAsync(account, Ct)),
                Task.Run(() => (i % 2 == 0 ? dialectB : dialectA).ChannelIdAsync(phone, Ct)),
            }));

            asked.Where((_, i) => i % 2 == 0).Distinct().ShouldHaveSingleItem();
            asked.Where((_, i) => i % 2 == 1).Distinct().ShouldHaveSingleItem();
            (await dialectA.FindAccountAsync(asked[0], Ct)).ShouldBe(account);
            (await dialectB.FindChannelAsync(asked[1], Ct)).ShouldBe(phone);
        }
    }

    [Fact]
    public async Task TwoNodesAcceptingTheSameKeyAtOnceStoreOneMessageAndAnswerWithItsId()
    {
        var attempts = Enumerable.Range(0, 40).Select(key => (Key: $"key-{key}", First: Outbound(), Second: Outbound())).ToList();

        var results = await Task.WhenAll(attempts.Select(async attempt =>
        {
            var accepts = await Task.WhenAll(
                Task.Run(() => A.Messages.AcceptAsync(attempt.First, attempt.Key, Ct)),
                Task.Run(() => B.Messages.AcceptAsync(attempt.Second, attempt.Key, Ct)));
            return (attempt, accepts);
        }));

        foreach (var (attempt, accepts) in results)
        {
            accepts[0].MessageId.ShouldBe(accepts[1].MessageId);
            accepts[0].MessageId.ShouldBeOneOf(attempt.First.Id, attempt.Second.Id);
            accepts.Count(a => a.Replayed).ShouldBe(1);
        }
        (await CountAsync("SELECT count(*) FROM messages")).ShouldBe(40);
        (await CountAsync("SELECT count(*) FROM message_statuses")).ShouldBe(40);
        (await CountAsync("SELECT count(*) FROM dispatch_jobs")).ShouldBe(40);
        (await CountAsync("SELECT count(*) FROM idempotency_keys")).ShouldBe(40);
    }

    [Fact]
    public async Task TwoClaimersNeverGetTheSameJob()
    {
        var accepted = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var message = Outbound(T0.AddMilliseconds(i));
            await A.Messages.AcceptAsync(message, null, Ct);
            accepted.Add(message.Id);
        }

        async Task<List<string>> ClaimAllAsync(StoreNode node)
        {
            var claimed = new List<string>();
            while (await node.Queue.ClaimAsync(_channel.PhoneNumberId, 7, T0.AddSeconds(1), T0.AddSeconds(1) + Lease, Ct) is { Count: > 0 } jobs)
            {
                claimed.AddRange(jobs.Select(j => j.Message.Id));
            }
            return claimed;
        }
        var claims = await Task.WhenAll(Task.Run(() => ClaimAllAsync(A)), Task.Run(() => ClaimAllAsync(B)));

        claims[0].Intersect(claims[1]).ShouldBeEmpty();
        claims.SelectMany(c => c).ShouldBe(accepted, ignoreOrder: true);
    }

    [Fact]
    public async Task TwoOutboxClaimersNeverGetTheSameEvent()
    {
        for (var i = 0; i < 150; i++)
        {
            await A.Events.ApplyAsync([Inbound(T0.AddMilliseconds(i))], T0, Ct);
        }

        async Task<List<long>> ClaimAllAsync(StoreNode node)
        {
            var claimed = new List<long>();
            while (await node.Outbox.ClaimAsync(9, T0, T0 + Lease, Ct) is { Count: > 0 } events)
            {
                claimed.AddRange(events.Select(e => e.Id));
            }
            return claimed;
        }
        var claims = await Task.WhenAll(Task.Run(() => ClaimAllAsync(A)), Task.Run(() => ClaimAllAsync(B)));

        claims[0].Intersect(claims[1]).ShouldBeEmpty();
        claims.Sum(c => c.Count).ShouldBe(300); // two subscriptions
    }

    [Fact]
    public async Task OneNodeAtATimeOwnsAChannelUntilItsLeaseRunsOut()
    {
        var channel = _channel.PhoneNumberId;

        (await A.Queue.AcquireChannelAsync(channel, "node-a", T0, T0 + Lease, Ct)).ShouldBeTrue();
        (await B.Queue.AcquireChannelAsync(channel, "node-b", T0.AddSeconds(1), T0.AddSeconds(1) + Lease, Ct)).ShouldBeFalse();
        (await A.Queue.AcquireChannelAsync(channel, "node-a", T0.AddSeconds(20), T0.AddSeconds(20) + Lease, Ct)).ShouldBeTrue(); // renewed
        (await B.Queue.AcquireChannelAsync(channel, "node-b", T0 + Lease, T0 + Lease + Lease, Ct)).ShouldBeFalse(); // renewal still runs
        (await B.Queue.AcquireChannelAsync(channel, "node-b", T0.AddSeconds(20) + Lease, T0.AddSeconds(20) + Lease + Lease, Ct)).ShouldBeTrue(); // A went quiet
        (await A.Queue.AcquireChannelAsync(channel, "node-a", T0.AddSeconds(21) + Lease, T0.AddSeconds(21) + Lease + Lease, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ADeadNodesWorkIsTakenOverWhenItsLeaseRunsOut()
    {
        var message = Outbound();
        await A.Messages.AcceptAsync(message, null, Ct);
        await A.Events.ApplyAsync([Inbound(T0)], T0, Ct);
        (await A.Queue.ClaimAsync(_channel.PhoneNumberId, 10, T0, T0 + Lease, Ct)).ShouldHaveSingleItem();
        (await A.Outbox.ClaimAsync(10, T0, T0 + Lease, Ct)).Count.ShouldBe(2);
        await A.DisposeAsync(); // the node dies holding its claims
        _nodes.RemoveAt(0);
        var survivor = _nodes[0];

        (await survivor.Queue.ClaimAsync(_channel.PhoneNumberId, 10, T0.AddSeconds(29), T0.AddSeconds(59), Ct)).ShouldBeEmpty();
        (await survivor.Outbox.ClaimAsync(10, T0.AddSeconds(29), T0.AddSeconds(59), Ct)).ShouldBeEmpty();
        (await survivor.Queue.ClaimAsync(_channel.PhoneNumberId, 10, T0 + Lease, T0 + Lease + Lease, Ct)).ShouldHaveSingleItem().Message.Id.ShouldBe(message.Id);
        (await survivor.Outbox.ClaimAsync(10, T0 + Lease, T0 + Lease + Lease, Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task TheSameInboundReachingTwoNodesAtOnceIsAppliedOnce()
    {
        var inbound = Enumerable.Range(0, 30).Select(i => (UpstreamEvent)Inbound(T0.AddMilliseconds(i))).ToList();
        var reversed = inbound.AsEnumerable().Reverse().ToList();

        // In opposite orders, so that the two transactions really do collide.
        await Task.WhenAll(
            Task.Run(() => A.Events.ApplyAsync(inbound, T0, Ct)),
            Task.Run(() => B.Events.ApplyAsync(reversed, T0, Ct)));

        (await CountAsync("SELECT count(*) FROM messages WHERE direction = 1")).ShouldBe(30);
        (await CountAsync("SELECT count(*) FROM webhook_outbox")).ShouldBe(60);
        (await CountAsync("SELECT count(*) FROM conversation_windows")).ShouldBe(1);
    }

    [Fact]
    public async Task TheSameStatusReachingTwoNodesAtOnceIsAppliedOnce()
    {
        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 30; i++)
        {
            messages.Add(Outbound());
            await A.Messages.AcceptAsync(messages[^1], null, Ct);
        }
        var delivered = messages.Select(m => (UpstreamEvent)new StatusEvent(m.ChannelId, T0.AddSeconds(1), m.Id, MessageStatus.Delivered)).ToList();
        var reversed = delivered.AsEnumerable().Reverse().ToList();

        await Task.WhenAll(
            Task.Run(() => A.Events.ApplyAsync(delivered, T0.AddSeconds(1), Ct)),
            Task.Run(() => B.Events.ApplyAsync(reversed, T0.AddSeconds(1), Ct)));

        (await CountAsync("SELECT count(*) FROM message_statuses WHERE status = 2")).ShouldBe(30);
        (await CountAsync("SELECT count(*) FROM webhook_outbox")).ShouldBe(60);
    }

    [Fact]
    public async Task NodesStartingTogetherMigrateOnce()
    {
        _connectionString = await server.CreateDatabaseAsync();

        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(StartNodeAsync)));
        _nodes.AddRange(started);
        _nodes.Add(await StartNodeAsync()); // and a node starting later finds nothing to do

        // One row per migration, each applied once.
        var applied = await CountAsync("SELECT count(*) FROM schema_version");
        applied.ShouldBe(await CountAsync("SELECT count(DISTINCT version) FROM schema_version"));
        applied.ShouldBe(await CountAsync("SELECT max(version)::bigint FROM schema_version"));
    }

    private OutboundMessage Outbound(DateTimeOffset? at = null) =>
        new(MessageIds.NewWamid(), _channel.PhoneNumberId, "15551230000", "15551230000", "individual", "text",
            """{"messaging_product":"whatsapp","to":"15551230000","type":"text","text":{"body":"hi"}}""", null, null, at ?? T0);

    private InboundEvent Inbound(DateTimeOffset at)
    {
        var id = MessageIds.NewWamid();
        return new InboundEvent(_channel.PhoneNumberId, at, id, WhatsAppUser.ByPhone("15557654321", "Ana"), "text",
            $$$"""{"from":"15557654321","id":"{{{id}}}","timestamp":"{{{at.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"hello"}}""");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
