using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// A PostgreSQL database shared by any number of Parley nodes. One pooled <see cref="NpgsqlDataSource"/> per process;
/// every write is a short transaction (most are a single statement), and concurrent nodes coordinate through row locks,
/// <c>FOR UPDATE SKIP LOCKED</c> claims with leases, and primary keys. Nothing is held in memory between calls.
/// Nodes coordinate over a small pool of their own (<see cref="Coordination"/>: finding channels with work, taking and
/// renewing leases): when a burst of work queues for the main pool, the renewals that keep that work from being taken
/// over by another node do not wait behind it.
/// </summary>
internal sealed partial class PostgresDatabase : IStorageInitializer, IAsyncDisposable
{
    /// <summary>Deadlocks and serialization failures are retried this many times in all.</summary>
    private const int MaxAttempts = 3;

    /// <summary>Connections for coordination: a node's dispatcher asks one thing at a time.</summary>
    private const int CoordinationPoolSize = 2;

    private readonly ILogger<PostgresDatabase> _logger;

    public PostgresDatabase(string connectionString, ILoggerFactory? loggerFactory)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "parley";
        ApplyDefaults(builder.ConnectionStringBuilder, connectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(new NpgsqlLogFilter(loggerFactory));
        }
        DataSource = builder.Build();
        var coordination = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        coordination.ConnectionStringBuilder.ApplicationName = builder.ConnectionStringBuilder.ApplicationName + "-coordination";
        coordination.ConnectionStringBuilder.MinPoolSize = 0;
        coordination.ConnectionStringBuilder.MaxPoolSize = CoordinationPoolSize;
        if (loggerFactory is not null)
        {
            coordination.UseLoggerFactory(new NpgsqlLogFilter(loggerFactory));
        }
        Coordination = coordination.Build();
        _logger = loggerFactory?.CreateLogger<PostgresDatabase>() ?? NullLogger<PostgresDatabase>.Instance;
    }

    /// <summary>Statements each connection prepares once it has run them a few times (Npgsql's automatic preparation).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Connections of a node's main pool. Npgsql's own default is 100, so two nodes exhaust a default PostgreSQL
    /// (<c>max_connections</c> 100); with this and <see cref="CoordinationPoolSize"/>, three nodes hold at most 66.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The pool for coordinating nodes (channels with work, leases), apart from the work they coordinate.</summary>
    public NpgsqlDataSource Coordination { get; }

    /// <summary>Applies the pending migrations; several nodes starting at once take turns on an advisory lock.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(this, _logger, cancellationToken);

    /// <summary>A pooled command that runs as its own (implicit) transaction.</summary>
    public NpgsqlCommand Command(string sql) => DataSource.CreateCommand(sql);

    /// <summary>
    /// Runs <paramref name="work"/> in a read-committed transaction and commits it. A deadlock or serialization failure
    /// rolls everything back and runs the work again on a fresh transaction.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                Log.TransactionRetried(_logger, ex.SqlState, attempt);
            }
        }
    }

    public Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        InTransactionAsync<bool>(async (connection, transaction, token) =>
        {
            await work(connection, transaction, token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Parley's defaults for what <paramref name="connectionString"/> leaves out: prepared statements
    /// (<c>Max Auto Prepare</c>, as most of PostgreSQL's time otherwise goes to parsing and planning the same few
    /// statements), no <c>DISCARD ALL</c> when a connection goes back to the pool (<c>No Reset On Close</c>: Parley keeps
    /// no session state: its locks are transaction-scoped and it never uses <c>SET</c> or temporary tables) and a bounded
    /// pool (<c>Maximum Pool Size</c>). A setting the connection string gives, under any of its spellings, is kept.
    /// </summary>
    private static void ApplyDefaults(NpgsqlConnectionStringBuilder settings, string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!given.Contains("NORESETONCLOSE"))
        {
            settings.NoResetOnClose = true;
        }
        if (!given.Contains("MAXIMUMPOOLSIZE") && !given.Contains("MAXPOOLSIZE"))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Coordination.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "PostgreSQL transaction failed with {SqlState} on attempt {Attempt}; running it again")]
        public static partial void TransactionRetried(ILogger logger, string sqlState, int attempt);
    }
}
