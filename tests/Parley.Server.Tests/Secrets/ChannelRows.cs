using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Secrets;

/// <summary>A channel's secret columns as the database holds them, read and written past Parley (SQLite file or PostgreSQL).</summary>
public sealed record ChannelRow(string UpstreamSettings, string AppSecret)
{
    public static async Task<ChannelRow> ReadAsync(ParleyFactory parley, string phoneNumberId)
    {
        await using var connection = await OpenAsync(parley);
        await using var command = Command(connection, "SELECT upstream_settings, app_secret FROM channels WHERE phone_number_id = @id", ("id", phoneNumberId));
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue($"no channels row for {phoneNumberId}");
        return new ChannelRow(reader.GetString(0), reader.GetString(1));
    }

    public async Task WriteAsync(ParleyFactory parley, string phoneNumberId)
    {
        await using var connection = await OpenAsync(parley);
        await using var command = Command(connection, "UPDATE channels SET upstream_settings = @settings, app_secret = @secret WHERE phone_number_id = @id",
            ("settings", UpstreamSettings), ("secret", AppSecret), ("id", phoneNumberId));
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private static async Task<DbConnection> OpenAsync(ParleyFactory parley)
    {
        DbConnection connection = TestStore.IsPostgres
            ? new NpgsqlConnection(parley.Services.GetRequiredService<IConfiguration>()["Parley:Storage:ConnectionString"])
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(parley.DataDirectory, "parley.db")}");
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
