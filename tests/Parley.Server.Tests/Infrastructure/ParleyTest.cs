namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A test class with Parley of its own (<see cref="ParleyFactory"/>), a client with the demo channel's token and an
/// admin client, both made on first use and disposed with the factory. Derived classes extend
/// <see cref="InitializeAsync"/> and <see cref="DisposeAsync"/> by calling the base.
/// </summary>
public abstract class ParleyTest : IAsyncLifetime
{
    private readonly Lazy<HttpClient> _client;
    private readonly Lazy<HttpClient> _admin;

    /// <param name="settings">Configuration on top of <see cref="ParleyFactory"/>'s defaults.</param>
    protected ParleyTest(IDictionary<string, string?>? settings = null)
    {
        Parley = new ParleyFactory(settings ?? new Dictionary<string, string?>());
        _client = new Lazy<HttpClient>(() => Parley.CreateChannelClient());
        _admin = new Lazy<HttpClient>(Parley.CreateAdminClient);
    }

    protected ParleyFactory Parley { get; }

    /// <summary>A client with the demo channel's token.</summary>
    protected HttpClient Client => _client.Value;

    /// <summary>A client with the admin key.</summary>
    protected HttpClient Admin => _admin.Value;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
        await Parley.DisposeAsync();
    }
}
