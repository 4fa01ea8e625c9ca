using Parley.Testing;

namespace Parley.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContractTests
{
    protected override async Task<StorageOptions> CreateStorageAsync() =>
        new() { Provider = "postgres", ConnectionString = await server.CreateDatabaseAsync() };
}
