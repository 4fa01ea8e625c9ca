namespace Parley.Storage.Tests;

/// <summary><c>Parley:Storage:Provider</c> chooses the stores; a wrong configuration fails at start, clearly.</summary>
public sealed class StorageRegistrationTests
{
    [Theory]
    [InlineData("postgres", "Postgres")]
    [InlineData("POSTGRES", "Postgres")]
    [InlineData("Sqlite", "Sqlite")]
    public async Task TheProviderChoosesTheStoresWhateverItsCase(string provider, string prefix)
    {
        var folder = Directory.CreateTempSubdirectory("parley-sqlite-").FullName;
        try
        {
            var connectionString = provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase)
                ? Path.Combine(folder, "parley.db")
                : "Host=127.0.0.1;Port=1;Username=postgres"; // the data source does not connect until used
            await using var node = StoreNode.Build(new StorageOptions { Provider = provider, ConnectionString = connectionString });

            node.Get<IMessageStore>().GetType().Name.ShouldStartWith(prefix);
            node.Get<IDispatchQueue>().GetType().Name.ShouldStartWith(prefix);
            node.Get<IEventStore>().GetType().Name.ShouldStartWith(prefix);
            node.Get<IWebhookOutbox>().GetType().Name.ShouldStartWith(prefix);
            node.Get<IStorageInitializer>().GetType().Name.ShouldStartWith(prefix);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownProviderFailsAtStartNamingTheChoices()
    {
        await using var node = StoreNode.Build(new StorageOptions { Provider = "mysql", ConnectionString = "x" });

        var error = Should.Throw<InvalidOperationException>(() => node.Get<IStorageInitializer>());

        error.Message.ShouldBe("Parley:Storage:Provider 'mysql' is not supported; use 'sqlite' or 'postgres'.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task PostgresWithoutAConnectionStringFailsAtStart(string? connectionString)
    {
        await using var node = StoreNode.Build(new StorageOptions { Provider = "postgres", ConnectionString = connectionString });

        Should.Throw<InvalidOperationException>(() => node.Get<IStorageInitializer>()).Message.ShouldContain("Parley:Storage:ConnectionString is required");
    }
}
