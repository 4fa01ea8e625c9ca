using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Model;
using Parley.Core.Errors;
using Parley.Server.Configuration;
using Parley.Server.Delivery;
using Parley.Server.Messaging;
using Parley.Server.Upstreams;
using Parley.Storage;

namespace Parley.Server.Tests.Delivery;

/// <summary>
/// Dispatch in-process on a <see cref="FakeTimeProvider"/>: the real ownership, pacers, runner and outcomes over a queue,
/// a window store and an upstream that only record. Time moves only when the test advances it.
/// </summary>
internal sealed class DispatchKit
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public DispatchKit(DispatchOptions? options = null, PairLimit? pairLimit = null)
    {
        var parley = Options.Create(new ParleyOptions { Dispatch = options ?? new DispatchOptions() });
        Upstream = new RecordingUpstream(Time, pairLimit);
        ChannelPacer = new ChannelPacer(Time);
        PairPacer = new PairPacer(Time);
        Ownership = new ChannelOwnership(Queue, new NodeIdentity(), parley, Time);
        var outcomes = new DispatchOutcomes(Queue, new WebhookSignal(), parley, Time, NullLogger<DispatchOutcomes>.Instance);
        Runner = new DispatchRunner(
            new UpstreamRegistry([Upstream], Time), Windows, new DispatchPacing(ChannelPacer, PairPacer, Queue, Time), outcomes, NullLogger<DispatchRunner>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public RecordingQueue Queue { get; } = new();

    public LastInbound Windows { get; } = new();

    public RecordingUpstream Upstream { get; }

    public ChannelPacer ChannelPacer { get; }

    public PairPacer PairPacer { get; }

    public ChannelOwnership Ownership { get; }

    public DispatchRunner Runner { get; }

    public static Channel Channel(int messagesPerSecond = 80) =>
        new("100000001", "waba-1", "15550001111", "1", "Parley Test", RecordingUpstream.KindName, "{}", "secret", messagesPerSecond, T0);

    public static DispatchJob Job(string to, string type = "text", int attempts = 0, string? id = null) =>
        new(new OutboundMessage(id ?? "wamid." + Guid.NewGuid().ToString("N"), "100000001", to, to, "individual", type, "{}", null, null, T0), attempts, T0.AddMinutes(1));

    /// <summary>Runs the job as the dispatcher does, to be sent by a minute from now.</summary>
    public Task RunAsync(DispatchJob job, Channel? channel = null) => Runner.RunAsync(job, channel ?? Channel(), Time.GetUtcNow().AddMinutes(1), CancellationToken.None);

    /// <summary>
    /// Moves the clock to <paramref name="sinceT0"/> and waits until the upstream has <paramref name="sends"/> sends: a
    /// test steps from one expected send to the next, so each send happens at the fake time it was due.
    /// </summary>
    public async Task StepToAsync(TimeSpan sinceT0, int sends)
    {
        Time.Advance(T0 + sinceT0 - Time.GetUtcNow());
        await UntilAsync(() => Upstream.Sends.Count >= sends, $"{sends} sends by T0+{sinceT0.TotalMilliseconds} ms");
        Upstream.Sends.Count.ShouldBe(sends, $"no send before its slot (T0+{sinceT0.TotalMilliseconds} ms)");
    }

    /// <summary>
    /// Waits (bounded) until <paramref name="done"/> holds: for the continuations a fake-clock step released to run on
    /// the thread pool. The outcome does not depend on how long that takes.
    /// </summary>
    public static async Task UntilAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue($"never happened: {what}");
            await Task.Delay(1);
        }
    }
}

/// <summary>Records what dispatch did with each job.</summary>
internal sealed class RecordingQueue : IDispatchQueue, IDispatchDeferral
{
    public ConcurrentQueue<(DispatchJob Job, IReadOnlyList<UpstreamEvent> Events)> Completed { get; } = new();

    public ConcurrentQueue<(DispatchJob Job, DateTimeOffset DueAt)> Retried { get; } = new();

    public ConcurrentQueue<(DispatchJob Job, DateTimeOffset DueAt)> Deferred { get; } = new();

    /// <summary>The jobs the next claim gets (up to its max).</summary>
    public ConcurrentQueue<DispatchJob> Due { get; } = new();

    /// <summary>Whether this node gets the channel when it asks.</summary>
    public bool Owns { get; set; } = true;

    public int Acquisitions { get; private set; }

    public List<int> ClaimSizes { get; } = [];

    public List<(IReadOnlyCollection<DateTimeOffset> Claims, DateTimeOffset Until)> Renewals { get; } = [];

    public IEnumerable<StatusEvent> Failures => Completed.SelectMany(c => c.Events).OfType<StatusEvent>().Where(s => s.Status == MessageStatus.Failed);

    public Task<bool> AcquireChannelAsync(string channelId, string nodeId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        Acquisitions++;
        return Task.FromResult(Owns);
    }

    public Task<IReadOnlyList<string>> ChannelsWithJobsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DispatchJob>> ClaimAsync(string channelId, int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ClaimSizes.Add(max);
        var jobs = new List<DispatchJob>();
        while (jobs.Count < max && Due.TryDequeue(out var job))
        {
            jobs.Add(job with { LeaseUntil = leaseUntil });
        }
        return Task.FromResult<IReadOnlyList<DispatchJob>>(jobs);
    }

    public Task RenewAsync(string channelId, IReadOnlyCollection<DateTimeOffset> claims, DateTimeOffset until, CancellationToken cancellationToken)
    {
        Renewals.Add((claims, until));
        return Task.CompletedTask;
    }

    public Task CompleteAsync(DispatchJob job, IReadOnlyList<UpstreamEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Completed.Enqueue((job, events));
        return Task.CompletedTask;
    }

    public Task RetryAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        Retried.Enqueue((job, dueAt));
        return Task.CompletedTask;
    }

    public Task DeferAsync(DispatchJob job, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        Deferred.Enqueue((job, dueAt));
        return Task.CompletedTask;
    }
}

/// <summary>An upstream that records each send with the time it reached it, and answers as <see cref="Answer"/> says.</summary>
internal sealed class RecordingUpstream(TimeProvider parleyTime, PairLimit? pairLimit) : IUpstream
{
    public const string KindName = "recording";

    private readonly TimeProvider _parleyTime = parleyTime;

    public string Kind => KindName;

    /// <summary>The network's clock: Parley's unless a test gives the network one of its own.</summary>
    public TimeProvider Clock { get; set; } = parleyTime;

    public ConcurrentQueue<(OutboundMessage Message, DateTimeOffset At)> Sends { get; } = new();

    public Func<OutboundMessage, UpstreamResult> Answer { get; set; } = m => new UpstreamResult.Sent([]);

    public PairLimit? PairLimitFor(Channel channel) => pairLimit;

    public Task<UpstreamResult> SendAsync(Channel channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        Sends.Enqueue((message, _parleyTime.GetUtcNow()));
        return Task.FromResult(Answer(message));
    }

    public static UpstreamResult Transient(ErrorDefinition error, TimeSpan? retryAfter = null) => new UpstreamResult.Transient(error.With("upstream details"), retryAfter);
}

/// <summary>When each user last wrote (the customer service window's start); nothing else of the message store is used.</summary>
internal sealed class LastInbound : IMessageStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public void Wrote(string user, DateTimeOffset at) => _last[user] = at;

    public Task<DateTimeOffset?> GetLastInboundAsync(string channelId, string waId, CancellationToken cancellationToken) =>
        Task.FromResult(_last.TryGetValue(waId, out var at) ? at : (DateTimeOffset?)null);

    public Task<AcceptResult> AcceptAsync(OutboundMessage message, string? idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredMessage?> GetAsync(string channelId, string messageId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<StatusChange>> GetHistoryAsync(string messageId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<StoredMessage>> ListAsync(MessageQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> MarkInboundReadAsync(string channelId, string messageId, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DateTimeOffset?> GetLastEntryPointAsync(string channelId, string waId, DateTimeOffset since, CancellationToken cancellationToken) => throw new NotSupportedException();
}
