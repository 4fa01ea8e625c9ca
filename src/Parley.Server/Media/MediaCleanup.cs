using Microsoft.Extensions.Options;
using Parley.Server.Configuration;
using Parley.Storage;

namespace Parley.Server.Media;

/// <summary>
/// Removes media whose time ran out (uploads after 30 days, inbound media after 7, link cache entries after 30):
/// marks them deleted and deletes their bytes. Safe on several nodes: a record is deleted once, and deleting an
/// absent blob is a no-op.
/// </summary>
internal sealed partial class MediaCleanup(IMediaStore store, IBlobStore blobs, IOptions<ParleyOptions> options, TimeProvider time, ILogger<MediaCleanup> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // leave the host's start-up thread at once
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.Media.CleanupIntervalSeconds));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.SweepFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        IReadOnlyList<MediaRecord> expired;
        do
        {
            var now = time.GetUtcNow();
            expired = await store.ListExpiredAsync(now, BatchSize, cancellationToken);
            foreach (var media in expired)
            {
                if (await store.DeleteAsync(media.Id, now, cancellationToken))
                {
                    blobs.Delete(media.BlobKey);
                    removed++;
                }
            }
        }
        while (expired.Count == BatchSize);
        if (removed > 0)
        {
            Log.Removed(logger, removed);
        }
        return removed;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Removed {Count} expired media objects")]
        public static partial void Removed(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "Removing expired media failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
