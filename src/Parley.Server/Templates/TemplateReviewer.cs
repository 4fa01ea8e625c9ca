using Parley.Core.Templates;
using Parley.Server.Upstreams.Sandbox;
using Parley.Storage;

namespace Parley.Server.Templates;

/// <summary>
/// The sandbox's template review: when a pending template's review falls due (a time kept in the store, so a restart
/// loses nothing), decides it by <see cref="TemplateReview"/>'s documented rules and sets APPROVED or REJECTED with
/// its webhook. Due times are on the sandbox clock, so advancing the clock makes reviews due.
/// </summary>
internal sealed partial class TemplateReviewer(
    ITemplateStore store, TemplateService templates, ReviewSignal signal, SandboxClock clock, TimeProvider time, ILogger<TemplateReviewer> logger) : BackgroundService
{
    private const int BatchSize = 100;
    /// <summary>How often due reviews are looked for without a signal (other nodes' templates, an advanced clock).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // leave the host's start-up thread at once
        while (!stoppingToken.IsCancellationRequested)
        {
            var reviewed = 0;
            try
            {
                reviewed = await ReviewDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ReviewFailed(logger, ex);
            }
            if (reviewed < BatchSize)
            {
                await signal.WaitAsync(PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task<int> ReviewDueAsync(CancellationToken stoppingToken)
    {
        var due = await store.DueForReviewAsync(clock.GetUtcNow(), BatchSize, stoppingToken);
        foreach (var template in due)
        {
            var decision = TemplateReview.Decide(template);
            // Another node may decide the same review at once: the store applies only the first change.
            if (await templates.SetStatusAsync(template, decision.Status, decision.Reason, stoppingToken))
            {
                Log.Reviewed(logger, template.Id, decision.Status, decision.Reason);
            }
        }
        return due.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A template review round failed")]
        public static partial void ReviewFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Template {TemplateId} reviewed: {Status} ({Reason})")]
        public static partial void Reviewed(ILogger logger, string templateId, string status, string reason);
    }
}
