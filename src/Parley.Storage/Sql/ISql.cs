using System.Data.Common;

namespace Parley.Storage.Sql;

/// <summary>Runs statements written once for both stores, with <c>@name</c> parameters.</summary>
internal interface ISql
{
    Task<int> ExecuteAsync(string sql, SqlArg[] args, CancellationToken cancellationToken);

    Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken);
}

/// <summary>
/// A database both stores' shared code runs on: SQLite through its writer thread (group commit) and read connections,
/// PostgreSQL through pooled commands. What really differs stays in the per-store classes.
/// </summary>
internal interface ISqlDatabase : ISql
{
    /// <summary>
    /// What a read that the same transaction then changes appends to lock its rows: <c>FOR UPDATE</c> on PostgreSQL
    /// (nodes share the database); nothing on SQLite, whose one writer already runs each write alone.
    /// </summary>
    string ForUpdate { get; }

    /// <summary>The function <c>f(text, part)</c> that is the 1-based position of <c>part</c> in <c>text</c>, 0 when absent.</summary>
    string Position { get; }

    /// <summary>
    /// A statement that holds a lock on <c>@key</c> until the transaction ends, so that nodes do one after another what
    /// the same key names (PostgreSQL's advisory lock); null on SQLite, whose one writer runs every write alone.
    /// </summary>
    string? LockKey { get; }

    /// <summary>Runs <paramref name="work"/> in one transaction. On SQLite it runs on the writer thread and must not really await.</summary>
    Task<T> InTransactionAsync<T>(Func<ISql, Task<T>> work, CancellationToken cancellationToken);
}

internal static class SqlExtensions
{
    public static async Task<T?> FirstOrDefaultAsync<T>(this ISql sql, string text, Func<DbDataReader, T> map, SqlArg[] args, CancellationToken cancellationToken) =>
        (await sql.QueryAsync(text, map, args, cancellationToken)).FirstOrDefault();

    public static async Task<bool> ChangesAsync(this ISql sql, string text, SqlArg[] args, CancellationToken cancellationToken) =>
        await sql.ExecuteAsync(text, args, cancellationToken) > 0;

    /// <summary>A list of parameters <c>@in0, @in1, …</c> for <c>IN (…)</c>, one per value (an IN list reads the same on both stores).</summary>
    public static (string Names, SqlArg[] Args) InList(IReadOnlyList<string> values)
    {
        var names = values.Select((_, i) => "in" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (string.Join(", ", names.Select(n => "@" + n)), [.. names.Select((n, i) => (SqlArg)(n, values[i]))]);
    }

    public static long Ms(this DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
