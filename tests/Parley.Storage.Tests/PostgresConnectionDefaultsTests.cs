using Npgsql;
using Parley.Storage.Postgres;

namespace Parley.Storage.Tests;

/// <summary>
/// A PostgreSQL connection string without tuning gets Parley's defaults (prepared statements, no reset on close, a
/// pool small enough for three nodes on a default server); whatever the connection string says is kept.
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public async Task APlainConnectionStringGetsPreparedStatementsNoResetAndABoundedPool()
    {
        await using var database = new PostgresDatabase("Host=127.0.0.1;Port=1;Username=postgres", null);

        var main = Settings(database.DataSource);
        main.MaxAutoPrepare.ShouldBe(PostgresDatabase.DefaultMaxAutoPrepare);
        main.NoResetOnClose.ShouldBeTrue();
        main.MaxPoolSize.ShouldBe(PostgresDatabase.DefaultMaxPoolSize);
        var coordination = Settings(database.Coordination);
        coordination.MaxAutoPrepare.ShouldBe(PostgresDatabase.DefaultMaxAutoPrepare);
        coordination.NoResetOnClose.ShouldBeTrue();
        coordination.MaxPoolSize.ShouldBe(2);
        (3 * (main.MaxPoolSize + coordination.MaxPoolSize)).ShouldBeLessThan(100);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Max Auto Prepare=0;No Reset On Close=false;Maximum Pool Size=50")]
    [InlineData("host=127.0.0.1;port=1;maxautoprepare=0;noresetonclose=false;maxpoolsize=50")]
    public async Task SettingsTheConnectionStringGivesAreKept(string connectionString)
    {
        await using var database = new PostgresDatabase(connectionString, null);

        var main = Settings(database.DataSource);
        main.MaxAutoPrepare.ShouldBe(0);
        main.NoResetOnClose.ShouldBeFalse();
        main.MaxPoolSize.ShouldBe(50);
    }

    private static NpgsqlConnectionStringBuilder Settings(NpgsqlDataSource source) => new(source.ConnectionString);
}
