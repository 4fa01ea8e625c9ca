using Parley.Testing;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Which store the whole suite runs against: <c>PARLEY_TEST_STORE=sqlite</c> (default) or <c>postgres</c>. The same
/// tests run on both (the test command runs the suite once per store). With PostgreSQL one throwaway server is
/// started for the test run and every Parley instance gets a database of its own.
/// </summary>
public static class TestStore
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartServerAsync);

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("PARLEY_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string Name => IsPostgres ? "postgres" : "sqlite";

    /// <summary>Storage settings for one Parley instance (<c>Parley:Storage:*</c>); empty for SQLite, which lives in the data folder.</summary>
    public static IReadOnlyDictionary<string, string> Settings()
    {
        if (!IsPostgres)
        {
            return new Dictionary<string, string>();
        }
        var server = Server.Value.GetAwaiter().GetResult();
        var connectionString = server.CreateDatabaseAsync().GetAwaiter().GetResult();
        return new Dictionary<string, string>
        {
            ["Parley:Storage:Provider"] = "postgres",
            ["Parley:Storage:ConnectionString"] = connectionString,
        };
    }

    private static async Task<PostgresServer> StartServerAsync()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().GetAwaiter().GetResult();
        return server;
    }
}
