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
            sp.GetRequiredService<StorageSelection>().ConnectionString ?? "parley.db", sp.GetRequiredService<ILogger<SqliteDatabase>>(),
            sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<StorageSelection>().ConnectionString!, sp.GetService<ILoggerFactory>()));

        services.AddSingleton<IStorageInitializer>(sp => Select<IStorageInitializer>(sp,
            sqlite => sqlite,
            postgres => postgres));
        services.AddSingleton<ISqlDatabase>(sp => Select<ISqlDatabase>(sp, sqlite => new SqliteSql(sqlite), postgres => new PostgresSql(postgres)));

        services.AddSingleton<IAccountStore>(sp => Shared(sp, db => new SqlAccountStore(db)));
        services.AddSingleton<IChannelProfileStore>(sp => Shared(sp, db => new SqlChannelProfileStore(db)));
        services.AddSingleton<IMediaStore>(sp => Shared(sp, db => new SqlMediaStore(db)));
        services.AddSingleton<IUploadStore>(sp => Shared(sp, db => new SqlUploadStore(db)));
        services.AddSingleton<IBirdDialectStore>(sp => Shared(sp, db => new SqlBirdDialectStore(db)));
        services.AddSingleton<IOneMsgSettingsStore>(sp => Shared(sp, db => new SqlOneMsgSettingsStore(db)));
        services.AddSingleton<IGraphSettingsStore>(sp => Shared(sp, db => new SqlGraphSettingsStore(db)));
        services.AddSingleton<IPricingStore>(sp => Shared(sp, db => new SqlPricingStore(db)));
        services.AddSingleton<IUpstreamMessageIds>(sp => Shared(sp, db => new SqlUpstreamMessageIds(db)));
        services.AddSingleton<IUserStore>(sp => Shared(sp, db => new SqlUserStore(db)));
        services.AddSingleton<IGroupStore>(sp => Shared(sp, db => new SqlGroupStore(db)));
        services.AddSingleton<IFlowStore>(sp => Shared(sp, db => new SqlFlowStore(db)));
        services.AddSingleton<ICatalogStore>(sp => Shared(sp, db => new SqlCatalogStore(db)));
        services.AddSingleton<ITemplateAnalyticsStore>(sp => Shared(sp, db => new SqlTemplateAnalyticsStore(db)));
        services.AddSingleton<TemplateAnalyticsSettings>();
        services.AddSingleton<IGroupReceiptStore>(sp => Shared(sp, db => new SqlGroupReceiptStore(db)));
        services.AddSingleton<IBlockStore>(sp => new CachedBlockStore(Shared(sp, db => new SqlBlockStore(db)), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IQrCodeStore>(sp => Shared(sp, db => new SqlQrCodeStore(db)));
        services.AddSingleton(sp => Shared(sp, db => new SqlTemplateStore(db)));
        services.AddSingleton<ITemplateStore>(sp => sp.GetRequiredService<SqlTemplateStore>());
        services.AddSingleton<ITemplateDeletionStore>(sp => Shared(sp, db => new SqlTemplateDeletionStore(db, sp.GetRequiredService<SqlTemplateStore>())));

        // Where the logic really differs: accepting, numbering, the dispatch queue, applying events, the outbox.
        services.AddSingleton<IMessageStore>(sp => Select<IMessageStore>(sp,
            sqlite => new SqliteMessageStore(sqlite, new SqliteSql(sqlite)),
            postgres => new PostgresMessageStore(postgres, new PostgresSql(postgres))));
        services.AddSingleton<IMessageHistoryStore>(sp => Select<IMessageHistoryStore>(sp,
            sqlite => new SqliteMessageHistoryStore(new SqliteSql(sqlite)),
            postgres => new PostgresMessageHistoryStore(postgres, new PostgresSql(postgres))));
        services.AddSingleton<IDispatchQueue>(sp => Select<IDispatchQueue>(sp,
            sqlite => new SqliteDispatchQueue(sqlite),
            postgres => new PostgresDispatchQueue(postgres)));
        services.AddSingleton<IDispatchDeferral>(sp => (IDispatchDeferral)sp.GetRequiredService<IDispatchQueue>());
        services.AddSingleton<IEventStore>(sp => Select<IEventStore>(sp,
            sqlite => new SqliteEventStore(sqlite),
            postgres => new PostgresEventStore(postgres)));
        services.AddSingleton<IWebhookOutbox>(sp => Select<IWebhookOutbox>(sp,
            sqlite => new SqliteWebhookOutbox(sqlite, new SqliteSql(sqlite)),
            postgres => new PostgresWebhookOutbox(postgres, new PostgresSql(postgres))));
        return services;
    }

    private static T Select<T>(IServiceProvider sp, Func<SqliteDatabase, T> sqlite, Func<PostgresDatabase, T> postgres) =>
        sp.GetRequiredService<StorageSelection>().Provider switch
        {
            StorageProvider.Postgres => postgres(sp.GetRequiredService<PostgresDatabase>()),
            _ => sqlite(sp.GetRequiredService<SqliteDatabase>()),
        };

    private static T Shared<T>(IServiceProvider sp, Func<ISqlDatabase, T> store) => store(sp.GetRequiredService<ISqlDatabase>());

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
