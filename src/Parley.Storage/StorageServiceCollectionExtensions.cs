using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Storage.Sqlite;

namespace Parley.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the stores of the configured provider. The SQLite file lives at <paramref name="sqlitePath"/>.</summary>
    public static IServiceCollection AddParleyStorage(this IServiceCollection services, StorageOptions options, string sqlitePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Parley:Storage:Provider '{options.Provider}' is not supported; use 'sqlite'.");
        }
        services.AddSingleton(sp => new SqliteDatabase(options.ConnectionString ?? sqlitePath, sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IMessageStore, SqliteMessageStore>();
        services.AddSingleton<IDispatchQueue, SqliteDispatchQueue>();
        services.AddSingleton<IEventStore, SqliteEventStore>();
        services.AddSingleton<IWebhookOutbox, SqliteWebhookOutbox>();
        return services;
    }
}
