using Parley.Testing;

namespace Parley.Storage.Tests;

/// <summary>The test classes that use PostgreSQL share one throwaway server; each test makes a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
