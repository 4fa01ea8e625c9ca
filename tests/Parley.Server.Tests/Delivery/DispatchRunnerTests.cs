using Microsoft.Extensions.Time.Testing;
using Parley.Core.Errors;
using Parley.Core.Model;
using Parley.Server.Configuration;
using Parley.Server.Upstreams;

namespace Parley.Server.Tests.Delivery;

/// <summary>One claimed job through the runner on a fake clock: what reaches the upstream, and what is completed, retried or failed.</summary>
public sealed class DispatchRunnerTests
{
    private const string User = "16505550001";

    [Fact]
    public async Task SentJobIsCompletedWithTheNetworksEvents()
    {
        var kit = new DispatchKit();
        var sent = new StatusEvent("100000001", DispatchKit.T0, "m", MessageStatus.Sent);
        kit.Upstream.Answer = _ => new UpstreamResult.Sent([sent]);
        kit.Windows.Wrote(User, DispatchKit.T0.AddHours(-1));

        await kit.RunAsync(DispatchKit.Job(User));

        kit.Upstream.Sends.ShouldHaveSingleItem();
        kit.Queue.Completed.ShouldHaveSingleItem().Events.ShouldBe([sent]);
        kit.Queue.Retried.ShouldBeEmpty();
    }

    [Fact]
    public async Task RejectedJobFailsWithTheUpstreamsErrorAndIsNotRetried()
    {
        var kit = new DispatchKit();
        kit.Upstream.Answer = _ => new UpstreamResult.Rejected(ErrorCatalog.MessageUndeliverable.With("not on WhatsApp"));

        await kit.RunAsync(DispatchKit.Job(User, type: "template"));

        var failed = kit.Queue.Failures.ShouldHaveSingleItem();
        failed.Error!.Code.ShouldBe(131026);
        failed.At.ShouldBe(DispatchKit.T0);
        kit.Queue.Retried.ShouldBeEmpty();
    }

    [Fact]
    public async Task TransientFailureIsRetriedWhenTheUpstreamSaysOnTheFakeClock()
    {
        var kit = new DispatchKit();
        kit.Upstream.Answer = _ => RecordingUpstream.Transient(ErrorCatalog.ServiceTemporarilyUnavailable, retryAfter: TimeSpan.FromSeconds(30));
        kit.Time.Advance(TimeSpan.FromSeconds(7));

        await kit.RunAsync(DispatchKit.Job(User, type: "template"));

        kit.Queue.Retried.ShouldHaveSingleItem().DueAt.ShouldBe(DispatchKit.T0.AddSeconds(37));
        kit.Queue.Completed.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(3, 8000)]
    [InlineData(9, 60_000)]
    public async Task TransientFailureWithoutRetryAfterBacksOffExponentiallyWithinItsJitter(int attempts, int expectedMs)
    {
        var kit = new DispatchKit(new DispatchOptions { MaxAttempts = 20 });
        kit.Upstream.Answer = _ => RecordingUpstream.Transient(ErrorCatalog.ServiceTemporarilyUnavailable);

        await kit.RunAsync(DispatchKit.Job(User, type: "template", attempts: attempts));

        var dueIn = kit.Queue.Retried.ShouldHaveSingleItem().DueAt - DispatchKit.T0;
        dueIn.TotalMilliseconds.ShouldBeInRange(expectedMs * 0.8, expectedMs * 1.2);
    }

    [Fact]
    public async Task TransientFailureOfTheLastAttemptFailsTheMessageWithTheUpstreamsError()
    {
        var kit = new DispatchKit(new DispatchOptions { MaxAttempts = 4 });
        kit.Upstream.Answer = _ => RecordingUpstream.Transient(ErrorCatalog.ServiceTemporarilyUnavailable);

        await kit.RunAsync(DispatchKit.Job(User, type: "template", attempts: 3));

        kit.Queue.Failures.ShouldHaveSingleItem().Error!.Code.ShouldBe(ErrorCatalog.ServiceTemporarilyUnavailable.Code);
        kit.Queue.Retried.ShouldBeEmpty();
    }

    [Fact]
    public async Task MissingChannelFailsTheJobWithoutCallingAnyUpstream()
    {
        var kit = new DispatchKit();

        await kit.Runner.RunAsync(DispatchKit.Job(User), channel: null, DispatchKit.T0.AddMinutes(1), CancellationToken.None);

        kit.Queue.Failures.ShouldHaveSingleItem().Error!.Code.ShouldBe(131026);
        kit.Upstream.Sends.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("text")]
    [InlineData("image")]
    [InlineData("interactive")]
    [InlineData("reaction")]
    public async Task FreeFormToAUserWhoNeverWroteFailsWith131047BeforeTheUpstream(string type)
    {
        var kit = new DispatchKit();

        await kit.RunAsync(DispatchKit.Job(User, type));

        var failed = kit.Queue.Failures.ShouldHaveSingleItem();
        failed.Error!.Code.ShouldBe(131047);
        failed.Error.Title.ShouldBe("Re-engagement message");
        kit.Upstream.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task TemplateNeedsNoWindow()
    {
        var kit = new DispatchKit();

        await kit.RunAsync(DispatchKit.Job(User, "template"));

        kit.Upstream.Sends.ShouldHaveSingleItem();
        kit.Queue.Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task WindowIsMeasuredOnTheUpstreamsClockNotParleys()
    {
        var network = new FakeTimeProvider(DispatchKit.T0);
        // A kit per send, so that no pacing slot waits on Parley's clock, which never moves here.
        DispatchKit OnNetwork()
        {
            var kit = new DispatchKit();
            kit.Upstream.Clock = network;
            kit.Windows.Wrote(User, DispatchKit.T0);
            return kit;
        }

        network.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var inside = OnNetwork();
        await inside.RunAsync(DispatchKit.Job(User));
        inside.Upstream.Sends.Count.ShouldBe(1, "inside the window on the network's clock");

        network.Advance(TimeSpan.FromSeconds(1));
        var outside = OnNetwork();
        await outside.RunAsync(DispatchKit.Job(User));

        outside.Upstream.Sends.ShouldBeEmpty("24 h after the user wrote, on the network's clock, though Parley's has not moved");
        outside.Queue.Failures.ShouldHaveSingleItem().Error!.Code.ShouldBe(131047);
        outside.Time.GetUtcNow().ShouldBe(DispatchKit.T0);
    }
}
