using Npgsql;

namespace Parley.Bench;

/// <summary>The server's counters when the measured run started (before <c>pg_stat_statements</c> was reset).</summary>
internal sealed record PostgresMark(long Transactions);

/// <summary>One statement of <c>pg_stat_statements</c>: how often it ran and its mean execution time.</summary>
internal sealed record StatementCalls(string Query, long Calls, double MeanMilliseconds);

/// <summary>What PostgreSQL did during the measured run: statement executions, distinct statements, transactions.</summary>
internal sealed record PostgresDelta(long Calls, IReadOnlyList<StatementCalls> Statements, long Transactions, int MaxConnections);

/// <summary>
/// Reads <c>pg_stat_statements</c> (created here when the server preloads it) and <c>pg_stat_database</c> over one
/// connection of its own, opened before the run so that its setup queries are not counted. The bench's own queries
/// (this class's) are left out of the counts.
/// </summary>
internal sealed class PostgresStatistics : IAsyncDisposable
{
    private const string Marker = "/* parley-bench */";
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlConnection _sampler;

    private PostgresStatistics(NpgsqlConnection connection, NpgsqlConnection sampler) => (_connection, _sampler) = (connection, sampler);

    public static async Task<PostgresStatistics?> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "parley-bench" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        var sampler = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await sampler.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", cancellationToken);
            await ExecuteAsync(connection, $"SELECT count(*) FROM pg_stat_statements {Marker}", cancellationToken);
        }
        catch (PostgresException e)
        {
            await Console.Error.WriteLineAsync($"pg_stat_statements is not available: {e.MessageText}");
            await connection.DisposeAsync();
            await sampler.DisposeAsync();
            return null;
        }

        return new PostgresStatistics(connection, sampler);
    }

    /// <summary>Marks the start of the measured run and resets <c>pg_stat_statements</c>.</summary>
    public async Task<PostgresMark> StartAsync(CancellationToken cancellationToken)
    {
        var transactions = await TransactionsAsync(cancellationToken);
        await ExecuteAsync(_connection, $"SELECT pg_stat_statements_reset() {Marker}", cancellationToken);
        return new PostgresMark(transactions);
    }

    /// <summary>Connections to the server now (every backend that serves a client), from the sampler's own connection.</summary>
    public async Task<int> ConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' {Marker}", _sampler);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<PostgresDelta> StopAsync(PostgresMark mark, CancellationToken cancellationToken)
    {
        var statements = new List<StatementCalls>();
        await using (var command = new NpgsqlCommand(
            $"SELECT query, calls, mean_exec_time FROM pg_stat_statements WHERE query NOT LIKE '%parley-bench%' ORDER BY calls DESC {Marker}", _connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                statements.Add(new StatementCalls(OneLine(reader.GetString(0)), reader.GetInt64(1), reader.GetDouble(2)));
            }
        }

        var transactions = await TransactionsAsync(cancellationToken) - mark.Transactions;
        await using var maxConnections = new NpgsqlCommand($"SELECT current_setting('max_connections')::int {Marker}", _connection);
        var max = (int)(await maxConnections.ExecuteScalarAsync(cancellationToken))!;
        return new PostgresDelta(statements.Sum(s => s.Calls), statements, transactions, max);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _sampler.DisposeAsync();
    }

    private async Task<long> TransactionsAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT sum(xact_commit + xact_rollback)::bigint FROM pg_stat_database {Marker}", _connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Statements are shown in one table cell: whitespace collapsed, shortened.
    private static string OneLine(string query)
    {
        var line = string.Join(' ', query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
        return line.Length <= 140 ? line : line[..137] + "…";
    }
}
