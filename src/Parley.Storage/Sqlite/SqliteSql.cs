using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>The shared stores' statements on SQLite: writes in the writer thread's group commit, reads on read connections.</summary>
internal sealed class SqliteSql(SqliteDatabase database) : ISqlDatabase
{
    public string ForUpdate => "";

    public string Position => "instr";

    public string? LockKey => null;

    public Task<int> ExecuteAsync(string sql, SqlArg[] args, CancellationToken cancellationToken) =>
        database.WriteAsync(c => c.Execute(sql, args), cancellationToken);

    public Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(c => c.Query(sql, map, args)));

    /// <summary>The work runs inside one write of the writer thread, so its statements complete as they are called.</summary>
    public Task<T> InTransactionAsync<T>(Func<ISql, Task<T>> work, CancellationToken cancellationToken) =>
        database.WriteAsync(c =>
        {
            var done = work(new Writer(c));
            return done.IsCompleted
                ? done.GetAwaiter().GetResult()
                : throw new InvalidOperationException("SQLite work must not await anything but its own statements.");
        }, cancellationToken);

    /// <summary>Statements on the writer's connection, inside the current write: each completes as it is called.</summary>
    internal sealed class Writer(SqliteConnection connection) : ISql
    {
        public Task<int> ExecuteAsync(string sql, SqlArg[] args, CancellationToken cancellationToken) =>
            Task.FromResult(connection.Execute(sql, args));

        public Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken) =>
            Task.FromResult(connection.Query(sql, map, args));
    }
}
