namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A test that needs PostgreSQL: several Parley processes can share one PostgreSQL database, not one SQLite file.
/// The suite runs once per store (<see cref="TestStore"/>); on the SQLite pass these tests are reported as skipped.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestStore.IsPostgres)
        {
            Skip = "needs PARLEY_TEST_STORE=postgres (several nodes share one PostgreSQL)";
        }
    }
}
