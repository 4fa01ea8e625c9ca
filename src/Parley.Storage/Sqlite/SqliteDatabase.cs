using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database. Reads use pooled connections (WAL lets them run beside the writer); every write
/// goes through one writer thread that group-commits: it takes all queued writes, runs them inside one
/// transaction, commits once, and only then completes the callers. Checkpoints run beside it (<see cref="SqliteCheckpointer"/>).
/// </summary>
public sealed partial class SqliteDatabase : IStorageInitializer, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const int MaxIdleReaders = 16;
    private readonly ConcurrentBag<SqliteConnection> _readers = [];

    private readonly string _connectionString;
    private readonly Channel<IWrite> _writes = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Thread _writer;
    private readonly SqliteCheckpointer _checkpointer;

    public SqliteDatabase(string path, ILogger<SqliteDatabase> logger, TimeProvider? time = null)
    {
        SQLitePCL.Batteries_V2.Init();
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 5,
        }.ToString();

        using (var connection = Open())
        {
            SqliteSchema.Migrate(connection);
            SqliteSchema.ReleaseClaimsOfEarlierRuns(connection);
        }
        _checkpointer = new SqliteCheckpointer(Open, path, time ?? TimeProvider.System, logger);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "parley-sqlite-writer" };
        _writer.Start();
    }

    /// <summary>The webhook subscriptions by channel and event kind, as the writer fans events out to the outbox.</summary>
    internal SqliteSubscriptions Subscriptions { get; } = new();

    /// <summary>The schema is migrated when the database is opened, before anything else can use it.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs a read on one of the idle read connections (or a new one). Keeping the connection objects keeps their
    /// prepared statements, so a hot read is compiled once, not on every call.
    /// </summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        if (!_readers.TryTake(out var connection))
        {
            connection = Open();
        }
        try
        {
            return read(connection);
        }
        finally
        {
            if (_readers.Count < MaxIdleReaders)
            {
                _readers.Add(connection);
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Opens a pooled connection.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the next group commit; completes after the commit is durable. The token is
    /// not watched: a queued write runs whatever the caller does next, and its outcome (committed, or failed) is what
    /// the caller learns, a few milliseconds later at most, rather than a cancellation that would hide a committed
    /// write. Not watching it also spares every write a <c>WaitAsync</c> promise and a token registration.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        var write = new Write<T>(work);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("The database is shutting down.");
        }
        return write.Completion.Task;
    }

    public Task WriteAsync(Action<SqliteConnection> work, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            work(connection);
            return true;
        }, cancellationToken);

    private void WriteLoop()
    {
        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            // Statement journals (for statements that may need undoing) stay in memory, not in temporary files. The log is
            // checkpointed beside the writer, not by its commits; a log that was emptied shrinks back to the limit.
            pragma.CommandText =
                $"PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {SqliteCheckpointer.TruncateBytes};";
            pragma.ExecuteNonQuery();
        }
        Subscriptions.Watch(connection);
        var batch = new List<IWrite>(MaxBatch);
        var reader = _writes.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            Commit(connection, batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Runs the whole batch in one transaction. Should one write throw, the batch is rolled back and every write is
    /// run again in a transaction of its own, so that only the faulty write fails.
    /// </summary>
    private void Commit(SqliteConnection connection, List<IWrite> batch)
    {
        try
        {
            Execute(connection, "BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                write.Run(connection);
            }
            Execute(connection, "COMMIT");
            _checkpointer.Committed();
            foreach (var write in batch)
            {
                write.Complete();
            }
            return;
        }
        catch (Exception ex)
        {
            Rollback(connection);
            Subscriptions.Forget(); // it may have been filled from rows the rollback took away
            if (batch.Count == 1)
            {
                Log.WriteFailed(_logger, ex);
                batch[0].Fail(ex);
                return;
            }
        }
        foreach (var write in batch)
        {
            Commit(connection, [write]);
        }
    }

    private static void Rollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction left to roll back.
        }
    }

    private static void Execute(SqliteConnection connection, string sql) => connection.Execute(sql);

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await Task.Run(() => _writer.Join(TimeSpan.FromSeconds(10)));
        await _checkpointer.CloseAsync();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
        // This database's pooled connections only: clearing every pool would pull connections from under the other
        // databases of the process (several hosts in one test run) and race their own opens and closes.
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private interface IWrite
    {
        void Run(SqliteConnection connection);
        void Complete();
        void Fail(Exception exception);
    }

    private sealed class Write<T>(Func<SqliteConnection, T> work) : IWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(SqliteConnection connection) => _result = work(connection);

        public void Complete() => Completion.TrySetResult(_result!);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "An SQLite write failed")]
        public static partial void WriteFailed(ILogger logger, Exception exception);
    }
}
