using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Storage.Postgres;
using Parley.Storage.Sqlite;

namespace Parley.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores of the configured provider (<c>sqlite</c> or <c>postgres</c>). <paramref name="options"/> is
    /// read when the stores are first resolved, so configuration applied after registration (tests, environment) is
    /// honoured; an unknown provider or a missing PostgreSQL connection string fails then, at start.
    /// </summary>
    public static IServiceCollection AddParleyStorage(this IServiceCollection services, Func<IServiceProvider, StorageOptions> options)
    {
        services.AddSingleton(sp => StorageSelection.From(options(sp)));
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<StorageSelection>().ConnectionString ?? "parley.db", sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<StorageSelection>().ConnectionString!, sp.GetService<ILoggerFactory>()));

        services.AddSingleton<IStorageInitializer>(sp => Select<IStorageInitializer>(sp,
            sqlite => sqlite,
            postgres => postgres));
        services.AddSingleton<IAccountStore>(sp => Select<IAccountStore>(sp,
            sqlite => new SqliteAccountStore(sqlite),
            postgres => new PostgresAccountStore(postgres)));
        services.AddSingleton<IMessageStore>(sp => Select<IMessageStore>(sp,
            sqlite => new SqliteMessageStore(sqlite),
            postgres => new PostgresMessageStore(postgres)));
        services.AddSingleton<IMessageHistoryStore>(sp => Select<IMessageHistoryStore>(sp, sqlite => new SqliteMessageHistoryStore(sqlite), postgres => new PostgresMessageHistoryStore(postgres)));
        services.AddSingleton<IDispatchQueue>(sp => Select<IDispatchQueue>(sp,
            sqlite => new SqliteDispatchQueue(sqlite),
            postgres => new PostgresDispatchQueue(postgres)));
        services.AddSingleton<IEventStore>(sp => Select<IEventStore>(sp,
            sqlite => new SqliteEventStore(sqlite),
            postgres => new PostgresEventStore(postgres)));
        services.AddSingleton<IWebhookOutbox>(sp => Select<IWebhookOutbox>(sp,
            sqlite => new SqliteWebhookOutbox(sqlite),
            postgres => new PostgresWebhookOutbox(postgres)));
        services.AddSingleton<IChannelProfileStore>(sp => Select<IChannelProfileStore>(sp, sqlite => new SqliteChannelProfileStore(sqlite), postgres => new PostgresChannelProfileStore(postgres)));
        services.AddSingleton<IMediaStore>(sp => Select<IMediaStore>(sp, sqlite => new SqliteMediaStore(sqlite), postgres => new PostgresMediaStore(postgres)));
        services.AddSingleton<IBirdDialectStore>(sp => Select<IBirdDialectStore>(sp,
            sqlite => new SqliteChannelsDialectStore(sqlite),
            postgres => new PostgresChannelsDialectStore(postgres)));
        services.AddSingleton<IOneMsgSettingsStore>(sp => Select<IOneMsgSettingsStore>(sp, sqlite => new SqliteOneMsgSettingsStore(sqlite), postgres => new PostgresOneMsgSettingsStore(postgres)));
        services.AddSingleton<ITemplateStore>(sp => Select<ITemplateStore>(sp, sqlite => new SqliteTemplateStore(sqlite), postgres => new PostgresTemplateStore(postgres)));
        services.AddSingleton<IUpstreamMessageIds>(sp => Select<IUpstreamMessageIds>(sp, sqlite => new SqliteUpstreamStore(sqlite), postgres => new PostgresUpstreamStore(postgres)));
        services.AddSingleton<IDispatchDeferral>(sp => Select<IDispatchDeferral>(sp, sqlite => new SqliteUpstreamStore(sqlite), postgres => new PostgresUpstreamStore(postgres)));
        services.AddSingleton<ITemplateDeletionStore>(sp => Select<ITemplateDeletionStore>(sp, sqlite => new SqliteTemplateDeletionStore(sqlite), postgres => new PostgresTemplateDeletionStore(postgres)));
        services.AddSingleton<IUploadStore>(sp => Select<IUploadStore>(sp, sqlite => new SqliteUploadStore(sqlite), postgres => new PostgresUploadStore(postgres)));
        return services;
    }

    private static T Select<T>(IServiceProvider sp, Func<SqliteDatabase, T> sqlite, Func<PostgresDatabase, T> postgres) =>
        sp.GetRequiredService<StorageSelection>().Provider switch
        {
            StorageProvider.Postgres => postgres(sp.GetRequiredService<PostgresDatabase>()),
            _ => sqlite(sp.GetRequiredService<SqliteDatabase>()),
        };

    private enum StorageProvider { Sqlite, Postgres }

    /// <summary>The validated choice of provider.</summary>
    private sealed record StorageSelection(StorageProvider Provider, string? ConnectionString)
    {
        public static StorageSelection From(StorageOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            {
                return new StorageSelection(StorageProvider.Sqlite, options.ConnectionString);
            }
            if (string.Equals(options.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
            {
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? throw new InvalidOperationException("Parley:Storage:ConnectionString is required with Parley:Storage:Provider 'postgres' (an Npgsql connection string).")
                    : new StorageSelection(StorageProvider.Postgres, options.ConnectionString);
            }
            throw new InvalidOperationException($"Parley:Storage:Provider '{options.Provider}' is not supported; use 'sqlite' or 'postgres'.");
        }
    }
}
