using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>Small helpers that keep the SQL readable.</summary>
internal static class SqliteExtensions
{
    /// <summary>
    /// Prepared commands per connection, by SQL text: a command keeps its compiled statements while its text stays
    /// the same, so the writer thread's long-lived connection compiles each statement once.
    /// </summary>
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = new();

    /// <summary>The connection's cached command for <paramref name="sql"/>, bound to these parameters. Do not dispose it.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params SqlArg[] parameters)
    {
        var commands = Prepared.GetValue(connection, static _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        foreach (var (name, value, _) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    public static object? Scalar(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static int Execute(this SqliteConnection connection, string sql, params SqlArg[] parameters) =>
        connection.Command(sql, parameters).ExecuteNonQuery();

    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<DbDataReader, T> map, params SqlArg[] parameters)
    {
        using var reader = connection.Command(sql, parameters).ExecuteReader();
        var results = new List<T>();
        while (reader.Read())
        {
            results.Add(map(reader));
        }
        return results;
    }
}
