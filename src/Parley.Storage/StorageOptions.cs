namespace Parley.Storage;

/// <summary>Where Parley keeps its state. Bound from <c>Parley:Storage</c>.</summary>
public sealed record StorageOptions
{
    /// <summary><c>sqlite</c> (embedded, one node) or <c>postgres</c>.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>For SQLite, a file path (default: <c>parley.db</c> in the data directory); for PostgreSQL, an Npgsql connection string.</summary>
    public string? ConnectionString { get; init; }
}
