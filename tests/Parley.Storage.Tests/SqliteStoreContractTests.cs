namespace Parley.Storage.Tests;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-sqlite-").FullName;

    protected override Task<StorageOptions> CreateStorageAsync() =>
        Task.FromResult(new StorageOptions { Provider = "sqlite", ConnectionString = Path.Combine(_folder, "parley.db") });

    protected override Task DeleteStorageAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
