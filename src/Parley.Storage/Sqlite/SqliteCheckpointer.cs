using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database beside the writer rather than inside its commits (the writer runs
/// with <c>wal_autocheckpoint = 0</c>, so a checkpoint's fsync no longer stalls a group commit). Every
/// <see cref="Interval"/> in which something was committed, a <c>PASSIVE</c> checkpoint on a connection of its own
/// copies what no reader still needs; once the log file has grown past <see cref="TruncateBytes"/> (readers kept
/// passive checkpoints from finishing) a <c>TRUNCATE</c> checkpoint waits for them and empties it, so the log cannot
/// grow without bound. The last checkpoint runs when the database closes.
/// </summary>
internal sealed partial class SqliteCheckpointer
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The log size past which a checkpoint empties the file; the writer's <c>journal_size_limit</c> is the same.</summary>
    public const long TruncateBytes = 64L << 20;

    private readonly Lock _gate = new();
    private readonly Func<SqliteConnection> _open;
    private readonly string _walPath;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private SqliteConnection? _connection;
    private long _commits;
    private long _checkpointed;
    private bool _closed;

    public SqliteCheckpointer(Func<SqliteConnection> open, string databasePath, TimeProvider time, ILogger logger)
    {
        _open = open;
        _walPath = databasePath + "-wal";
        _logger = logger;
        _timer = time.CreateTimer(_ => Tick(), null, Interval, Interval);
    }

    /// <summary>Called by the writer after each commit: there is something to checkpoint.</summary>
    public void Committed() => Interlocked.Increment(ref _commits);

    private void Tick()
    {
        if (!_gate.TryEnter())
        {
            return; // the previous checkpoint is still running
        }
        try
        {
            var commits = Interlocked.Read(ref _commits);
            if (_closed || commits == _checkpointed)
            {
                return;
            }
            _checkpointed = commits;
            Checkpoint(LogFileBytes() > TruncateBytes ? "TRUNCATE" : "PASSIVE");
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            Log.CheckpointFailed(_logger, ex);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Stops the timer and empties the log; the writer has stopped.</summary>
    public async ValueTask CloseAsync()
    {
        await _timer.DisposeAsync();
        lock (_gate)
        {
            _closed = true;
            try
            {
                Checkpoint("TRUNCATE");
            }
            catch (SqliteException ex)
            {
                Log.CheckpointFailed(_logger, ex);
            }
            _connection?.Dispose();
            _connection = null;
        }
    }

    private void Checkpoint(string mode)
    {
        if (_connection is null)
        {
            _connection = _open();
            // A TRUNCATE checkpoint waits this long for readers to move to the newest snapshot.
            _connection.Execute("PRAGMA busy_timeout = 5000");
        }
        _connection.Execute($"PRAGMA wal_checkpoint({mode})");
    }

    private long LogFileBytes()
    {
        var log = new FileInfo(_walPath);
        return log.Exists ? log.Length : 0;
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "An SQLite checkpoint failed; the next one tries again")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception);
    }
}
