using System.Data.Common;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>Small helpers that keep the PostgreSQL-only SQL readable: typed named parameters and mapping.</summary>
internal static class PostgresExtensions
{
    /// <summary>
    /// Adds a named parameter typed by <typeparamref name="T"/>, so that a null still has a type
    /// (<c>@channel IS NULL OR channel_id = @channel</c> needs one).
    /// </summary>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, string name, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    public static NpgsqlBatchCommand With<T>(this NpgsqlBatchCommand command, string name, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    public static async Task<List<T>> QueryAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(map(reader));
        }
        return results;
    }

    /// <summary>Runs a single statement on a pooled connection and disposes the command.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Runs a query on a pooled connection, maps every row and disposes the command.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.QueryAsync(map, cancellationToken);
        }
    }

    public static async Task<T?> FirstOrDefaultAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken) where T : class =>
        (await command.ListAsync(map, cancellationToken)).FirstOrDefault();
}
