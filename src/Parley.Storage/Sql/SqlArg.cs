using System.Data;

namespace Parley.Storage.Sql;

/// <summary>
/// A named parameter of a statement both stores run (<c>@name</c>, which Microsoft.Data.Sqlite and Npgsql both read).
/// It keeps its type, so that a null still has one: PostgreSQL needs it for <c>@channel IS NULL OR channel_id = @channel</c>.
/// Written as a tuple, <c>("id", message.Id)</c>; times are stored as Unix milliseconds.
/// </summary>
internal readonly record struct SqlArg(string Name, object? Value, DbType Type)
{
    public static implicit operator SqlArg((string Name, string? Value) arg) => new(arg.Name, arg.Value, DbType.String);

    public static implicit operator SqlArg((string Name, long Value) arg) => new(arg.Name, arg.Value, DbType.Int64);

    public static implicit operator SqlArg((string Name, long? Value) arg) => new(arg.Name, arg.Value, DbType.Int64);

    public static implicit operator SqlArg((string Name, int Value) arg) => new(arg.Name, arg.Value, DbType.Int32);

    public static implicit operator SqlArg((string Name, int? Value) arg) => new(arg.Name, arg.Value, DbType.Int32);

    public static implicit operator SqlArg((string Name, bool Value) arg) => new(arg.Name, arg.Value, DbType.Boolean);

    public static implicit operator SqlArg((string Name, DateTimeOffset Value) arg) => new(arg.Name, arg.Value.Ms(), DbType.Int64);

    public static implicit operator SqlArg((string Name, DateTimeOffset? Value) arg) => new(arg.Name, arg.Value?.Ms(), DbType.Int64);

    /// <summary>A value of a store's own type (a PostgreSQL array), bound as it is: only for that store's statements.</summary>
    public static SqlArg Native(string name, object value) => new(name, value, DbType.Object);
}
