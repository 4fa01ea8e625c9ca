using System.Data;
using System.Data.Common;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>The shared stores' statements on PostgreSQL: pooled commands, each its own transaction unless run in one.</summary>
internal sealed class PostgresSql(PostgresDatabase database) : ISqlDatabase
{
    public string ForUpdate => " FOR UPDATE";

    public string Position => "strpos";

    public string? LockKey => "SELECT pg_advisory_xact_lock(hashtextextended(@key, 7))";

    public Task<int> ExecuteAsync(string sql, SqlArg[] args, CancellationToken cancellationToken) =>
        Execute(database.Command(sql), args, cancellationToken);

    public Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken) =>
        Query(database.Command(sql), map, args, cancellationToken);

    public Task<T> InTransactionAsync<T>(Func<ISql, Task<T>> work, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction, _) => work(new Transaction(connection, transaction)), cancellationToken);

    private static async Task<int> Execute(NpgsqlCommand command, SqlArg[] args, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await Bind(command, args).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<T>> Query<T>(NpgsqlCommand command, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await Bind(command, args).QueryAsync(map, cancellationToken);
        }
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, SqlArg[] args)
    {
        foreach (var arg in args)
        {
            var parameter = new NpgsqlParameter(arg.Name, arg.Value ?? DBNull.Value);
            if (arg.Type != DbType.Object)
            {
                parameter.DbType = arg.Type;
            }
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Statements inside an open transaction.</summary>
    internal sealed class Transaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : ISql
    {
        public Task<int> ExecuteAsync(string sql, SqlArg[] args, CancellationToken cancellationToken) =>
            Execute(new NpgsqlCommand(sql, connection, transaction), args, cancellationToken);

        public Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken) =>
            Query(new NpgsqlCommand(sql, connection, transaction), map, args, cancellationToken);
    }
}
