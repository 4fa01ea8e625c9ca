using Microsoft.Extensions.DependencyInjection;

namespace Parley.Storage.Tests;

/// <summary>One Parley node's view of the storage: the stores resolved through <c>AddParleyStorage</c>, as the server does.</summary>
public sealed class StoreNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StoreNode(ServiceProvider provider) => _provider = provider;

    public IAccountStore Accounts => _provider.GetRequiredService<IAccountStore>();
    public IMessageStore Messages => _provider.GetRequiredService<IMessageStore>();
    public IDispatchQueue Queue => _provider.GetRequiredService<IDispatchQueue>();
    public IEventStore Events => _provider.GetRequiredService<IEventStore>();
    public IWebhookOutbox Outbox => _provider.GetRequiredService<IWebhookOutbox>();

    public T Service<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Registers the stores, then migrates the schema as the server does before serving traffic.</summary>
    public static async Task<StoreNode> StartAsync(StorageOptions options)
    {
        var node = Build(options);
        await node._provider.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        return node;
    }

    /// <summary>Registers the stores without initializing anything.</summary>
    public static StoreNode Build(StorageOptions options)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddParleyStorage(_ => options);
        return new StoreNode(services.BuildServiceProvider());
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
