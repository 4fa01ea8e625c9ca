using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Storage.Sqlite;

namespace Parley.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores. <paramref name="options"/> is read when the stores are first resolved, so configuration
    /// applied after registration (tests, environment) is honoured.
    /// </summary>
    public static IServiceCollection AddParleyStorage(this IServiceCollection services, Func<IServiceProvider, StorageOptions> options)
    {
        services.AddSingleton(sp =>
        {
            var storage = options(sp);
            if (!string.Equals(storage.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Parley:Storage:Provider '{storage.Provider}' is not supported; use 'sqlite'.");
            }
            return new SqliteDatabase(storage.ConnectionString ?? "parley.db", sp.GetRequiredService<ILogger<SqliteDatabase>>());
        });
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IMessageStore, SqliteMessageStore>();
        services.AddSingleton<IDispatchQueue, SqliteDispatchQueue>();
        services.AddSingleton<IEventStore, SqliteEventStore>();
        services.AddSingleton<IWebhookOutbox, SqliteWebhookOutbox>();
        return services;
    }
}
