using Microsoft.Data.Sqlite;

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

    [Fact]
    public async Task The_embedded_engine_is_sqlite_3_50_or_newer()
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(_folder, "parley.db"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";

        var version = Version.Parse((string)(await command.ExecuteScalarAsync())!);

        version.ShouldBeGreaterThanOrEqualTo(new Version(3, 50));
    }
}
