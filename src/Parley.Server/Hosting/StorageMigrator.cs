using Parley.Storage;

namespace Parley.Server.Hosting;

/// <summary>Migrates the schema at start: hosted services start before the server takes traffic.</summary>
internal sealed class StorageMigrator(IStorageInitializer storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
